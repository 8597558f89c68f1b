package io.github.iotdbtable.client;

import java.time.Duration;

import io.github.iotdbtable.client.RetryPolicy.Attempt;
import io.github.iotdbtable.client.RetryPolicy.Kind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The default policy's decisions, as the pool applies them (through {@link Retrier},
 * which adds the interrupt and the bound of {@code maxRetry}): each kind of operation
 * against each kind of failure.
 */
class RetryPolicyTests {

	private static final int MAX_RETRY = 3;

	private static final Duration BACKOFF = Duration.ofMillis(100);

	private final Retrier retrier = retrier(RetryPolicy.defaults());

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void whatWasNotSentIsRetriedAfterAPause(Kind kind) {
		assertThat(decide(kind, 1, connectionFailure(), false)).isEqualTo(BACKOFF);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aConnectionThatBrokeInFlightRetriesOnlyWhatIsSafeToRepeat(Kind kind) {
		Duration expected = (kind == Kind.STATEMENT) ? null : Duration.ZERO;
		assertThat(decide(kind, 1, connectionFailure(), true)).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aTransientRefusalIsRetriedAfterAPause(Kind kind) {
		assertThat(decide(kind, 1, new StatementExecutionException(301, "leader changing", true), true))
			.isEqualTo(BACKOFF);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void anyOtherRefusalIsNotRetried(Kind kind) {
		assertThat(decide(kind, 1, new StatementExecutionException(700, "syntax error"), true)).isNull();
		assertThat(decide(kind, 1, new AuthenticationException(801, "wrong password"), true)).isNull();
		assertThat(decide(kind, 1, new IoTDBException("something else"), true)).isNull();
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void nothingIsRetriedAfterTheThreadWasInterrupted(Kind kind) {
		Thread.currentThread().interrupt();
		assertThat(decide(kind, 1, connectionFailure(), false)).isNull();
		assertThat(decide(kind, 1, connectionFailure(), true)).isNull();
		assertThat(decide(kind, 1, new StatementExecutionException(301, "leader changing", true), true)).isNull();
		assertThat(Thread.currentThread().isInterrupted()).as("flag kept").isTrue();
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void nothingIsRetriedMoreThanMaxRetryTimes(Kind kind) {
		assertThat(decide(kind, MAX_RETRY, connectionFailure(), false)).isNotNull();
		assertThat(decide(kind, MAX_RETRY + 1, connectionFailure(), false)).isNull();
		assertThat(decide(kind, MAX_RETRY + 1, new StatementExecutionException(301, "busy", true), true)).isNull();
		RetryPolicy always = (attempt) -> Duration.ZERO;
		assertThat(retrier(always).decide(attempt(kind, MAX_RETRY + 1, connectionFailure(), true))).isNull();
	}

	@Test
	void thePauseDoublesUpToALimit() {
		assertThat(decide(Kind.INSERT, 2, connectionFailure(), false)).isEqualTo(Duration.ofMillis(200));
		assertThat(DefaultRetryPolicy.backoff(6)).isEqualTo(Duration.ofMillis(3_200));
		assertThat(DefaultRetryPolicy.backoff(60)).isEqualTo(Duration.ofMillis(3_200));
	}

	@Test
	void statementsDeclaredIdempotentAreRetriedAfterAConnectionBrokeInFlight() {
		Retrier lenient = retrier(RetryPolicy.idempotentStatements((sql) -> sql.startsWith("CREATE")));
		assertThat(lenient.decide(new Attempt(Kind.STATEMENT, "CREATE TABLE IF NOT EXISTS t (v INT32 FIELD)", 1,
				connectionFailure(), true)))
			.isEqualTo(Duration.ZERO);
		assertThat(lenient.decide(new Attempt(Kind.STATEMENT, "DELETE FROM t", 1, connectionFailure(), true))).isNull();
		assertThat(lenient.decide(new Attempt(Kind.STATEMENT, "CREATE TABLE t (v INT32 FIELD)", 1,
				new StatementExecutionException(700, "syntax"), true)))
			.isNull();
	}

	@Test
	void anAttemptIsNumberedFromOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> attempt(Kind.QUERY, 0, connectionFailure(), true))
			.withMessage("number must be at least 1, was 0");
	}

	@Test
	void theConfigHasTheDefaultPolicyUnlessToldOtherwise() {
		assertThat(TableSessionPoolConfig.builder().build().getRetryPolicy()).isSameAs(RetryPolicy.defaults());
		RetryPolicy never = (attempt) -> null;
		TableSessionPoolConfig config = TableSessionPoolConfig.builder().retryPolicy(never).build();
		assertThat(config.getRetryPolicy()).isSameAs(never);
		assertThat(TableSessionPoolConfig.builder().build().toString()).contains("retryPolicy=RetryPolicy.defaults()");
	}

	private @Nullable Duration decide(Kind kind, int number, IoTDBException failure, boolean requestSent) {
		return this.retrier.decide(attempt(kind, number, failure, requestSent));
	}

	private static Attempt attempt(Kind kind, int number, IoTDBException failure, boolean requestSent) {
		return new Attempt(kind, (kind == Kind.INSERT) ? null : "SQL", number, failure, requestSent);
	}

	private static IoTDBConnectionException connectionFailure() {
		return new IoTDBConnectionException("connection reset");
	}

	private static Retrier retrier(RetryPolicy policy) {
		return new Retrier(policy, MAX_RETRY, (database) -> {
			throw new AssertionError("no connection is opened here");
		}, (node) -> {
		});
	}

}
