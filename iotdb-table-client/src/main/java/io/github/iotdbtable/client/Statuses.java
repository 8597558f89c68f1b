package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.Status;

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
		if (status.isSuccess()) {
			return;
		}
		Status failure = status.firstFailure();
		int code = failure.code();
		String message = (failure.message() != null) ? failure.message() : "(no message)";
		if (code == WRONG_LOGIN_PASSWORD || code == USER_NOT_EXIST) {
			throw new AuthenticationException(code, message);
		}
		throw new StatementExecutionException(code, message, failure.needRetry() || status.needRetry());
	}

}
