package io.github.iotdbtable.client.pool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock the test moves by hand. It can also hold one thread at a given read, so that a
 * test stops a waiter at a known point of its loop.
 */
final class ManualClock implements Clock {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private volatile Thread held;

	private volatile int readsBeforeHold;

	private final CountDownLatch holding = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@Override
	public long nanoTime() {
		if (Thread.currentThread() == this.held && --this.readsBeforeHold == 0) {
			this.holding.countDown();
			awaitKeepingInterrupt(this.release);
		}
		return this.now.get();
	}

	void advance(long nanos) {
		this.now.addAndGet(nanos);
	}

	/** Holds {@code thread} in its {@code read}-th read of the clock from now on. */
	void holdAt(Thread thread, int read) {
		this.readsBeforeHold = read;
		this.held = thread;
	}

	/** Waits until the held thread is in the clock. */
	void awaitHolding() {
		await(this.holding);
	}

	void release() {
		this.release.countDown();
	}

	/**
	 * Waits for the release by spinning, not parking: a wake-up (unpark) sent to the held
	 * thread meanwhile stays for the code under test, as does an interrupt.
	 */
	private static void awaitKeepingInterrupt(CountDownLatch latch) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (latch.getCount() > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for a latch");
			}
			Thread.onSpinWait();
		}
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("timed out waiting for a latch");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
