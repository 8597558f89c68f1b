package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.Row;

/**
 * Handles each row of a query result in turn, without collecting them.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RowCallbackHandler {

	/**
	 * Handles one row.
	 * @param row the current row, valid only during the call
	 */
	void processRow(Row row);

}
