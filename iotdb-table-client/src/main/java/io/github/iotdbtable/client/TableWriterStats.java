package io.github.iotdbtable.client;

/**
 * A snapshot of a {@link TableWriter}'s counts since it started. They are read one after
 * the other while the writer works, so they need not add up exactly.
 *
 * @param bufferedRows the rows taken and not yet written or handed to the failure handler
 * @param maxBufferedRows the most rows the writer holds
 * @param sentRows the rows written
 * @param failedRows the rows handed to the failure handler
 * @param droppedRows the rows dropped because the writer was full
 * @param sentBatches the batches written
 * @param failedBatches the batches handed to the failure handler
 * @since 0.1.0
 */
public record TableWriterStats(int bufferedRows, int maxBufferedRows, long sentRows, long failedRows, long droppedRows,
		long sentBatches, long failedBatches) {
}
