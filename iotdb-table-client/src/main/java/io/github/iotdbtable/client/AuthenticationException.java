package io.github.iotdbtable.client;

/**
 * The server refused the login: wrong password (801) or unknown user (804).
 *
 * @since 0.1.0
 */
public class AuthenticationException extends StatementExecutionException {

	private static final long serialVersionUID = 1L;

	public AuthenticationException(int statusCode, String serverMessage) {
		super(statusCode, serverMessage);
	}

}
