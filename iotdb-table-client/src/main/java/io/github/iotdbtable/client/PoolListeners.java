package io.github.iotdbtable.client;

import java.util.Arrays;

/**
 * The listeners of one pool: the one it was built with and any added later, each called
 * through a {@link SafeListener}. Adding copies the array, so the pool's threads read it
 * without a lock.
 */
final class PoolListeners implements TableSessionPoolListener {

	private static final TableSessionPoolListener[] NONE = {};

	private final String poolName;

	private volatile TableSessionPoolListener[] listeners = NONE;

	PoolListeners(String poolName, TableSessionPoolListener first) {
		this.poolName = poolName;
		if (first != TableSessionPoolListener.NONE) {
			add(first);
		}
	}

	/** Whether anyone listens: without listeners the pool does not read the clock. */
	boolean isTimed() {
		return this.listeners.length != 0;
	}

	synchronized void add(TableSessionPoolListener listener) {
		TableSessionPoolListener[] current = this.listeners;
		TableSessionPoolListener[] added = Arrays.copyOf(current, current.length + 1);
		added[current.length] = new SafeListener(this.poolName, listener);
		this.listeners = added;
	}

	@Override
	public void sessionAcquired(long waitNanos) {
		for (TableSessionPoolListener listener : this.listeners) {
			listener.sessionAcquired(waitNanos);
		}
	}

	@Override
	public void sessionReturned(long usageNanos) {
		for (TableSessionPoolListener listener : this.listeners) {
			listener.sessionReturned(usageNanos);
		}
	}

	@Override
	public void sessionCreated(long creationNanos) {
		for (TableSessionPoolListener listener : this.listeners) {
			listener.sessionCreated(creationNanos);
		}
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		for (TableSessionPoolListener listener : this.listeners) {
			listener.acquireTimedOut(waitNanos);
		}
	}

}
