package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.github.iotdbtable.client.pool.Clock;
import io.github.iotdbtable.client.pool.CoarseClock;
import io.github.iotdbtable.client.pool.ConcurrentBag;
import io.github.iotdbtable.client.pool.Housekeeper;
import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of {@link TableSession sessions} shared by many threads.
 *
 * <pre>{@code
 * try (TableSessionPool pool = new TableSessionPool(config)) {
 *     try (TableSession session = pool.getSession()) {   // close() gives it back
 *         session.insert(tablet);
 *     }
 * }
 * }</pre>
 *
 * <p>
 * <b>Borrowing.</b> {@link #getSession()} hands out an idle session; when none is idle it
 * waits, up to the wait timeout, for one to come back or for a new one, which the pool
 * opens on a background thread while fewer than {@code maxPoolSize} are open. Then it
 * throws {@link PoolTimeoutException}, or the {@link IoTDBConnectionException} of an
 * attempt to open one made while it waited. It is not first come first served: a thread
 * that finds an idle session takes it even while others wait, which keeps the pool fast
 * when threads outnumber sessions; waiters passed over for 2 ms are handed the sessions
 * that come back in the order they arrived, ahead of threads that arrive later. A session
 * idle for longer than {@code validateAfterIdle} is checked with the server first, for at
 * most a quarter of the wait timeout (no less than 250 ms, no more than 5 s). Idle
 * timeout, lifetime and the idle time before a check are measured on a clock that moves
 * once a second. A borrowed session is for one thread at a time.
 *
 * <p>
 * <b>Returning.</b> Closing a borrowed session gives it back. Its open data sets are
 * closed (releasing their queries; reading one afterwards throws an
 * {@link IllegalStateException}), and its database is set back to the pool's: a session
 * that ran {@code USE} is switched back, or closed when the pool has no database, so the
 * next borrower never inherits it. A session whose connection broke is closed and its
 * slot freed for a new one: the pool never loses capacity. Each of these calls to the
 * server waits at most 2 seconds; a server that does not answer in time costs the
 * session, not the caller's time.
 *
 * <p>
 * <b>Nodes and retries.</b> New connections go round robin to the configured DataNodes; a
 * node that cannot be reached is tried only after the others for a few seconds. A failed
 * operation is retried up to {@code maxRetry} times, as the config's {@link RetryPolicy}
 * decides. The default, {@link RetryPolicy#defaults()}, retries only what cannot be
 * applied twice by mistake:
 * <ul>
 * <li>any operation whose connection could not be opened (nothing was sent), or that the
 * server refused with {@code needRetry} set (a transient state, such as a region changing
 * leader), after a short pause;</li>
 * <li>an insert whose connection broke in flight, at once on a new connection to another
 * node when there is one: IoTDB keeps one value per device, column and time, so a
 * repeated row overwrites itself. The database chosen with {@code USE} carries over;</li>
 * <li>a query that failed to start. Fetching further pages of a result that already
 * started is not retried: the data set fails and the caller decides.</li>
 * </ul>
 * A non-query statement whose connection broke in flight is not retried, since the server
 * may have applied it ({@code DELETE}, {@code CREATE USER}, {@code now()}); declare the
 * statements safe to repeat with {@link RetryPolicy#idempotentStatements}. Wrong input, a
 * refused statement and an authentication failure are not retried, and nothing is retried
 * after the calling thread was interrupted: its interrupt flag is kept and the node is
 * not counted as failed.
 *
 * <p>
 * <b>Redirection.</b> With {@code enableRedirection}, inserts follow the server's hint:
 * the DataNode that leads a device's data is remembered per device (table and tag
 * values), and later rows of that device are sent straight there, over an extra
 * connection of the borrowed session. A remembered node that cannot be reached is
 * forgotten and, for 30 seconds, neither learnt again nor tried: its rows are sent
 * through the session's own connection. Hints naming no valid endpoint are ignored.
 *
 * <p>
 * {@link #close()} closes the idle sessions at once and the borrowed ones when they come
 * back; later borrowers get an {@link IllegalStateException}. {@link #getStats()} and a
 * {@link TableSessionPoolListener} expose the pool's state for monitoring.
 *
 * @since 0.1.0
 */
public final class TableSessionPool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TableSessionPool.class);

	/**
	 * The period of housekeeping, which also advances the pool's clock; shorter when a
	 * leak threshold below 2 s needs a closer watch.
	 */
	private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/**
	 * How long a waiter may be passed over before the next returned session is handed to
	 * it.
	 */
	private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	/**
	 * Bounds of the check of a session idle for longer than validateAfterIdle, which
	 * takes at most a quarter of the wait timeout: the rest is left for another session.
	 */
	private static final long MIN_VALIDATION_MILLIS = 250;

	private static final long MAX_VALIDATION_MILLIS = 5_000;

	/** How long {@link #close()} waits for sessions to close and openings to end. */
	private static final long CLOSE_WAIT_MILLIS = 5_000;

	/** The most sessions opened, and closed, at once in the background. */
	private static final int MAX_WORKERS = 4;

	/** A borrow time that says no listener was there to time the borrow. */
	static final long UNTIMED = Long.MIN_VALUE;

	private final TableSessionPoolConfig config;

	private final TableSessionConfig sessionConfig;

	private final PoolListeners listeners;

	private final String name;

	private final CoarseClock clock;

	private final ConcurrentBag<PoolEntry> bag;

	private final SessionFactory factory;

	private final Housekeeper<PoolEntry> housekeeping;

	private final ScheduledThreadPoolExecutor housekeeper;

	/** Opens sessions, so that no borrower or the housekeeper waits for it. */
	private final ThreadPoolExecutor opener;

	/**
	 * Closes sessions removed from the pool; apart from the opener, so that saying
	 * goodbye to a hung server never delays a new session.
	 */
	private final ThreadPoolExecutor closer;

	private final LongAdder timeouts = new LongAdder();

	private final Map<Endpoint, LongAdder> insertsByNode = new ConcurrentHashMap<>();

	private final @Nullable InsertRouter router;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final long waitTimeoutNanos;

	private final long validateAfterNanos;

	private final int validationMillis;

	private final long leakThresholdNanos;

	/** What a data set left open on a returned session says when read. */
	private final String returnedReason;

	public TableSessionPool(TableSessionPoolConfig config) {
		this(config, TableSessionPoolListener.NONE);
	}

	/**
	 * Creates a pool. No connection is opened before the first borrower, except to fill
	 * {@code minIdle}, which happens in the background.
	 * @param config the settings
	 * @param listener receives the pool's timings
	 */
	public TableSessionPool(TableSessionPoolConfig config, TableSessionPoolListener listener) {
		this(config, listener, Clock.SYSTEM, true);
	}

	/**
	 * @param clock the pool's time
	 * @param scheduled whether housekeeping runs by itself every second; tests that move
	 * the clock run it with {@link #housekeep()}
	 */
	TableSessionPool(TableSessionPoolConfig config, TableSessionPoolListener listener, Clock clock, boolean scheduled) {
		this.config = Objects.requireNonNull(config, "config");
		Objects.requireNonNull(listener, "listener");
		this.sessionConfig = config.getSessionConfig();
		this.name = config.getPoolName();
		this.listeners = new PoolListeners(this.name, listener);
		this.clock = new CoarseClock(clock);
		this.factory = new SessionFactory(this.name, this.sessionConfig, this.listeners);
		this.router = config.isEnableRedirection() ? new InsertRouter() : null;
		this.waitTimeoutNanos = nanos(config.getWaitTimeout());
		this.validateAfterNanos = nanos(config.getValidateAfterIdle());
		this.validationMillis = (int) Math.max(MIN_VALIDATION_MILLIS,
				Math.min(MAX_VALIDATION_MILLIS, TimeUnit.NANOSECONDS.toMillis(this.waitTimeoutNanos) / 4));
		this.leakThresholdNanos = nanos(config.getLeakDetectionThreshold());
		this.returnedReason = "its session was returned to pool '" + this.name + "'";
		this.bag = new ConcurrentBag<>(config.getMaxPoolSize(), PATIENCE_NANOS, this::create, this.clock);
		this.housekeeping = new Housekeeper<>(
				this.bag, this.clock, new Housekeeper.Settings(nanos(config.getIdleTimeout()),
						nanos(config.getMaxLifetime()), config.getMinIdle(), this.leakThresholdNanos),
				new Housekeeper.Actions<>() {

					@Override
					public void close(PoolEntry entry) {
						closeLater(entry);
					}

					@Override
					public boolean leaked(PoolEntry entry, long heldNanos) {
						return reportLeak(entry, heldNanos);
					}

				});
		int workers = Math.min(config.getMaxPoolSize(), MAX_WORKERS);
		this.opener = background(workers, this.name + "-opener");
		this.closer = background(workers, this.name + "-closer");
		this.housekeeper = new ScheduledThreadPoolExecutor(1, daemon(this.name + "-housekeeper"));
		this.housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		if (scheduled) {
			// housekeep() catches what housekeeping throws, so the future holds
			// nothing to read; close() stops the task
			long tick = (this.leakThresholdNanos == 0) ? TICK_NANOS
					: Math.max(MIN_TICK_NANOS, Math.min(TICK_NANOS, this.leakThresholdNanos / 2));
			ScheduledFuture<?> unused = this.housekeeper.scheduleAtFixedRate(this::housekeep, 0, tick,
					TimeUnit.NANOSECONDS);
		}
		logger.debug("Started pool {} ({})", this.name, config);
	}

	/**
	 * Borrows a session; closing it gives it back.
	 * @return a session for the calling thread
	 * @throws PoolTimeoutException when no session becomes free within the wait timeout
	 * @throws IoTDBConnectionException when a new session was opened for this borrower
	 * and no node could be reached
	 * @throws IllegalStateException when the pool is closed
	 */
	public TableSession getSession() {
		ensureOpen();
		boolean timed = this.listeners.isTimed();
		long start = timed ? System.nanoTime() : 0L;
		PoolEntry entry = borrow();
		try {
			long now = UNTIMED;
			if (timed) {
				now = System.nanoTime();
				this.listeners.sessionAcquired(now - start);
			}
			if (this.leakThresholdNanos != 0) {
				// the watch starts now that the borrower has it, checks done
				entry.borrowedAt(this.clock.precise());
				entry.borrowedHere = new Exception("the session was borrowed here");
				entry.borrowedBy = Thread.currentThread().getName();
			}
			return new PooledTableSession(this, entry, now);
		}
		catch (Throwable ex) {
			this.bag.remove(entry);
			closeLater(entry);
			throw ex;
		}
	}

	/**
	 * Adds a listener, called for what happens from now on along with those added before:
	 * for metrics bound to a pool that was built without them.
	 * @param listener receives the pool's timings
	 * @since 0.1.0
	 */
	public void addListener(TableSessionPoolListener listener) {
		Objects.requireNonNull(listener, "listener");
		if (listener != TableSessionPoolListener.NONE) {
			this.listeners.add(listener);
		}
	}

	/** A snapshot of the pool's counts. */
	public TableSessionPoolStats getStats() {
		Map<String, Long> inserts = new LinkedHashMap<>();
		this.insertsByNode.forEach((node, count) -> inserts.put(node.toString(), count.sum()));
		return new TableSessionPoolStats(this.config.getMaxPoolSize(), this.bag.inUse(), this.bag.idle(),
				this.bag.waiting(), this.factory.created(), this.timeouts.sum(), inserts);
	}

	public TableSessionPoolConfig getConfig() {
		return this.config;
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Closes the idle sessions now and the borrowed ones when they are given back, and
	 * waits up to 5 seconds for them to close. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.housekeeper.shutdownNow();
		List<PoolEntry> idle = this.bag.close();
		idle.forEach(this::closeLater);
		// openings still queued end at once: they see the pool closed
		this.opener.shutdown();
		this.closer.shutdown();
		try {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
			if (!this.closer.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS) || !this.opener
				.awaitTermination(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				logger.debug("Pool {} closed with sessions still closing or opening in the background", this.name);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.debug("Closed pool {}", this.name);
	}

	@Override
	public String toString() {
		TableSessionPoolStats stats = getStats();
		return "TableSessionPool{name=" + this.name + ", nodeUrls=" + this.sessionConfig.getNodeUrls() + ", active="
				+ stats.active() + ", idle=" + stats.idle() + ", closed=" + this.closed.get() + "}";
	}

	int maxRetry() {
		return this.config.getMaxRetry();
	}

	@Nullable InsertRouter router() {
		return this.router;
	}

	/**
	 * Opens a connection on the first node that answers, healthy nodes first.
	 * @param database the database to start in
	 */
	RpcTableSession openSession(@Nullable String database) {
		return this.factory.open(database);
	}

	/** Opens a connection to one node, for inserts redirected there. */
	RpcTableSession openRedirected(Endpoint endpoint, @Nullable String database) {
		return this.factory.open(endpoint, database);
	}

	void nodeFailed(Endpoint endpoint) {
		this.factory.nodeFailed(endpoint);
	}

	void countInsert(Endpoint endpoint) {
		this.insertsByNode.computeIfAbsent(endpoint, (node) -> new LongAdder()).increment();
	}

	/** One round of housekeeping; every second unless a test runs it by hand. */
	void housekeep() {
		try {
			this.housekeeping.run();
		}
		catch (Throwable ex) {
			// an exception would end the scheduled task, and with it the pool's clock
			logger.warn("Housekeeping of pool {} failed", this.name, ex);
		}
	}

	/**
	 * Takes a session back from a borrower.
	 * @param borrowedAt when it was handed out, in {@link System#nanoTime()}, or
	 * {@link #UNTIMED} when no one listened then
	 */
	void release(PoolEntry entry, long borrowedAt) {
		if (this.leakThresholdNanos != 0) {
			entry.borrowedHere = null;
			entry.borrowedBy = null;
		}
		boolean kept = false;
		try {
			if (!this.bag.isClosed() && reset(entry) && !this.housekeeping.expired(entry)) {
				kept = true;
				if (!this.bag.requite(entry)) {
					closeLater(entry); // the pool closed meanwhile
				}
			}
		}
		finally {
			if (!kept) {
				discard(entry);
			}
			if (borrowedAt != UNTIMED) {
				this.listeners.sessionReturned(System.nanoTime() - borrowedAt);
			}
		}
	}

	/**
	 * Borrows a session that can be handed out: open, not too old, and checked with the
	 * server when it was idle long enough; within the wait timeout, checks included.
	 */
	private PoolEntry borrow() {
		// the time is read only when it matters: for a wait or a check with the server
		long start = 0L;
		PoolEntry entry = poll();
		if (entry == null) {
			start = this.clock.precise();
			entry = borrowWithin(this.waitTimeoutNanos);
		}
		while (true) {
			boolean usable = false;
			try {
				usable = entry.session.isOpen() && !this.housekeeping.expired(entry);
				if (usable && this.validateAfterNanos != 0
						&& this.clock.now() - entry.returnedNanos() >= this.validateAfterNanos) {
					if (start == 0L) {
						start = this.clock.precise();
					}
					// never past the wait, even after other sessions failed their check
					long left = this.waitTimeoutNanos - (this.clock.precise() - start);
					usable = entry.session
						.ping((int) Math.max(1L, Math.min(this.validationMillis, TimeUnit.NANOSECONDS.toMillis(left))));
				}
			}
			finally {
				if (!usable) {
					discard(entry);
				}
			}
			if (usable) {
				return entry;
			}
			if (start == 0L) {
				start = this.clock.precise();
			}
			long left = this.waitTimeoutNanos - (this.clock.precise() - start);
			if (left <= 0L) {
				throw timedOut();
			}
			entry = borrowWithin(left);
		}
	}

	private @Nullable PoolEntry poll() {
		try {
			return this.bag.poll();
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("pool '" + this.name + "' is closed");
		}
	}

	private PoolEntry borrowWithin(long timeoutNanos) {
		try {
			return this.bag.borrow(timeoutNanos);
		}
		catch (TimeoutException ex) {
			throw timedOut();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IoTDBException("interrupted while waiting for a session of pool '" + this.name + "'");
		}
		catch (ExecutionException ex) {
			throw openFailed(ex.getCause());
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("pool '" + this.name + "' is closed");
		}
	}

	private PoolTimeoutException timedOut() {
		this.timeouts.increment();
		if (this.listeners.isTimed()) {
			this.listeners.acquireTimedOut(this.waitTimeoutNanos);
		}
		return new PoolTimeoutException("pool '" + this.name + "' has no free session after "
				+ TimeUnit.NANOSECONDS.toMillis(this.waitTimeoutNanos) + " ms: " + this.bag.inUse() + " of "
				+ this.config.getMaxPoolSize() + " in use, " + this.bag.waiting() + " more waiting");
	}

	private static RuntimeException openFailed(@Nullable Throwable cause) {
		if (cause instanceof IoTDBException failure) {
			// opened on a worker thread: rethrown here with its message and kind
			return failure;
		}
		return new IoTDBConnectionException("opening a session failed: " + cause, Objects.requireNonNull(cause));
	}

	/**
	 * Puts a returned session back in the pool's state; false when it must be closed
	 * instead.
	 */
	private boolean reset(PoolEntry entry) {
		RpcTableSession session = entry.session;
		if (!session.isOpen()) {
			return false;
		}
		try {
			session.closeOpenDataSets(this.returnedReason);
			String wanted = this.sessionConfig.getDatabase();
			String current = session.getDatabase();
			if (!sameDatabase(wanted, current)) {
				if (wanted == null) {
					// a session cannot leave a database again: a new one takes its place
					return false;
				}
				session.resetDatabase(wanted);
			}
		}
		catch (RuntimeException ex) {
			// whatever went wrong, the session is closed and its slot freed rather than
			// lost
			logger.debug("Closing a session of pool {} that could not be reset: {}", this.name, ex.getMessage());
			return false;
		}
		return session.isOpen();
	}

	private static boolean sameDatabase(@Nullable String wanted, @Nullable String current) {
		return (wanted == null) ? current == null : wanted.equalsIgnoreCase(current);
	}

	/**
	 * Asked by the bag for a new session, with room reserved for it. Never throws: the
	 * creation ends exactly once, in the task or here when the task cannot be run.
	 */
	private void create() {
		AtomicBoolean settled = new AtomicBoolean();
		try {
			this.opener.execute(() -> {
				if (settled.compareAndSet(false, true)) {
					openForBag();
				}
			});
		}
		catch (Throwable ex) {
			// rejected after close, or no thread could be started; the task may still
			// be queued, and whichever comes first settles the creation
			if (settled.compareAndSet(false, true)) {
				this.bag.createFailed(
						new IllegalStateException("pool '" + this.name + "' cannot open a session: " + ex, ex));
			}
		}
	}

	private void openForBag() {
		if (this.bag.isClosed()) {
			this.bag.createFailed(new IllegalStateException("pool '" + this.name + "' is closed"));
			return;
		}
		RpcTableSession session;
		try {
			session = this.factory.open(this.sessionConfig.getDatabase());
		}
		catch (RuntimeException ex) {
			logger.debug("Pool {} could not open a session: {}", this.name, ex.getMessage());
			this.bag.createFailed(ex);
			return;
		}
		catch (Error ex) {
			this.bag.createFailed(new IoTDBException("opening a session failed: " + ex, ex));
			throw ex;
		}
		boolean added = false;
		try {
			PoolEntry entry = new PoolEntry(session);
			added = true; // the bag owns the room from here, whatever add() answers
			if (!this.bag.add(entry)) {
				closeQuietly(entry); // the pool closed while it was opening
			}
		}
		finally {
			if (!added) {
				this.bag.createFailed(new IoTDBException("pool '" + this.name + "' could not keep a new session"));
				session.close();
			}
		}
	}

	/** Removes a borrowed session from the pool and closes it. */
	private void discard(PoolEntry entry) {
		this.bag.remove(entry);
		closeLater(entry);
	}

	/**
	 * Closes a session removed from the pool: in the background when it still talks to
	 * the server, so that the caller never waits for a slow server.
	 */
	private void closeLater(PoolEntry entry) {
		if (entry.session.isOpen() || !entry.redirected().isEmpty()) {
			try {
				this.closer.execute(() -> closeQuietly(entry));
				return;
			}
			catch (RejectedExecutionException ex) {
				// the pool has closed: close it here
			}
		}
		closeQuietly(entry);
	}

	private void closeQuietly(PoolEntry entry) {
		try {
			entry.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Closing a session of pool {} failed: {}", this.name, ex.getMessage());
		}
	}

	/**
	 * Logs a session held past the leak threshold.
	 * @return false while the pool still checks it before handing it out: its borrower
	 * has not got it yet
	 */
	private boolean reportLeak(PoolEntry entry, long heldNanos) {
		Exception borrowedHere = entry.borrowedHere;
		if (borrowedHere == null) {
			return false;
		}
		logger.warn(
				"A session of pool {} has been held by thread {} for {} ms (leak threshold {} ms) without being closed; "
						+ "a leak?",
				this.name, entry.borrowedBy, TimeUnit.NANOSECONDS.toMillis(heldNanos),
				TimeUnit.NANOSECONDS.toMillis(this.leakThresholdNanos), borrowedHere);
		return true;
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("pool '" + this.name + "' is closed");
		}
	}

	/** Nanoseconds of a setting, saturated rather than overflowing for huge ones. */
	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static ThreadPoolExecutor background(int threads, String name) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemon(name));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
