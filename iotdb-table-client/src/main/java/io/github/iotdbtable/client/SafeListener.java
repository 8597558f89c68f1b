package io.github.iotdbtable.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a user's {@link TableSessionPoolListener}, logging what it throws: a failing
 * listener must not cost the pool a session.
 */
final class SafeListener implements TableSessionPoolListener {

	private static final Logger logger = LoggerFactory.getLogger(SafeListener.class);

	private final String poolName;

	private final TableSessionPoolListener listener;

	SafeListener(String poolName, TableSessionPoolListener listener) {
		this.poolName = poolName;
		this.listener = listener;
	}

	@Override
	public void sessionAcquired(long waitNanos) {
		try {
			this.listener.sessionAcquired(waitNanos);
		}
		catch (RuntimeException ex) {
			failed("sessionAcquired", ex);
		}
	}

	@Override
	public void sessionReturned(long usageNanos) {
		try {
			this.listener.sessionReturned(usageNanos);
		}
		catch (RuntimeException ex) {
			failed("sessionReturned", ex);
		}
	}

	@Override
	public void sessionCreated(long creationNanos) {
		try {
			this.listener.sessionCreated(creationNanos);
		}
		catch (RuntimeException ex) {
			failed("sessionCreated", ex);
		}
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		try {
			this.listener.acquireTimedOut(waitNanos);
		}
		catch (RuntimeException ex) {
			failed("acquireTimedOut", ex);
		}
	}

	private void failed(String method, RuntimeException ex) {
		logger.warn("The listener of pool {} failed in {}", this.poolName, method, ex);
	}

}
