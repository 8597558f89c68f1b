package io.github.iotdbtable.client;

/**
 * Receives what a {@link TableWriter} does, for example to feed a metrics registry.
 * Called on the writer's sender threads, or on the adding thread for dropped rows, so
 * implementations must be fast. What they throw is logged and otherwise ignored.
 *
 * @since 0.1.0
 */
public interface TableWriterListener {

	/** A listener that ignores everything. */
	TableWriterListener NONE = new TableWriterListener() {
	};

	/**
	 * A batch was written.
	 * @param table the table
	 * @param rows its rows
	 * @param nanos how long sending it took, borrowing a session included
	 */
	default void batchSent(String table, int rows, long nanos) {
	}

	/**
	 * A batch failed and goes to the failure handler.
	 * @param table the table
	 * @param rows its rows
	 * @param nanos how long sending it took, retries included
	 */
	default void batchFailed(String table, int rows, long nanos) {
	}

	/**
	 * A row was dropped because the writer was full (only with
	 * {@link TableWriterConfig.Overflow#DROP}).
	 * @param table the table
	 */
	default void rowDropped(String table) {
	}

}
