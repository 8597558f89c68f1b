package io.github.iotdbtable.client.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads on a bag of three, on the real clock, in a mix of moves drawn from a
 * fixed seed: borrow with no wait or a short one, give back twice, remove as broken, pass
 * a handle that two threads then close at once, evict, interrupt, with every fifth
 * creation failing; the bag closes halfway through the last thread's run.
 */
class ConcurrentBagStressTests {

	private static final int THREADS = 8;

	private static final int MOVES = 50_000;

	@ParameterizedTest
	@ValueSource(longs = { 1L, 2L, 3L })
	void invariantsHoldUnderContention(long seed) throws Exception {
		BagHarness harness = new BagHarness(3, TimeUnit.MICROSECONDS.toNanos(200), Clock.SYSTEM);
		harness.failEvery = 5;
		AtomicReference<BagHarness.@Nullable Handle> passed = new AtomicReference<>();
		CountDownLatch halfway = new CountDownLatch(THREADS);
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Random random = new Random(seed * 31 + t);
			Thread thread = new Thread(() -> {
				for (int move = 0; move < MOVES; move++) {
					if (move == MOVES / 2) {
						halfway.countDown();
					}
					move(harness, passed, random);
					if (harness.bag.total() > harness.bag.capacity()) {
						harness.ledger.violations.add("total " + harness.bag.total() + " above the capacity");
					}
				}
				Thread.interrupted();
			}, "stress-" + t);
			thread.setUncaughtExceptionHandler((th, ex) -> {
				synchronized (failures) {
					failures.add(ex);
				}
			});
			threads.add(thread);
		}
		long start = System.nanoTime();
		threads.forEach(Thread::start);
		halfway.await();
		harness.closeBag();
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(20));
			assertThat(thread.isAlive()).as("%s still runs", thread).isFalse();
		}
		assertThat(failures).isEmpty();
		BagHarness.Handle last = passed.get();
		if (last != null) {
			last.close();
		}
		assertThat(harness.check()).isEmpty();
		assertThat(harness.bag.entries()).isEmpty();
		assertThat(harness.ledger.created).allMatch((entry) -> entry.closes.get() == 1);
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
	}

	private static void move(BagHarness harness, AtomicReference<BagHarness.@Nullable Handle> passed, Random random) {
		int kind = random.nextInt(10);
		if (kind == 0) {
			harness.evictIdle();
			return;
		}
		if (kind == 1) {
			BagHarness.Handle handle = passed.get();
			if (handle != null) {
				handle.close(); // maybe at the same time as the thread that passes it on
			}
			return;
		}
		if (kind == 2) {
			Thread.currentThread().interrupt();
		}
		long timeout = random.nextBoolean() ? 0 : TimeUnit.MICROSECONDS.toNanos(random.nextInt(500));
		BagHarness.Handle handle = harness.borrow(timeout);
		Thread.interrupted();
		if (handle == null) {
			return;
		}
		switch (kind % 4) {
			case 0 -> handle.discard();
			case 1 -> {
				BagHarness.Handle previous = passed.getAndSet(handle);
				if (previous != null) {
					previous.close();
				}
			}
			default -> {
				handle.close();
				handle.close();
			}
		}
	}

}
