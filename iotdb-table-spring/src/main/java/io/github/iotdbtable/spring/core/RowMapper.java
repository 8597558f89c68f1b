package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.Row;
import org.jspecify.annotations.Nullable;

/**
 * Maps one row of a query result to an object.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface RowMapper<T extends @Nullable Object> {

	/**
	 * Maps one row to an object.
	 * @param row the current row, valid only during the call
	 * @param rowNumber the row's number, from 0
	 * @return the object for the row
	 */
	T mapRow(Row row, int rowNumber);

}
