package io.github.iotdbtable.client.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bag's interleavings, each forced in one order: by a creator the test completes by
 * hand, a clock it moves and that holds a thread at a chosen read, and waiters it starts
 * only once they park. The patience and the long timeouts are an hour of the test's
 * clock, which never moves by itself, so a waiter that is not woken stays parked and its
 * test fails.
 */
class ConcurrentBagInterleavingTests {

	private static final long HOUR = TimeUnit.HOURS.toNanos(1);

	private final ManualClock source = new ManualClock();

	private final AtomicInteger requests = new AtomicInteger();

	private ConcurrentBag<TestEntry> bag = bag(1, HOUR);

	private int ids;

	private ConcurrentBag<TestEntry> bag(int capacity, long patienceNanos) {
		return new ConcurrentBag<>(capacity, patienceNanos, this.requests::incrementAndGet,
				new CoarseClock(this.source));
	}

	/** Borrows a new entry: asks for it, adds it, takes it. */
	private TestEntry borrowNew() throws Exception {
		int before = this.requests.get();
		assertThatThrownBy(() -> this.bag.borrow(0)).isInstanceOf(TimeoutException.class);
		assertThat(this.requests.get()).isEqualTo(before + 1);
		TestEntry entry = new TestEntry(++this.ids);
		assertThat(this.bag.add(entry)).isTrue();
		assertThat(this.bag.borrow(0)).isSameAs(entry);
		return entry;
	}

	/** Completes a creation no one waits for: the entry becomes idle. */
	private TestEntry addIdle() {
		TestEntry entry = new TestEntry(++this.ids);
		assertThat(this.bag.add(entry)).isTrue();
		assertThat(entry.isIdle()).isTrue();
		return entry;
	}

	@Test
	void aWaiterServedByAnEntryGivenBackLetsItsCreationEndIdle() throws Exception {
		this.bag = bag(2, HOUR);
		TestEntry first = borrowNew();
		Borrower waiter = Borrower.waiting(this.bag, HOUR);
		assertThat(this.requests.get()).as("a creation for the waiter").isEqualTo(2);

		assertThat(this.bag.requite(first)).isTrue();
		assertThat(waiter.entry()).isSameAs(first);

		TestEntry late = addIdle();
		assertThat(this.bag.entries()).containsExactlyInAnyOrder(first, late);
		assertThat(this.bag.total()).isEqualTo(2);
		assertThat(this.bag.creating()).isZero();
		assertThat(this.bag.borrow(0)).isSameAs(late);
	}

	@Test
	void aFailedCreationGoesToTheFirstWaiterAndTheSecondGetsTheNextEntryGivenBack() throws Exception {
		this.bag = bag(2, HOUR);
		TestEntry first = borrowNew();
		Borrower firstWaiter = Borrower.waiting(this.bag, HOUR);
		Borrower secondWaiter = Borrower.waiting(this.bag, HOUR);
		assertThat(this.requests.get()).as("the bag is full with the first waiter's creation").isEqualTo(2);

		assertThat(this.bag.createFailed(new IllegalStateException("refused"))).isTrue();
		assertThat(firstWaiter.failure()).isInstanceOf(ExecutionException.class).hasRootCauseMessage("refused");
		assertThat(this.requests.get()).as("a creation of its own for the second waiter").isEqualTo(3);

		assertThat(this.bag.requite(first)).isTrue();
		assertThat(secondWaiter.entry()).isSameAs(first);

		addIdle();
		assertThat(this.bag.waiting()).isZero();
	}

	@Test
	void aWaiterTimingOutAsAnEntryComesBackLeavesItToTheNextWaiter() throws Exception {
		TestEntry first = borrowNew();
		// held after it queued, before it looks at its deadline
		Borrower leaving = Borrower.heldAt(this.bag, 1_000, this.source, 2);
		Borrower next = Borrower.waiting(this.bag, HOUR);
		this.source.advance(1_000);

		assertThat(this.bag.requite(first)).isTrue();
		this.source.release();

		assertThat(leaving.failure()).isInstanceOf(TimeoutException.class);
		assertThat(next.entry()).isSameAs(first);
		assertThat(this.bag.waiting()).isZero();
	}

