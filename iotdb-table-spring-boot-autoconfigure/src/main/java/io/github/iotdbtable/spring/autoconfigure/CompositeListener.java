package io.github.iotdbtable.spring.autoconfigure;

import java.util.List;

import io.github.iotdbtable.client.TableSessionPoolListener;

/**
 * Passes the pool's timings to every listener bean; no listener costs nothing.
 */
final class CompositeListener implements TableSessionPoolListener {

	private final TableSessionPoolListener[] listeners;

	private CompositeListener(List<TableSessionPoolListener> listeners) {
		this.listeners = listeners.toArray(new TableSessionPoolListener[0]);
	}

	static TableSessionPoolListener of(List<TableSessionPoolListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> TableSessionPoolListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeListener(listeners);
		};
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
