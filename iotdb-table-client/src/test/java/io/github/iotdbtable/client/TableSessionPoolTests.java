package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The pool's races and failure paths, forced against a fake DataNode whose answers the
 * tests hold back or break on demand. The behaviour on a real server is covered by the
 * pool's real-server tests.
 */
class TableSessionPoolTests {

	private static final Duration BOUND = Duration.ofSeconds(20);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void cleanUp() throws Exception {
		this.threads.shutdownNow();
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aWaiterGetsTheSessionGivenBackWhileANewOneIsStillOpening() throws Exception {
		CountDownLatch gate = new CountDownLatch(1);
		AtomicInteger connections = new AtomicInteger();
		FakeDataNode node = node((connection) -> {
			if (connections.incrementAndGet() > 1) {
				gate.await(); // the second connection opens only when the test says so
			}
			connection.behave();
		});
		TableSessionPool pool = pool(node, 2, Duration.ofSeconds(10));
		TableSession first = pool.getSession();
		Future<TableSession> waiter = this.threads.submit(pool::getSession);
		awaitTrue(() -> pool.getStats().pending() == 1 && connections.get() == 2);
		first.close();
		TableSession second = waiter.get(5, TimeUnit.SECONDS);
		assertThat(gate.getCount()).as("served before the new session opened").isOne();
		second.close();
		gate.countDown();
		// the session opened meanwhile is kept, not lost
		awaitTrue(() -> pool.getStats().idle() == 2);
		assertThat(pool.getStats().totalCreated()).isEqualTo(2);
	}

	@Test
	void aFailedOpeningGoesToOneWaiterAndTheNextStillGetsTheSessionGivenBack() throws Exception {
		CountDownLatch failOpening = new CountDownLatch(1);
		AtomicInteger connections = new AtomicInteger();
		FakeDataNode node = node((connection) -> {
			int number = connections.incrementAndGet();
			if (number == 2) {
				failOpening.await(); // then closes the connection: the opening fails
				return;
			}
			if (number > 2) {
				connection.stall(); // every later opening hangs
			}
			connection.behave();
		});
		TableSessionPool pool = track(new TableSessionPool(
				config(node, 2, Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(1)).build()));
		TableSession held = pool.getSession();
		Future<TableSession> firstWaiter = this.threads.submit(pool::getSession);
		awaitTrue(() -> pool.getStats().pending() == 1 && connections.get() == 2);
		Future<TableSession> secondWaiter = this.threads.submit(pool::getSession);
		awaitTrue(() -> pool.getStats().pending() == 2);
		failOpening.countDown();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> firstWaiter.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(IoTDBConnectionException.class);
		awaitTrue(() -> connections.get() == 3); // the second waiter's own attempt hangs
		held.close();
		TableSession served = secondWaiter.get(5, TimeUnit.SECONDS);
		assertThat(served.isOpen()).isTrue();
		served.close();
	}

	@Test
	void aRefusedLoginCostsOneConnectionPerBorrow() throws Exception {
		FakeDataNode node = node((connection) -> connection.answerStatement(connection.read(), 801, false));
		TableSessionPool pool = pool(node, 3, Duration.ofSeconds(30));
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(pool::getSession);
			assertThat(node.accepted()).isEqualTo(i + 1);
		}
		pool.housekeep();
		assertThat(node.accepted()).isEqualTo(10);
		assertThat(pool.getStats().total()).isZero();
		assertThat(pool.getStats().pending()).isZero();
	}

	@Test
	void closingOneSessionFromTwoThreadsGivesItBackOnce() throws Exception {
		FakeDataNode node = node(Connection::behave);
		TableSessionPool pool = pool(node, 1, Duration.ofMillis(50));
		CyclicBarrier start = new CyclicBarrier(2);
		for (int round = 0; round < 500; round++) {
			TableSession session = pool.getSession();
			Future<?> watchdog = this.threads.submit(() -> {
				start.await();
				session.close();
				return null;
			});
			start.await();
			session.close();
			watchdog.get(5, TimeUnit.SECONDS);
			assertThat(pool.getStats().idle()).isOne();
			assertThat(pool.getStats().active()).isZero();
		}
		// one session, one owner: a second borrower waits and times out
		try (TableSession only = pool.getSession()) {
			assertThat(only.isOpen()).isTrue();
			assertThatExceptionOfType(PoolTimeoutException.class).isThrownBy(pool::getSession);
		}
		assertThat(pool.getStats().totalCreated()).isOne();
	}

