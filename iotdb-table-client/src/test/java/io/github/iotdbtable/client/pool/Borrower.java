package io.github.iotdbtable.client.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A thread that borrows once from a bag, and what it got. */
final class Borrower {

	private final CompletableFuture<TestEntry> result = new CompletableFuture<>();

	final Thread thread;

	private Borrower(ConcurrentBag<TestEntry> bag, long timeoutNanos) {
		this.thread = new Thread(() -> {
			try {
				this.result.complete(bag.borrow(timeoutNanos));
			}
			catch (Throwable ex) {
				this.result.completeExceptionally(ex);
			}
		}, "borrower");
		this.thread.setDaemon(true);
	}

	/** Starts a borrower and returns once it waits, parked, as the bag's last waiter. */
	static Borrower waiting(ConcurrentBag<TestEntry> bag, long timeoutNanos) {
		int before = bag.waiting();
		Borrower borrower = started(bag, timeoutNanos);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (bag.waiting() <= before || borrower.thread.getState() != Thread.State.TIMED_WAITING) {
			if (System.nanoTime() > deadline || borrower.result.isDone()) {
				throw new AssertionError("the borrower does not wait: " + borrower.thread.getState() + ", "
						+ borrower.result + ", " + bag.waiting() + " waiting");
			}
			Thread.onSpinWait();
		}
		return borrower;
	}

	/**
	 * Starts a borrower and returns once it is held in its {@code read}-th read of the
	 * clock.
	 */
	static Borrower heldAt(ConcurrentBag<TestEntry> bag, long timeoutNanos, ManualClock clock, int read) {
		Borrower borrower = new Borrower(bag, timeoutNanos);
		clock.holdAt(borrower.thread, read);
		borrower.thread.start();
		clock.awaitHolding();
		return borrower;
	}

	/** Starts a borrower. */
	static Borrower started(ConcurrentBag<TestEntry> bag, long timeoutNanos) {
		Borrower borrower = new Borrower(bag, timeoutNanos);
		borrower.thread.start();
		return borrower;
	}

	/** The entry it got, within 10 seconds. */
	TestEntry entry() throws Exception {
		return this.result.get(10, TimeUnit.SECONDS);
	}

	/** What ended its borrow without an entry, within 10 seconds. */
	Throwable failure() throws InterruptedException, TimeoutException {
		try {
			TestEntry entry = this.result.get(10, TimeUnit.SECONDS);
			throw new AssertionError("got " + entry);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

}
