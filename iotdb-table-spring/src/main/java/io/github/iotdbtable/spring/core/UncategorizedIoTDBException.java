package io.github.iotdbtable.spring.core;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * An IoTDB error that fits no more specific
 * {@link org.springframework.dao.DataAccessException}; the cause carries the status code.
 *
 * @since 0.1.0
 */
public class UncategorizedIoTDBException extends UncategorizedDataAccessException {

	private static final long serialVersionUID = 1L;

	public UncategorizedIoTDBException(String message, Throwable cause) {
		super(message, cause);
	}

}