	@Test
	void aWaiterInterruptedAsAnEntryComesBackLeavesItToTheNextWaiter() throws Exception {
		TestEntry first = borrowNew();
		Borrower leaving = Borrower.heldAt(this.bag, HOUR, this.source, 2);
		Borrower next = Borrower.waiting(this.bag, HOUR);

		assertThat(this.bag.requite(first)).isTrue();
		leaving.thread.interrupt();
		this.source.release();

		assertThat(leaving.failure()).isInstanceOf(InterruptedException.class);
		assertThat(next.entry()).isSameAs(first);
	}

	@Test
	void twoEntriesGivenBackAtOnceServeTwoWaitersEvenWhenTheirWakeUpsMerge() throws Exception {
		this.bag = bag(2, HOUR);
		TestEntry first = borrowNew();
		TestEntry second = borrowNew();
		// held after it looked for an idle entry, before it parks
		Borrower early = Borrower.heldAt(this.bag, HOUR, this.source, 2);
		Borrower late = Borrower.waiting(this.bag, HOUR);

		// neither waiter has waited past the patience: each return wakes the first
		// waiter, the same one twice
		assertThat(this.bag.requite(first)).isTrue();
		assertThat(this.bag.requite(second)).isTrue();
		this.source.release();

		assertThat(List.of(early.entry(), late.entry())).containsExactlyInAnyOrder(first, second);
		assertThat(this.bag.waiting()).isZero();
	}

	@Test
	void anEntryCreatedForWaitersButTakenByANewcomerIsCreatedAgain() throws Exception {
		this.bag = bag(3, HOUR);
		Borrower early = Borrower.heldAt(this.bag, HOUR, this.source, 2);
		Borrower late = Borrower.waiting(this.bag, HOUR);
		assertThat(this.requests.get()).as("one creation per waiter").isEqualTo(2);

		// the first creation goes idle, the early waiter is woken, a newcomer takes it
		TestEntry first = new TestEntry(++this.ids);
		assertThat(this.bag.add(first)).isTrue();
		assertThat(this.bag.poll()).isSameAs(first);
		// the second goes to the early waiter
		TestEntry second = new TestEntry(++this.ids);
		assertThat(this.bag.add(second)).isTrue();
		this.source.release();
		assertThat(early.entry()).isSameAs(second);

		// the late waiter still waits, and the bag has room: a creation is asked for it
		assertThat(this.requests.get()).isEqualTo(3);
		TestEntry third = new TestEntry(++this.ids);
		assertThat(this.bag.add(third)).isTrue();
		assertThat(late.entry()).isSameAs(third);
	}

