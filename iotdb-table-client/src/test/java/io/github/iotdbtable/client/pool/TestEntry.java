package io.github.iotdbtable.client.pool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An entry that counts its closes and knows its owner, for the bag's tests. */
final class TestEntry extends ConcurrentBag.Entry {

	final int id;

	final AtomicInteger closes = new AtomicInteger();

	final AtomicReference<Object> owner = new AtomicReference<>();

	TestEntry(int id) {
		this.id = id;
	}

	@Override
	public String toString() {
		return "entry " + this.id;
	}

}
