package io.github.iotdbtable.client;

/**
 * The connection to the server could not be made or broke: nothing is known about the
 * outcome of the request that was in flight. The session that threw it is closed.
 *
 * @since 0.1.0
 */
public class IoTDBConnectionException extends IoTDBException {

	private static final long serialVersionUID = 1L;

	public IoTDBConnectionException(String message) {
		super(message);
	}

	public IoTDBConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