	@Test
	void aWaiterHandedAnEntryWhileItsRequestForACreationWaitsForALockTakesIt() throws Exception {
		ReentrantLock creatorLock = new ReentrantLock();
		AtomicBoolean slowCreator = new AtomicBoolean();
		this.bag = new ConcurrentBag<>(2, 1_000, () -> {
			this.requests.incrementAndGet();
			if (slowCreator.get()) {
				// as an executor's queue does when contended: waiting for the lock uses
				// up a wake-up sent meanwhile
				creatorLock.lock();
				creatorLock.unlock();
			}
		}, new CoarseClock(this.source));
		TestEntry first = borrowNew();
		slowCreator.set(true);
		Borrower waiter;
		creatorLock.lock();
		try {
			waiter = Borrower.started(this.bag, HOUR);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!creatorLock.hasQueuedThread(waiter.thread)) {
				assertThat(System.nanoTime()).as("the waiter asks for a creation").isLessThan(deadline);
				Thread.onSpinWait();
			}
			this.source.advance(1_000); // past the patience: the entry is handed to it
			assertThat(this.bag.requite(first)).isTrue();
		}
		finally {
			creatorLock.unlock();
		}
		assertThat(waiter.entry()).isSameAs(first);
	}

	@Test
	void aLoneWaiterTimingOutAsAnEntryComesBackLeavesItIdle() throws Exception {
		TestEntry first = borrowNew();
		Borrower leaving = Borrower.heldAt(this.bag, 1_000, this.source, 2);
		this.source.advance(1_000);

		assertThat(this.bag.requite(first)).isTrue();
		this.source.release();

		assertThat(leaving.failure()).isInstanceOf(TimeoutException.class);
		assertThat(first.isIdle()).isTrue();
		assertThat(this.bag.waiting()).isZero();
		assertThat(this.bag.borrow(0)).isSameAs(first);
	}

	@Test
	void anEntryGivenBackAfterCloseIsTheCallersToClose() throws Exception {
		TestEntry first = borrowNew();
		assertThat(this.bag.close()).isEmpty();
		assertThat(this.bag.requite(first)).isFalse();
		assertThat(first.isRemoved()).isTrue();
		assertThat(this.bag.entries()).isEmpty();
		assertThat(this.bag.total()).isZero();
	}

	@Test
	void anEntryGivenBackBeforeCloseIsClosedByTheCloser() throws Exception {
		TestEntry first = borrowNew();
		assertThat(this.bag.requite(first)).isTrue();
		assertThat(this.bag.close()).containsExactly(first);
		assertThat(first.isRemoved()).isTrue();
		assertThat(this.bag.total()).isZero();
	}

	@Test
	void closeRacingAGiveBackHeldInItsHandOffGivesTheEntryUpOnce() throws Exception {
		TestEntry first = borrowNew();
		Borrower waiter = Borrower.waiting(this.bag, HOUR);
		// the giver is held in the hand-off, in its look at the waiter's patience
		CompletableFuture<Boolean> requited = new CompletableFuture<>();
		Thread giver = new Thread(() -> requited.complete(this.bag.requite(first)), "giver");
		this.source.holdAt(giver, 1);
		giver.start();
		this.source.awaitHolding();
		CompletableFuture<List<TestEntry>> closed = CompletableFuture.supplyAsync(this.bag::close);
		while (!this.bag.isClosed()) {
			Thread.onSpinWait();
		}
		this.source.release();

		boolean kept = requited.get(10, TimeUnit.SECONDS);
		List<TestEntry> givenUp = closed.get(10, TimeUnit.SECONDS);
		assertThat(kept ? givenUp : List.of(first)).as("given up once, to the closer or to the giver")
			.containsExactly(first);
		if (!kept) {
			assertThat(givenUp).isEmpty();
		}
		assertThat(first.isRemoved()).isTrue();
		assertThat(waiter.failure()).isInstanceOf(IllegalStateException.class);
		assertThat(this.bag.entries()).isEmpty();
		assertThat(this.bag.idle()).isZero();
	}

	@Test
	void closeRacingAGiveBackGivesTheEntryUpOnce() throws Exception {
		for (int round = 0; round < 300; round++) {
			this.bag = bag(1, HOUR);
			TestEntry first = borrowNew();
			CountDownLatch start = new CountDownLatch(1);
			CompletableFuture<List<TestEntry>> closed = CompletableFuture.supplyAsync(() -> {
				ManualClock.await(start);
				return this.bag.close();
			});
			start.countDown();
			boolean kept = this.bag.requite(first);
			List<TestEntry> givenUp = closed.get(10, TimeUnit.SECONDS);
			assertThat(givenUp.size() + (kept ? 0 : 1)).as("round %d", round).isEqualTo(1);
			assertThat(first.isRemoved()).isTrue();
			assertThat(this.bag.entries()).isEmpty();
		}
	}

	@Test
	void removingABrokenEntryAsksForOneForTheWaiter() throws Exception {
		TestEntry first = borrowNew();
		Borrower waiter = Borrower.waiting(this.bag, HOUR);
		assertThat(this.requests.get()).as("no room for a creation").isEqualTo(1);

		this.bag.remove(first);
		assertThat(this.requests.get()).isEqualTo(2);
		TestEntry replacement = new TestEntry(2);
		assertThat(this.bag.add(replacement)).isTrue();

		assertThat(waiter.entry()).isSameAs(replacement);
		assertThat(this.bag.entries()).containsExactly(replacement);
	}

	@Test
	void aWaiterPassedOverPastThePatienceGetsTheNextEntryAheadOfANewcomer() throws Exception {
		long patience = TimeUnit.MILLISECONDS.toNanos(10);
		this.bag = bag(1, patience);
		TestEntry first = borrowNew();
		Borrower waiter = Borrower.waiting(this.bag, HOUR);
		this.source.advance(patience);

		assertThat(this.bag.requite(first)).isTrue();
		assertThatThrownBy(() -> this.bag.borrow(0)).as("a newcomer").isInstanceOf(TimeoutException.class);

		assertThat(waiter.entry()).isSameAs(first);
	}

}
