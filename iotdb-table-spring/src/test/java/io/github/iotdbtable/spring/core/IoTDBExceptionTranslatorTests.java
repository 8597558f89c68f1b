package io.github.iotdbtable.spring.core;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import io.github.iotdbtable.client.AuthenticationException;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.PoolTimeoutException;
import io.github.iotdbtable.client.StatementExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.TypeMismatchDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IoTDBExceptionTranslatorTests {

	private final IoTDBExceptionTranslator translator = new IoTDBExceptionTranslator();

	static Stream<Arguments> statusCodes() {
		return Stream.of(Arguments.of(700, BadSqlGrammarException.class),
				Arguments.of(701, BadSqlGrammarException.class), Arguments.of(704, BadSqlGrammarException.class),
				Arguments.of(705, BadSqlGrammarException.class),
				Arguments.of(500, InvalidDataAccessResourceUsageException.class),
				Arguments.of(550, InvalidDataAccessResourceUsageException.class),
				Arguments.of(616, InvalidDataAccessResourceUsageException.class),
				Arguments.of(712, QueryTimeoutException.class), Arguments.of(720, QueryTimeoutException.class),
				Arguments.of(819, QueryTimeoutException.class),
				Arguments.of(801, PermissionDeniedDataAccessException.class),
				Arguments.of(802, PermissionDeniedDataAccessException.class),
				Arguments.of(803, PermissionDeniedDataAccessException.class),
				Arguments.of(804, PermissionDeniedDataAccessException.class),
				Arguments.of(811, PermissionDeniedDataAccessException.class),
				Arguments.of(817, PermissionDeniedDataAccessException.class),
				Arguments.of(501, DataIntegrityViolationException.class),
				Arguments.of(551, DataIntegrityViolationException.class),
				Arguments.of(552, DataIntegrityViolationException.class),
				Arguments.of(614, TypeMismatchDataAccessException.class),
				Arguments.of(615, TypeMismatchDataAccessException.class),
				Arguments.of(602, TransientDataAccessResourceException.class),
				Arguments.of(606, TransientDataAccessResourceException.class),
				Arguments.of(709, TransientDataAccessResourceException.class),
				Arguments.of(717, TransientDataAccessResourceException.class),
				Arguments.of(719, TransientDataAccessResourceException.class),
				Arguments.of(905, TransientDataAccessResourceException.class),
				Arguments.of(906, TransientDataAccessResourceException.class),
				// the fallback: a server error of no known group
				Arguments.of(301, UncategorizedIoTDBException.class),
				Arguments.of(999, UncategorizedIoTDBException.class));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("statusCodes")
	void eachStatusCodeGroupHasItsException(int code, Class<? extends DataAccessException> expected) {
		StatementExecutionException ex = new StatementExecutionException(code, "server says no");
		DataAccessException translated = this.translator.translate("execute", "SELECT 1", ex);
		assertThat(translated).isExactlyInstanceOf(expected).hasCause(ex);
		assertThat(translated.getMessage()).isEqualTo("execute [SELECT 1]; " + code + ": server says no");
		assertThat(this.translator.translateExceptionIfPossible(ex)).isExactlyInstanceOf(expected);
	}

	@Test
	void theClientsOtherExceptionsHaveTheirOwn() {
		assertThat(this.translator.translate("t", null, new AuthenticationException(800, "refused")))
			.isExactlyInstanceOf(PermissionDeniedDataAccessException.class);
		assertThat(this.translator.translate("t", null, new PoolTimeoutException("no free session")))
			.isExactlyInstanceOf(TransientDataAccessResourceException.class);
		assertThat(this.translator.translate("t", null, new IoTDBConnectionException("node gone")))
			.isExactlyInstanceOf(DataAccessResourceFailureException.class);
		assertThat(this.translator.translate("t", null, new IoTDBException("odd")))
			.isExactlyInstanceOf(UncategorizedIoTDBException.class);
		assertThat(this.translator.translate("t", null, new IllegalStateException("given back")))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
		assertThat(this.translator.translate("t", null,
				new IllegalStateException("its connection broke", new IoTDBConnectionException("node gone"))))
			.isExactlyInstanceOf(DataAccessResourceFailureException.class);
		assertThat(this.translator.translate("t", null, new NullPointerException("tablet")))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
		assertThat(this.translator.translate("t", null, new IllegalArgumentException("bad")))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
		assertThat(this.translator.translate("t", null, new NoSuchElementException("past the end")))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
	}

	@Test
	void aTransientStatusIsTransientWhateverItsCode() {
		StatementExecutionException busy = new StatementExecutionException(301, "busy", true);
		assertThat(this.translator.translate("t", null, busy))
			.isExactlyInstanceOf(TransientDataAccessResourceException.class);
	}

	@Test
	void exceptionsThatAreNotTheClientsAreNotTranslated() {
		assertThat(this.translator.translateExceptionIfPossible(new IllegalArgumentException("user's own"))).isNull();
		assertThat(this.translator.translateExceptionIfPossible(new IllegalStateException("user's own"))).isNull();
		assertThat(this.translator.translateExceptionIfPossible(new UnsupportedOperationException())).isNull();
		IllegalArgumentException fromTheClient = clientThrows();
		assertThat(this.translator.translateExceptionIfPossible(fromTheClient))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
		// raised by the JDK for code of this class: the user's
		IndexOutOfBoundsException fromTheJdk = catchThrowableOfType(IndexOutOfBoundsException.class,
				() -> List.of().get(1));
		assertThat(this.translator.translateExceptionIfPossible(fromTheJdk)).isNull();
		// raised by the JDK for the client's code: the client's
		NullPointerException fromTheClientsCheck = catchThrowableOfType(NullPointerException.class,
				() -> io.github.iotdbtable.client.RetryPolicy.idempotentStatements(null));
		assertThat(this.translator.translateExceptionIfPossible(fromTheClientsCheck))
			.isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
		// no stack trace, no telling whose it is
		IllegalArgumentException untraced = clientThrows();
		untraced.setStackTrace(new StackTraceElement[0]);
		assertThat(this.translator.translateExceptionIfPossible(untraced)).isNull();
	}

	@Test
	void aMappedObjectWithoutTimeIsRefusedAsMisuse() {
		TabletMapper<String> mapper = TabletMapper.<String>forTable("t")
			.timestamp((item) -> 0L)
			.tag("id", (item) -> item)
			.build();
		TabletMapper<String> noTime = TabletMapper.<String>forTable("t")
			.time((item) -> null)
			.tag("id", (item) -> item)
			.build();
		assertThat(mapper.toTablet(List.of("a")).rowCount()).isOne();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> noTime.toTablet(List.of("a")))
			.withMessage("row 0 of table 't' has no time");
	}

	@Test
	void aTranslatedExceptionIsKept() {
		DataAccessException done = new QueryTimeoutException("already");
		assertThat(this.translator.translate("t", null, done)).isSameAs(done);
	}

	@Test
	void aRefusedStatementsPasswordIsMaskedInTheMessage() {
		DataAccessException translated = this.translator.translate("execute", "CREATE USER u 'S3cret-pw'",
				new StatementExecutionException(551, "user u already exists"));
		assertThat(translated).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(translated.getMessage()).isEqualTo("execute [CREATE USER u '***']; 551: user u already exists");
	}

	@Test
	void aBadStatementKeepsItsSqlMasked() {
		DataAccessException translated = this.translator.translate("execute", "ALTER USER u SET PASSWORD 'S3cret-pw' x",
				new StatementExecutionException(700,
						"line 1:40 mismatched input 'x', in ALTER USER u SET PASSWORD 'S3cret-pw' x"));
		assertThat(translated).isInstanceOf(BadSqlGrammarException.class);
		assertThat(translated.getMessage()).doesNotContain("S3cret");
		assertThat(((BadSqlGrammarException) translated).getSql()).isEqualTo("ALTER USER u SET PASSWORD '***' x");
	}

	private static IllegalArgumentException clientThrows() {
		try {
			io.github.iotdbtable.client.ColumnCategory.of("NOT_A_CATEGORY");
			throw new AssertionError("refused");
		}
		catch (IllegalArgumentException ex) {
			return ex;
		}
	}

}
