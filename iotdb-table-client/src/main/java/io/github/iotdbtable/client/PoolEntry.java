package io.github.iotdbtable.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

import io.github.iotdbtable.client.rpc.Endpoint;

/**
 * One slot of a {@link TableSessionPool}: the session that borrowers use, replaced when
 * its connection breaks, and the extra connections that redirected inserts go through.
 * Borrowers take it by switching its state from idle to in use; only the borrower touches
 * the sessions.
 */
final class PoolEntry {

	static final int IDLE = 0;

	static final int IN_USE = 1;

	static final int REMOVED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(PoolEntry.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	RpcTableSession session;

	/** When the entry was created, in ticks of the pool's coarse clock. */
	final long createdTick;

	/** When the entry last came back to the pool, in ticks of the pool's coarse clock. */
	volatile long returnedTick;

	@SuppressWarnings("unused") // through STATE
	private volatile int state = IN_USE;

	private final Map<Endpoint, RpcTableSession> redirected = new HashMap<>(4);

	PoolEntry(RpcTableSession session, long tick) {
		this.session = session;
		this.createdTick = tick;
		this.returnedTick = tick;
	}

	boolean take() {
		return STATE.compareAndSet(this, IDLE, IN_USE);
	}

	boolean remove() {
		return STATE.compareAndSet(this, IDLE, REMOVED);
	}

	/**
	 * Makes a borrowed entry idle again; a full fence, so that waiting borrowers checked
	 * afterwards see it.
	 */
	void free() {
		STATE.setVolatile(this, IDLE);
	}

	void markRemoved() {
		STATE.setVolatile(this, REMOVED);
	}

	int state() {
		return (int) STATE.getVolatile(this);
	}

	Map<Endpoint, RpcTableSession> redirected() {
		return this.redirected;
	}

	/** Closes the session and the redirect connections. */
	void close() {
		this.session.close();
		for (RpcTableSession connection : this.redirected.values()) {
			connection.close();
		}
		this.redirected.clear();
	}

}
