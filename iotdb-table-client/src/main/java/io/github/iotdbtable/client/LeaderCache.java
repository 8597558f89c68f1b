package io.github.iotdbtable.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * The DataNode the server named as leader of each device's data, learnt from the
 * redirection hints of inserts.
 */
final class LeaderCache {

	/**
	 * Bounds the memory of the cache; past it the cache starts over, which costs one
	 * redirected insert per device.
	 */
	static final int MAX_DEVICES = 1_000_000;

	private final Map<String, Endpoint> leaders = new ConcurrentHashMap<>();

	@Nullable Endpoint leaderOf(String device) {
		return this.leaders.get(device);
	}

	void learn(String device, Endpoint leader) {
		if (this.leaders.size() >= MAX_DEVICES) {
			this.leaders.clear();
		}
		this.leaders.put(device, leader);
	}

	/** Drops every device led by a node that cannot be reached. */
	void forget(Endpoint leader) {
		this.leaders.values().removeIf(leader::equals);
	}

	boolean isEmpty() {
		return this.leaders.isEmpty();
	}

	int size() {
		return this.leaders.size();
	}

	/**
	 * The device of a row: the table and its tag values, as the server groups rows into
	 * devices.
	 * @param tagColumns the tablet's TAG columns, in order
	 */
	static String device(TabletData tablet, int[] tagColumns, int row) {
		StringBuilder device = new StringBuilder(tablet.schema().tableName());
		for (int column : tagColumns) {
			String value = tablet.stringValue(column, row);
			device.append('\u0000');
			if (value != null) {
				device.append(value.length()).append(':').append(value);
			}
		}
		return device.toString();
	}

}
