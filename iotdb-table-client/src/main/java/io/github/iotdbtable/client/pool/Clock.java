package io.github.iotdbtable.client.pool;

/**
 * A source of monotonic time, in nanoseconds; tests give the pool one they move by hand.
 */
@FunctionalInterface
public interface Clock {

	/** The clock of {@link System#nanoTime()}. */
	Clock SYSTEM = System::nanoTime;

	long nanoTime();

}
