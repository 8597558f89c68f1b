package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * The one place where a server status becomes an exception.
 */
final class Statuses {

	static final int WRONG_LOGIN_PASSWORD = 801;

	static final int USER_NOT_EXIST = 804;

	private Statuses() {
	}

	/**
	 * Throws when the status is a failure.
	 * @param status the status
	 * @throws AuthenticationException for a refused login
	 * @throws StatementExecutionException for any other failure
	 */
	static void check(Status status) {
		check(status, null);
	}

	/**
	 * Throws when the status is a failure, with the statement's passwords masked in the
	 * server's message, which may quote the statement.
	 * @param status the status
	 * @param sql the statement the status answers, if any
	 * @throws AuthenticationException for a refused login
	 * @throws StatementExecutionException for any other failure
	 */
	static void check(Status status, @Nullable String sql) {
		if (status.isSuccess()) {
			return;
		}
		Status failure = status.firstFailure();
		int code = failure.code();
		String message = (failure.message() != null) ? SqlRedaction.redactAnswer(failure.message(), sql)
				: "(no message)";
		if (code == WRONG_LOGIN_PASSWORD || code == USER_NOT_EXIST) {
			throw new AuthenticationException(code, message);
		}
		throw new StatementExecutionException(code, message, failure.needRetry() || status.needRetry());
	}

}
