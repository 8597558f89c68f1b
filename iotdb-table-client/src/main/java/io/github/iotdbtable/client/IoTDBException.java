package io.github.iotdbtable.client;

/**
 * Base of the exceptions this client throws when talking to IoTDB failed. Input the
 * client rejects before any I/O is reported with {@link IllegalArgumentException}
 * instead.
 *
 * @since 0.1.0
 */
public class IoTDBException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public IoTDBException(String message) {
		super(message);
	}

	public IoTDBException(String message, Throwable cause) {
		super(message, cause);
	}

}
