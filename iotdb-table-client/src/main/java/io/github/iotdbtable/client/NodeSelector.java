package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotdbtable.client.rpc.Endpoint;

/**
 * Chooses the DataNode for a new connection: round robin over the nodes, a node that
 * failed tried only after the others until its quarantine is over.
 */
final class NodeSelector {

	static final long QUARANTINE_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final List<Endpoint> endpoints;

	private final AtomicInteger next = new AtomicInteger();

	private final Map<Endpoint, Long> failedAt = new ConcurrentHashMap<>();

	NodeSelector(List<Endpoint> endpoints) {
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * The nodes to try, in order: the healthy ones starting with the next in turn, then
	 * those in quarantine.
	 * @return every node once
	 */
	List<Endpoint> candidates() {
		int count = this.endpoints.size();
		if (count == 1) {
			return this.endpoints;
		}
		int start = Math.floorMod(this.next.getAndIncrement(), count);
		List<Endpoint> healthy = new ArrayList<>(count);
		List<Endpoint> quarantined = new ArrayList<>(0);
		long now = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Endpoint endpoint = this.endpoints.get((start + i) % count);
			Long failed = this.failedAt.get(endpoint);
			if (failed != null && now - failed < QUARANTINE_NANOS) {
				quarantined.add(endpoint);
			}
			else {
				healthy.add(endpoint);
			}
		}
		healthy.addAll(quarantined);
		return healthy;
	}

	void failed(Endpoint endpoint) {
		this.failedAt.put(endpoint, System.nanoTime());
	}

	void succeeded(Endpoint endpoint) {
		this.failedAt.remove(endpoint);
	}

}
