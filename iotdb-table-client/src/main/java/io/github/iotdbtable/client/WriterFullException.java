package io.github.iotdbtable.client;

/**
 * A {@link TableWriter} held as many rows as it may and none was sent in time to make
 * room for another: the row was not taken. The server is slower than the rows come, or
 * down; the writer stays usable.
 *
 * @since 0.1.0
 */
public class WriterFullException extends IoTDBException {

	private static final long serialVersionUID = 1L;

	public WriterFullException(String message) {
		super(message);
	}

	public WriterFullException(String message, Throwable cause) {
		super(message, cause);
	}

}
