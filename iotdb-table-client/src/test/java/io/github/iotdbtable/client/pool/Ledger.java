package io.github.iotdbtable.client.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test did with a bag's entries: those created, their owners and their closes; and
 * the bag's invariants, checked against it when no operation is under way.
 */
final class Ledger {

	private final AtomicInteger ids = new AtomicInteger();

	final Queue<TestEntry> created = new ConcurrentLinkedQueue<>();

	final Queue<String> violations = new ConcurrentLinkedQueue<>();

	TestEntry newEntry() {
		TestEntry entry = new TestEntry(this.ids.incrementAndGet());
		this.created.add(entry);
		return entry;
	}

	/** Records that {@code owner} got the entry from the bag. */
	void take(TestEntry entry, Object owner) {
		if (!entry.isInUse()) {
			this.violations.add(entry + " handed out in state " + entry.state());
		}
		Object previous = entry.owner.getAndSet(owner);
		if (previous != null) {
			this.violations.add(entry + " handed to " + owner + " while " + previous + " holds it");
		}
	}

	/** Records that {@code owner} is about to give the entry up. */
	void give(TestEntry entry, Object owner) {
		if (!entry.owner.compareAndSet(owner, null)) {
			this.violations.add(owner + " gives up " + entry + ", held by " + entry.owner.get());
		}
	}

	/** Records that the entry, given up by the bag, was closed. */
	void close(TestEntry entry) {
		int closes = entry.closes.incrementAndGet();
		if (closes != 1) {
			this.violations.add(entry + " closed " + closes + " times");
		}
		if (!entry.isRemoved()) {
			this.violations.add(entry + " closed while still in the bag in state " + entry.state());
		}
	}

	void closeAll(List<TestEntry> entries) {
		entries.forEach(this::close);
	}

	/** The invariants that hold whenever no operation on the bag is under way. */
	List<String> check(ConcurrentBag<TestEntry> bag) {
		List<String> problems = new ArrayList<>(this.violations);
		List<TestEntry> inBag = bag.entries();
		if (bag.total() != inBag.size() + bag.creating()) {
			problems
				.add("total " + bag.total() + " but " + inBag.size() + " entries and " + bag.creating() + " creating");
		}
		if (bag.total() > bag.capacity() || bag.creating() < 0) {
			problems.add("total " + bag.total() + ", creating " + bag.creating() + ", capacity " + bag.capacity());
		}
		for (TestEntry entry : this.created) {
			boolean there = inBag.contains(entry);
			int closes = entry.closes.get();
			if (closes > 1 || (closes == 1) == there) {
				problems.add(entry + " closed " + closes + " times, " + (there ? "" : "not ") + "in the bag");
			}
			if (there && entry.isRemoved()) {
				problems.add(entry + " removed but still in a slot");
			}
			if (there && entry.isInUse() != (entry.owner.get() != null)) {
				problems.add(entry + " in state " + entry.state() + " with owner " + entry.owner.get());
			}
		}
		if (bag.isClosed() && bag.idle() != 0) {
			problems.add(bag.idle() + " idle entries after close");
		}
		if (bag.waiting() != 0) {
			problems.add(bag.waiting() + " waiters left");
		}
		return problems;
	}

}
