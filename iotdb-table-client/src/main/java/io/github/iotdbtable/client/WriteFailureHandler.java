package io.github.iotdbtable.client;

/**
 * Receives the rows of a batch that a {@link TableWriter} could not send, after the
 * pool's retry policy gave up: to store them elsewhere, retry them later or alert. Called
 * on one of the writer's sender threads; what it throws is logged.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WriteFailureHandler {

	/**
	 * A batch was not written.
	 * @param rows the rows of the batch, as they were added
	 * @param cause why it failed
	 */
	void failed(Tablet rows, RuntimeException cause);

}