	@Test
	void aListenerThatThrowsCostsNoSession() throws Exception {
		FakeDataNode node = node(Connection::behave);
		TableSessionPoolListener failing = new TableSessionPoolListener() {

			@Override
			public void sessionAcquired(long waitNanos) {
				throw new IllegalStateException("acquired");
			}

			@Override
			public void sessionReturned(long usageNanos) {
				throw new IllegalStateException("returned");
			}

			@Override
			public void sessionCreated(long creationNanos) {
				throw new IllegalStateException("created");
			}

		};
		TableSessionPool pool = track(new TableSessionPool(config(node, 1, Duration.ofMillis(500)).build(), failing));
		for (int i = 0; i < 3; i++) {
			try (TableSession session = pool.getSession()) {
				assertThat(session.isOpen()).isTrue();
			}
		}
		assertThat(pool.getStats().idle()).isOne();
		assertThat(pool.getStats().active()).isZero();
		assertThat(pool.getStats().totalCreated()).isOne();
	}

	@Test
	void aListenerAddedLaterHearsWhatHappensFromThenOn() throws Exception {
		FakeDataNode node = node(Connection::behave);
		TableSessionPool pool = pool(node, 2, Duration.ofMillis(300));
		TableSession before = pool.getSession();
		List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		TableSessionPoolListener recording = new TableSessionPoolListener() {

			@Override
			public void sessionAcquired(long waitNanos) {
				heard.add("acquired " + (waitNanos >= 0));
			}

			@Override
			public void sessionReturned(long usageNanos) {
				heard.add("returned " + (usageNanos >= 0));
			}

			@Override
			public void sessionCreated(long creationNanos) {
				heard.add("created " + (creationNanos >= 0));
			}

			@Override
			public void acquireTimedOut(long waitNanos) {
				heard.add("timed out " + waitNanos);
			}

		};
		pool.addListener(recording);
		// borrowed before anyone listened: its return has no start to be timed from
		before.close();
		assertThat(heard).isEmpty();
		TableSession first = pool.getSession();
		TableSession second = pool.getSession();
		assertThatExceptionOfType(PoolTimeoutException.class).isThrownBy(pool::getSession);
		first.close();
		second.close();
		assertThat(heard).containsExactly("acquired true", "created true", "acquired true",
				"timed out " + Duration.ofMillis(300).toNanos(), "returned true", "returned true");
		pool.addListener(TableSessionPoolListener.NONE);
		pool.getSession().close();
		assertThat(heard).hasSize(8);
	}

