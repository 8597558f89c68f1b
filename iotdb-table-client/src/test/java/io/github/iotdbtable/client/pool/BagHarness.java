package io.github.iotdbtable.client.pool;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A bag with a creator that answers at once, and the moves of its users, each recorded in
 * a {@link Ledger}: borrow, give back through a handle that closes like the pool's
 * sessions, remove a broken entry, evict, close.
 */
final class BagHarness {

	final ManualClock source = new ManualClock();

	final CoarseClock clock;

	final Ledger ledger = new Ledger();

	final ConcurrentBag<TestEntry> bag;

	private final AtomicInteger creations = new AtomicInteger();

	/** Whether the creator reports failures instead of making entries. */
	volatile boolean failing;

	/** When not 0, every so many creations fail. */
	volatile int failEvery;

	BagHarness(int capacity, long patienceNanos) {
		this(capacity, patienceNanos, null);
	}

	/** A bag on {@code clock}, or on {@link #source} when null. */
	BagHarness(int capacity, long patienceNanos, @Nullable Clock clock) {
		this.clock = new CoarseClock((clock != null) ? clock : this.source);
		this.bag = new ConcurrentBag<>(capacity, patienceNanos, this::create, this.clock);
	}

	/** The times the bag asked for an entry. */
	final AtomicInteger asked = new AtomicInteger();

	private void create() {
		this.asked.incrementAndGet();
		int every = this.failEvery;
		if (this.failing || (every != 0 && this.creations.incrementAndGet() % every == 0)) {
			this.bag.createFailed(new IllegalStateException("cannot create"));
			return;
		}
		TestEntry entry = this.ledger.newEntry();
		if (!this.bag.add(entry)) {
			this.ledger.close(entry);
		}
	}

	/**
	 * Borrows an entry.
	 * @return a handle on it, or null when none came: see {@link Outcome}
	 */
	@Nullable Handle borrow(long timeoutNanos, AtomicReference<Outcome> outcome) {
		try {
			TestEntry entry = this.bag.borrow(timeoutNanos);
			Handle handle = new Handle(entry);
			this.ledger.take(entry, handle);
			outcome.set(Outcome.BORROWED);
			return handle;
		}
		catch (TimeoutException ex) {
			outcome.set(Outcome.TIMED_OUT);
		}
		catch (ExecutionException ex) {
			outcome.set(Outcome.FAILED);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome.set(Outcome.INTERRUPTED);
		}
		catch (IllegalStateException ex) {
			outcome.set(Outcome.CLOSED);
		}
		return null;
	}

	@Nullable Handle borrow(long timeoutNanos) {
		return borrow(timeoutNanos, new AtomicReference<>());
	}

	/** Closes the bag and the entries it gives up. */
	void closeBag() {
		this.ledger.closeAll(this.bag.close());
	}

	/** Evicts the idle entries, as the housekeeper does. */
	int evictIdle() {
		int evicted = 0;
		for (TestEntry entry : this.bag.entries()) {
			if (this.bag.evict(entry)) {
				this.ledger.close(entry);
				evicted++;
			}
		}
		return evicted;
	}

	List<String> check() {
		return this.ledger.check(this.bag);
	}

	/** How a borrow ended. */
	enum Outcome {

		BORROWED, TIMED_OUT, FAILED, INTERRUPTED, CLOSED

	}

	/**
	 * A borrower's hold on an entry; closing it gives the entry back once, like the
	 * pool's sessions, also when two threads close it at once.
	 */
	final class Handle {

		private final AtomicReference<@Nullable TestEntry> entry;

		Handle(TestEntry entry) {
			this.entry = new AtomicReference<>(entry);
		}

		/** Gives the entry back; later calls do nothing. */
		boolean close() {
			TestEntry held = this.entry.getAndSet(null);
			if (held == null) {
				return false;
			}
			BagHarness.this.ledger.give(held, this);
			if (!BagHarness.this.bag.requite(held)) {
				BagHarness.this.ledger.close(held);
			}
			return true;
		}

		/** Removes the entry as broken and closes it; later calls do nothing. */
		boolean discard() {
			TestEntry held = this.entry.getAndSet(null);
			if (held == null) {
				return false;
			}
			BagHarness.this.ledger.give(held, this);
			BagHarness.this.bag.remove(held);
			BagHarness.this.ledger.close(held);
			return true;
		}

		@Override
		public String toString() {
			return "handle@" + Integer.toHexString(System.identityHashCode(this));
		}

	}

}
