package io.github.iotdbtable.spring.core;

import java.util.NoSuchElementException;
import java.util.Set;

import io.github.iotdbtable.client.AuthenticationException;
import io.github.iotdbtable.client.IoTDBConnectionException;
import io.github.iotdbtable.client.IoTDBException;
import io.github.iotdbtable.client.PoolTimeoutException;
import io.github.iotdbtable.client.SqlRedaction;
import io.github.iotdbtable.client.StatementExecutionException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates the client's exceptions into Spring's {@link DataAccessException} hierarchy
 * by IoTDB status code. The original exception, with its status code, stays the cause;
 * the message keeps the code and the server's words.
 *
 * <ul>
 * <li>700, 701, 704, 705 (syntax and semantics): {@link BadSqlGrammarException}</li>
 * <li>500, 550, 616 (unknown database, table, column):
 * {@link InvalidDataAccessResourceUsageException}</li>
 * <li>712, 720, 819 (timeouts): {@link QueryTimeoutException}</li>
 * <li>801–804, 811, 817 (login and permission):
 * {@link PermissionDeniedDataAccessException}</li>
 * <li>501, 551, 552 (already exists): {@link DataIntegrityViolationException}</li>
 * <li>614, 615 (type or category mismatch): {@link TypeMismatchDataAccessException}</li>
 * <li>{@code needRetry}, 602, 606, 709, 717, 719, 905, 906 (busy or moving):
 * {@link TransientDataAccessResourceException}</li>
 * <li>other server errors: {@link UncategorizedIoTDBException}</li>
 * <li>connection failures, and a data set whose connection broke:
 * {@link DataAccessResourceFailureException}; a pool wait timeout:
 * {@link TransientDataAccessResourceException}</li>
 * <li>bad input refused before sending, and other misuse the client refuses (a closed
 * pool, a session used after it was given back, a data set read past its end or after its
 * session was closed): {@link InvalidDataAccessApiUsageException}</li>
 * </ul>
 * <p>
 * Only the client's exceptions are translated: its {@link IoTDBException} kinds, and the
 * argument, state, index, iteration and null-argument exceptions its own code throws.
 * Anything else, such as an exception thrown by a row mapper's own code, or one without a
 * stack trace to tell where it came from, is not the client's and is left as it is
 * ({@link #translateExceptionIfPossible} returns {@code null} for it).
 *
 * @since 0.1.0
 */
public final class IoTDBExceptionTranslator implements PersistenceExceptionTranslator {

	private static final Set<Integer> BAD_GRAMMAR = Set.of(700, 701, 704, 705);

	private static final Set<Integer> UNKNOWN_RESOURCE = Set.of(500, 550, 616);

	private static final Set<Integer> TIMEOUT = Set.of(712, 720, 819);

	private static final Set<Integer> PERMISSION = Set.of(801, 802, 803, 804, 811, 817);

	private static final Set<Integer> ALREADY_EXISTS = Set.of(501, 551, 552);

	private static final Set<Integer> TYPE_MISMATCH = Set.of(614, 615);

	private static final Set<Integer> TRANSIENT = Set.of(602, 606, 709, 717, 719, 905, 906);

	private static final String CLIENT_PACKAGE = "io.github.iotdbtable.client.";

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		return isClientException(ex) ? translate("IoTDB operation", null, ex) : null;
	}

	/**
	 * Whether the client threw the exception: one of its {@link IoTDBException} kinds, or
	 * an argument, state, index or iteration exception raised by its own code (not by
	 * code that merely runs inside a callback).
	 * @param ex the exception
	 * @return whether {@link #translate} should be applied to it
	 */
	static boolean isClientException(Throwable ex) {
		if (ex instanceof IoTDBException) {
			return true;
		}
		if (!(ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
				|| ex instanceof IndexOutOfBoundsException || ex instanceof NoSuchElementException
				|| ex instanceof NullPointerException)) {
			return false;
		}
		// the first frame outside the JDK and the client's own libraries tells whose
		// code threw it; the same types from a user's mapper are the user's to handle.
		// Without a stack trace there is no telling, so it is left as it is.
		for (StackTraceElement frame : ex.getStackTrace()) {
			String type = frame.getClassName();
			if (!isLibrary(type)) {
				return type.startsWith(CLIENT_PACKAGE);
			}
		}
		return false;
	}

	private static boolean isLibrary(String type) {
		return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
				|| type.startsWith("sun.") || type.startsWith("com.sun.") || type.startsWith("org.apache.thrift.");
	}

	/**
	 * Translates an exception of the client.
	 * @param task what was being done, for the message
	 * @param sql the statement, if any
	 * @param ex the exception
	 * @return the translated exception
	 */
	public DataAccessException translate(String task, @Nullable String sql, RuntimeException ex) {
		if (ex instanceof DataAccessException translated) {
			return translated;
		}
		// the statement, and any message quoting it, with its passwords masked
		String redactedSql = (sql != null) ? SqlRedaction.redact(sql) : null;
		String message = task + ((redactedSql != null) ? " [" + redactedSql + "]" : "") + "; "
				+ SqlRedaction.redact(String.valueOf(ex.getMessage()));
		if (ex instanceof StatementExecutionException statement) {
			return translate(statement, message, redactedSql);
		}
		if (ex instanceof PoolTimeoutException) {
			return new TransientDataAccessResourceException(message, ex);
		}
		if (ex instanceof IoTDBConnectionException || causedByConnection(ex)) {
			return new DataAccessResourceFailureException(message, ex);
		}
		if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
				|| ex instanceof IndexOutOfBoundsException || ex instanceof NoSuchElementException
				|| ex instanceof NullPointerException) {
			return new InvalidDataAccessApiUsageException(message, ex);
		}
		return new UncategorizedIoTDBException(message, ex);
	}

	/** A data set that can no longer be read because its connection broke. */
	private static boolean causedByConnection(Throwable ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof IoTDBConnectionException) {
				return true;
			}
		}
		return false;
	}

	private static DataAccessException translate(StatementExecutionException ex, String message, @Nullable String sql) {
		int code = ex.getStatusCode();
		if (ex instanceof AuthenticationException || PERMISSION.contains(code)) {
			return new PermissionDeniedDataAccessException(message, ex);
		}
		if (BAD_GRAMMAR.contains(code)) {
			return new BadSqlGrammarException(message, sql, ex);
		}
		if (TIMEOUT.contains(code)) {
			return new QueryTimeoutException(message, ex);
		}
		if (ex.isTransient() || TRANSIENT.contains(code)) {
			return new TransientDataAccessResourceException(message, ex);
		}
		if (UNKNOWN_RESOURCE.contains(code)) {
			return new InvalidDataAccessResourceUsageException(message, ex);
		}
		if (ALREADY_EXISTS.contains(code)) {
			return new DataIntegrityViolationException(message, ex);
		}
		if (TYPE_MISMATCH.contains(code)) {
			return new TypeMismatchDataAccessException(message, ex);
		}
		return new UncategorizedIoTDBException(message, ex);
	}

}
