package io.github.iotdbtable.client;

/**
 * The server answered a request with an error status. The session stays usable.
 *
 * @since 0.1.0
 */
public class StatementExecutionException extends IoTDBException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final String serverMessage;

	private final boolean transientFailure;

	public StatementExecutionException(int statusCode, String serverMessage) {
		this(statusCode, serverMessage, false);
	}

	public StatementExecutionException(int statusCode, String serverMessage, boolean transientFailure) {
		super(statusCode + ": " + serverMessage);
		this.statusCode = statusCode;
		this.serverMessage = serverMessage;
		this.transientFailure = transientFailure;
	}

	/**
	 * The IoTDB status code, for example 700 for a syntax error or 550 for an unknown
	 * table.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The server's message, without the status code.
	 * @return the message
	 */
	public String getServerMessage() {
		return this.serverMessage;
	}

	/**
	 * Whether the server marked the failure as transient ({@code needRetry}): the same
	 * request may succeed later.
	 * @return whether a retry may succeed
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

}
