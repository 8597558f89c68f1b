package io.github.iotdbtable.client.pool;

/**
 * A clock that costs one memory read: the time of the last {@link #advance()}, which the
 * housekeeper calls on every round. Stamps on borrow and return use it, so the hot path
 * never asks the operating system for the time.
 */
public final class CoarseClock {

	private final Clock source;

	private volatile long now;

	public CoarseClock(Clock source) {
		this.source = source;
		this.now = source.nanoTime();
	}

	/** The time of the last advance. */
	public long now() {
		return this.now;
	}

	/** Reads the source. */
	public long precise() {
		return this.source.nanoTime();
	}

	/** Catches up with the source. */
	public void advance() {
		this.now = this.source.nanoTime();
	}

}
