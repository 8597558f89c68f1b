package io.github.iotdbtable.client;

import java.util.HashMap;
import java.util.Map;

import io.github.iotdbtable.client.pool.ConcurrentBag;
import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * What a slot of a {@link TableSessionPool} holds: the session that borrowers use,
 * replaced when its connection breaks, and the extra connections that redirected inserts
 * go through. Only the borrower touches them.
 */
final class PoolEntry extends ConcurrentBag.Entry {

	RpcTableSession session;

	private final Map<Endpoint, RpcTableSession> redirected = new HashMap<>(4);

	/** Where and by which thread it was last borrowed, when leaks are watched. */
	volatile @Nullable Exception borrowedHere;

	volatile @Nullable String borrowedBy;

	PoolEntry(RpcTableSession session) {
		this.session = session;
	}

	Map<Endpoint, RpcTableSession> redirected() {
		return this.redirected;
	}

	/** Closes the session and the redirect connections. */
	void close() {
		try {
			this.session.close();
		}
		finally {
			for (RpcTableSession connection : this.redirected.values()) {
				connection.close();
			}
			this.redirected.clear();
		}
	}

}
