package io.github.iotdbtable.client;

import java.util.HashMap;
import java.util.Map;

import io.github.iotdbtable.client.rpc.Endpoint;

/**
 * One slot of a {@link TableSessionPool}: the session that borrowers use, replaced when its connection breaks, and the
 * extra connections that redirected inserts go through. Used by one thread at a time.
 */
final class PoolEntry {

	RpcTableSession session;

	final long createdAt;

	/** When the entry last came back to the pool, in {@link System#nanoTime()}. */
	long returnedAt;

	private final Map<Endpoint, RpcTableSession> redirected = new HashMap<>(4);

	PoolEntry(RpcTableSession session, long now) {
		this.session = session;
		this.createdAt = now;
		this.returnedAt = now;
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