	@Test
	void listenersAddedWhileSessionsComeAndGoHearEveryReturnOfWhatTheyHeardBorrowed() throws Exception {
		FakeDataNode node = node(Connection::behave);
		TableSessionPool pool = pool(node, 2, Duration.ofSeconds(10));
		int threads = 4;
		int rounds = 2_000;
		List<long[]> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicInteger negative = new AtomicInteger();
		CyclicBarrier start = new CyclicBarrier(threads + 1);
		List<Future<?>> borrowers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			borrowers.add(this.threads.submit(() -> {
				start.await();
				for (int i = 0; i < rounds; i++) {
					pool.getSession().close();
				}
				return null;
			}));
		}
		start.await();
		for (int l = 0; l < 20; l++) {
			// acquired, returned: called on the pool's threads, so counted under a lock
			long[] heard = new long[2];
			counts.add(heard);
			pool.addListener(new TableSessionPoolListener() {

				@Override
				public void sessionAcquired(long waitNanos) {
					synchronized (heard) {
						heard[0]++;
					}
					if (waitNanos < 0) {
						negative.incrementAndGet();
					}
				}

				@Override
				public void sessionReturned(long usageNanos) {
					synchronized (heard) {
						heard[1]++;
					}
					if (usageNanos < 0) {
						negative.incrementAndGet();
					}
				}

			});
			Thread.yield();
		}
		for (Future<?> borrower : borrowers) {
			borrower.get(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		assertThat(negative).hasValue(0);
		for (long[] heard : counts) {
			synchronized (heard) {
				// every borrow a listener heard, it hears given back; it may hear the
				// return of a session borrowed (and timed for others) just before it came
				assertThat(heard[1]).isBetween(heard[0], heard[0] + 2);
			}
		}
		assertThat(counts.get(0)[0]).as("the first listener heard borrows").isPositive();
	}

	@Test
	void settingsTooLargeForNanosecondsMeanForever() throws Exception {
		FakeDataNode node = node(Connection::behave);
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		TableSessionPool pool = track(new TableSessionPool(config(node, 1, forever).leakDetectionThreshold(forever)
			.idleTimeout(forever)
			.maxLifetime(forever)
			.validateAfterIdle(forever)
			.build(), TableSessionPoolListener.NONE, System::nanoTime, false));
		for (int i = 0; i < 2; i++) {
			try (TableSession session = pool.getSession()) {
				assertThat(session.isOpen()).isTrue();
			}
			pool.housekeep();
		}
		assertThat(pool.getStats().idle()).isOne();
		assertThat(pool.getStats().totalCreated()).isOne();
	}

	@Test
	void checkingAnIdleSessionOnAHungServerTakesAQuarterOfTheWaitTimeout() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		FakeDataNode node = node((connection) -> {
			if (connections.incrementAndGet() == 1) {
				connection.openSession(1);
				connection.stall(); // the first session's server stops answering
			}
			connection.behave();
		});
		AtomicLong now = new AtomicLong();
		TableSessionPool pool = track(
				new TableSessionPool(config(node, 2, Duration.ofSeconds(2)).validateAfterIdle(Duration.ofSeconds(30))
					.readTimeout(Duration.ofSeconds(60))
					.build(), TableSessionPoolListener.NONE, now::get, false));
		pool.getSession().close();
		now.addAndGet(Duration.ofSeconds(31).toNanos());
		pool.housekeep();
		long start = System.nanoTime();
		try (TableSession session = pool.getSession()) {
			assertThat(session.isOpen()).isTrue();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
		assertThat(connections.get()).isEqualTo(2);
	}

	@Test
	void checkingManyIdleSessionsOnAHungServerStaysWithinTheWait() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		FakeDataNode node = node((connection) -> {
			if (connections.incrementAndGet() <= 4) {
				connection.openSession(1);
				connection.stall(); // the first four sessions' server stops answering
			}
			connection.behave();
		});
		AtomicLong offset = new AtomicLong();
		TableSessionPool pool = track(
				new TableSessionPool(config(node, 4, Duration.ofSeconds(2)).validateAfterIdle(Duration.ofSeconds(30))
					.readTimeout(Duration.ofSeconds(60))
					.build(), TableSessionPoolListener.NONE, () -> System.nanoTime() + offset.get(), false));
		List<TableSession> sessions = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			sessions.add(pool.getSession());
		}
		sessions.forEach(TableSession::close);
		offset.addAndGet(Duration.ofSeconds(31).toNanos());
		pool.housekeep();
		long start = System.nanoTime();
		try (TableSession session = pool.getSession()) {
			// a new session came in the last moment of the wait
			assertThat(session.isOpen()).isTrue();
		}
		catch (PoolTimeoutException ex) {
			// four checks of 500 ms each used the whole wait
			assertThat(ex).hasMessageContaining("after 2000 ms");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_600));
		assertThat(pool.getStats().totalCreated()).isBetween(4L, 5L);
	}

	@Test
	void closingAPoolOnAHungServerIsBounded() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		FakeDataNode node = node((connection) -> {
			connections.incrementAndGet();
			connection.openSession(1);
			connection.stall(); // answers nothing after the opening, not even
								// closeSession
		});
		TableSessionPool pool = track(new TableSessionPool(
				config(node, 3, Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60)).build()));
		List<TableSession> sessions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			sessions.add(pool.getSession());
		}
		sessions.forEach(TableSession::close);
		assertThat(pool.getStats().idle()).isEqualTo(3);
		long start = System.nanoTime();
		pool.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void aClosedPoolOpensNoMoreSessions() throws Exception {
		FakeDataNode node = node((connection) -> {
			connection.read(); // a login that is never answered
			connection.stall();
		});
		TableSessionPool pool = track(new TableSessionPool(
				config(node, 8, Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(2)).build()));
		List<Future<?>> borrowers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			borrowers.add(this.threads.submit(pool::getSession));
		}
		for (Future<?> borrower : borrowers) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> borrower.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(PoolTimeoutException.class);
		}
		// eight openings were asked for; four run at a time, four wait their turn
		awaitTrue(() -> node.accepted() == 4);
		pool.close();
		assertThat(node.accepted()).as("connections opened by the pool").isEqualTo(4);
	}

	@Test
	void housekeepingNeverWaitsForAnOpening() throws Exception {
		CountDownLatch gate = new CountDownLatch(1);
		FakeDataNode node = node((connection) -> {
			gate.await();
			connection.behave();
		});
		AtomicLong now = new AtomicLong();
		TableSessionPool pool = track(new TableSessionPool(config(node, 3, Duration.ofSeconds(1)).minIdle(2).build(),
				TableSessionPoolListener.NONE, now::get, false));
		assertTimeoutPreemptively(Duration.ofSeconds(2), pool::housekeep);
		gate.countDown();
		// one opening a round until one has succeeded, then the rest at once
		awaitTrue(() -> pool.getStats().idle() == 1);
		assertTimeoutPreemptively(Duration.ofSeconds(2), pool::housekeep);
		awaitTrue(() -> pool.getStats().idle() == 2);
		pool.housekeep(); // the minimum is there: nothing more is opened
		assertThat(pool.getStats().totalCreated()).isEqualTo(2);
	}

	@Test
	void noConnectionOutlivesAPoolClosedWhileThreadsBorrowAndReturn() throws Exception {
		FakeDataNode node = node(Connection::behave);
		TableSessionPool pool = pool(node, 3, Duration.ofSeconds(5));
		CountDownLatch running = new CountDownLatch(4);
		List<Future<?>> borrowers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			borrowers.add(this.threads.submit(() -> {
				running.countDown();
				while (true) {
					try (TableSession session = pool.getSession()) {
						session.getDatabase();
					}
					catch (IllegalStateException ex) {
						return null; // the pool closed
					}
				}
			}));
		}
		running.await();
		awaitTrue(() -> pool.getStats().totalCreated() >= 1);
		pool.close();
		for (Future<?> borrower : borrowers) {
			borrower.get(10, TimeUnit.SECONDS);
		}
		assertThat(pool.getStats().idle()).isZero();
		assertThat(pool.getStats().active()).isZero();
		awaitTrue(() -> node.openConnections() == 0);
	}

	private FakeDataNode node(FakeDataNode.Handler handler) throws Exception {
		return track(new FakeDataNode(handler));
	}

	private TableSessionPool pool(FakeDataNode node, int size, Duration waitTimeout) {
		return track(new TableSessionPool(config(node, size, waitTimeout).build()));
	}

	private static TableSessionPoolConfig.Builder config(FakeDataNode node, int size, Duration waitTimeout) {
		return TableSessionPoolConfig.builder()
			.nodeUrls(node.nodeUrl())
			.maxPoolSize(size)
			.waitTimeout(waitTimeout)
			.readTimeout(Duration.ofSeconds(5));
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/** Waits for a state the test caused to show, failing after a generous bound. */
	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not reached within %s", BOUND).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
