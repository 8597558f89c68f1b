package io.github.iotdbtable.client;

/**
 * No session of a {@link TableSessionPool} became free within the pool's wait timeout.
 * Nothing was sent to the server; the pool stays usable.
 *
 * @since 0.1.0
 */
public class PoolTimeoutException extends IoTDBException {

	private static final long serialVersionUID = 1L;

	public PoolTimeoutException(String message) {
		super(message);
	}

}
