package io.github.iotdbtable.client;

import java.util.Map;

/**
 * A snapshot of a {@link TableSessionPool}'s state. The counts are read one after the
 * other while the pool works, so they need not add up exactly.
 *
 * @param maxPoolSize the most sessions the pool holds
 * @param active the sessions borrowed now
 * @param idle the sessions ready to be borrowed
 * @param pending the threads waiting for a session
 * @param totalCreated the connections opened since the pool started, including
 * replacements of broken ones
 * @param timeouts the borrowers that gave up waiting since the pool started
 * @param insertsByNode the insert requests sent to each DataNode ({@code host:port})
 * since the pool started
 * @since 0.1.0
 */
public record TableSessionPoolStats(int maxPoolSize, int active, int idle, int pending, long totalCreated,
		long timeouts, Map<String, Long> insertsByNode) {

	public TableSessionPoolStats {
		insertsByNode = Map.copyOf(insertsByNode);
	}

	/** The sessions open now, borrowed or idle. */
	public int total() {
		return this.active + this.idle;
	}

}
