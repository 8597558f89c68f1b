package io.github.iotdbtable.client;

/**
 * Receives the timings of a {@link TableSessionPool}, for example to feed a metrics
 * registry. Called on the thread that borrows or returns the session, or on the pool's
 * background thread that opened it, so implementations must be fast. What they throw is
 * logged and otherwise ignored: it never costs the pool a session.
 *
 * @since 0.1.0
 */
public interface TableSessionPoolListener {

	/** A listener that ignores everything. */
	TableSessionPoolListener NONE = new TableSessionPoolListener() {
	};

	/**
	 * A session was handed out.
	 * @param waitNanos how long {@link TableSessionPool#getSession()} took, including any
	 * wait and session creation
	 */
	default void sessionAcquired(long waitNanos) {
	}

	/**
	 * A session came back to the pool.
	 * @param usageNanos how long it was held
	 */
	default void sessionReturned(long usageNanos) {
	}

	/**
	 * A new connection to the server was opened, for the pool or to replace a broken one.
	 * @param creationNanos how long opening it took
	 */
	default void sessionCreated(long creationNanos) {
	}

	/**
	 * A borrower gave up waiting for a session.
	 * @param waitNanos how long it waited
	 */
	default void acquireTimedOut(long waitNanos) {
	}

}
