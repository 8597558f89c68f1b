package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

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
 * <p><b>Borrowing.</b> {@link #getSession()} hands out an idle session or opens a new one while fewer than
 * {@code maxPoolSize} are open; otherwise it waits, first come first served, up to the wait timeout and then throws
 * {@link PoolTimeoutException}. A borrowed session is for one thread at a time.
 *
 * <p><b>Returning.</b> Closing a borrowed session gives it back. Its open data sets are closed (releasing their
 * queries), and its database is set back to the pool's: a session that ran {@code USE} is switched back, or closed
 * when the pool has no database, so the next borrower never inherits it. A session whose connection broke is closed
 * and its slot freed for a new one: the pool never loses capacity.
 *
 * <p><b>Nodes and retries.</b> New connections go round robin to the configured DataNodes; a node that cannot be
 * reached is tried only after the others for a few seconds. A borrowed session retries, up to {@code maxRetry} times:
 * <ul>
 * <li>an insert or statement whose connection failed, on a new connection to another node when there is one. The
 * request may have been applied before the connection broke, so it can be applied twice: for inserts this is safe,
 * since IoTDB keeps one value per device, column and time and a repeated row overwrites itself; a non-query
 * statement such as {@code CREATE} may then fail with "already exists", and a relative {@code DELETE} is repeated.
 * The database chosen with {@code USE} carries over to the new connection;</li>
 * <li>an insert or statement that the server refused with {@code needRetry} set (a transient state, such as a region
 * changing leader), after a short pause;</li>
 * <li>a query that failed to start for either reason. Fetching further pages of a result that already started is not
 * retried: the data set fails and the caller decides.</li>
 * </ul>
 * Wrong input, a refused statement and an authentication failure are not retried.
 *
 * <p><b>Redirection.</b> With {@code enableRedirection}, inserts follow the server's hint: the DataNode that leads a
 * device's data is remembered per device (table and tag values), and later rows of that device are sent straight
 * there, over an extra connection of the borrowed session. A remembered node that cannot be reached is forgotten and
 * its rows are sent through the session's own connection.
 *
 * <p>{@link #close()} closes the idle sessions at once and the borrowed ones when they come back; later borrowers get
 * an {@link IllegalStateException}. {@link #getStats()} and a {@link TableSessionPoolListener} expose the pool's state
 * for monitoring.
 *
 * @since 0.1.0
 */
public final class TableSessionPool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TableSessionPool.class);

	/** The longest pause between housekeeping runs (idle timeout, lifetime, minimum idle). */
	private static final long MAX_HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final TableSessionPoolConfig config;

	private final TableSessionConfig sessionConfig;

	private final TableSessionPoolListener listener;

	private final String name;

	private final Semaphore permits;

	private final ConcurrentLinkedDeque<PoolEntry> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	private final AtomicInteger activeCount = new AtomicInteger();

	/** Entries that exist: idle, borrowed or being opened. Never above maxPoolSize. */
	private final AtomicInteger totalCount = new AtomicInteger();

	private final LongAdder created = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final Map<Endpoint, LongAdder> insertsByNode = new ConcurrentHashMap<>();

	private final NodeSelector nodes;

	private final @Nullable LeaderCache leaders;

	private final ScheduledThreadPoolExecutor housekeeper;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final long waitTimeoutNanos;

	public TableSessionPool(TableSessionPoolConfig config) {
		this(config, TableSessionPoolListener.NONE);
	}

	/**
	 * Creates a pool. No connection is opened before the first borrower, except to fill {@code minIdle}, which happens
	 * in the background.
	 * @param config the settings
	 * @param listener receives the pool's timings
	 */
	public TableSessionPool(TableSessionPoolConfig config, TableSessionPoolListener listener) {
		this.config = Objects.requireNonNull(config, "config");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.sessionConfig = config.getSessionConfig();
		this.name = config.getPoolName();
		this.permits = new Semaphore(config.getMaxPoolSize(), true);
		this.nodes = new NodeSelector(this.sessionConfig.endpoints());
		this.leaders = config.isEnableRedirection() ? new LeaderCache() : null;
		this.waitTimeoutNanos = config.getWaitTimeout().toNanos();
		this.housekeeper = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, this.name + "-housekeeper");
			thread.setDaemon(true);
			return thread;
		});
		this.housekeeper.setRemoveOnCancelPolicy(true);
		this.housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		long period = housekeepingPeriodNanos(config);
		this.housekeeper.scheduleWithFixedDelay(this::housekeep, 0, period, TimeUnit.NANOSECONDS);
		logger.debug("Started pool {} ({})", this.name, config);
	}

	/**
	 * Borrows a session; closing it gives it back.
	 * @return a session for the calling thread
	 * @throws PoolTimeoutException when no session becomes free within the wait timeout
	 * @throws IoTDBConnectionException when a new session is needed and no node can be reached
	 * @throws IllegalStateException when the pool is closed
	 */
	public TableSession getSession() {
		ensureOpen();
		long start = System.nanoTime();
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.waitTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IoTDBException("interrupted while waiting for a session of pool '" + this.name + "'", ex);
		}
		if (!acquired) {
			long waited = System.nanoTime() - start;
			this.timeouts.increment();
			this.listener.acquireTimedOut(waited);
			throw new PoolTimeoutException("pool '" + this.name + "' has no free session after "
					+ TimeUnit.NANOSECONDS.toMillis(waited) + " ms: " + this.activeCount.get() + " of "
					+ this.config.getMaxPoolSize() + " in use, " + this.permits.getQueueLength() + " more waiting");
		}
		PoolEntry entry;
		try {
			ensureOpen();
			entry = take(start);
		}
		catch (RuntimeException ex) {
			this.permits.release();
			throw ex;
		}
		this.activeCount.incrementAndGet();
		this.listener.sessionAcquired(System.nanoTime() - start);
		return new PooledTableSession(this, entry, System.nanoTime(), leakWatch());
	}

	/** A snapshot of the pool's counts. */
	public TableSessionPoolStats getStats() {
		Map<String, Long> inserts = new LinkedHashMap<>();
		this.insertsByNode.forEach((node, count) -> inserts.put(node.toString(), count.sum()));
		return new TableSessionPoolStats(this.config.getMaxPoolSize(), this.activeCount.get(), this.idleCount.get(),
				this.permits.getQueueLength(), this.created.sum(), this.timeouts.sum(), inserts);
	}

	public TableSessionPoolConfig getConfig() {
		return this.config;
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Closes the idle sessions now and the borrowed ones when they are given back. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.housekeeper.shutdownNow();
		closeIdle();
		// wake the waiting borrowers: they see the pool closed
		this.permits.release(1 << 20);
		logger.debug("Closed pool {}", this.name);
	}

	@Override
	public String toString() {
		return "TableSessionPool{name=" + this.name + ", nodeUrls=" + this.sessionConfig.getNodeUrls() + ", active="
				+ this.activeCount.get() + ", idle=" + this.idleCount.get() + ", closed=" + this.closed.get() + "}";
	}

	TableSessionConfig sessionConfig() {
		return this.sessionConfig;
	}

	int maxRetry() {
		return this.config.getMaxRetry();
	}

	@Nullable LeaderCache leaders() {
		return this.leaders;
	}

	/**
	 * Opens a connection on the first node that answers, healthy nodes first.
	 * @param database the database to start in
	 */
	RpcTableSession openSession(@Nullable String database) {
		long start = System.nanoTime();
		IoTDBConnectionException failure = null;
		for (Endpoint endpoint : this.nodes.candidates()) {
			try {
				RpcTableSession session = RpcTableSession.open(this.sessionConfig, endpoint, database);
				this.nodes.succeeded(endpoint);
				this.created.increment();
				this.listener.sessionCreated(System.nanoTime() - start);
				return session;
			}
			catch (IoTDBConnectionException ex) {
				this.nodes.failed(endpoint);
				if (failure == null) {
					failure = new IoTDBConnectionException("pool '" + this.name + "' cannot connect to any IoTDB node of "
							+ this.sessionConfig.getNodeUrls() + ": " + ex.getMessage(), ex);
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw Objects.requireNonNull(failure);
	}

	/**
	 * Opens a connection to one node, for inserts redirected there.
	 */
	RpcTableSession openRedirected(Endpoint endpoint, @Nullable String database) {
		long start = System.nanoTime();
		RpcTableSession session = RpcTableSession.open(this.sessionConfig, endpoint, database);
		this.created.increment();
		this.listener.sessionCreated(System.nanoTime() - start);
		return session;
	}

	void nodeFailed(Endpoint endpoint) {
		this.nodes.failed(endpoint);
	}

	void countInsert(Endpoint endpoint) {
		this.insertsByNode.computeIfAbsent(endpoint, (node) -> new LongAdder()).increment();
	}

	/**
	 * Takes a session back from a borrower.
	 * @param borrowedAt when it was handed out
	 */
	void release(PoolEntry entry, long borrowedAt) {
		long now = System.nanoTime();
		this.activeCount.decrementAndGet();
		try {
			if (!this.closed.get() && reset(entry) && !expired(entry, now)) {
				entry.returnedAt = now;
				this.idle.offerFirst(entry);
				this.idleCount.incrementAndGet();
				if (this.closed.get()) {
					closeIdle();
				}
			}
			else {
				discard(entry);
			}
		}
		finally {
			this.permits.release();
			this.listener.sessionReturned(now - borrowedAt);
		}
	}

	private PoolEntry take(long start) {
		while (true) {
			PoolEntry entry = this.idle.pollFirst();
			if (entry != null) {
				this.idleCount.decrementAndGet();
				if (usable(entry)) {
					return entry;
				}
				discard(entry);
				continue;
			}
			if (reserveSlot()) {
				try {
					return new PoolEntry(openSession(this.sessionConfig.getDatabase()), System.nanoTime());
				}
				catch (RuntimeException ex) {
					this.totalCount.decrementAndGet();
					throw ex;
				}
			}
			// every slot exists: one is being opened to fill minIdle and is about to be idle
			if (System.nanoTime() - start > this.waitTimeoutNanos) {
				throw new PoolTimeoutException("pool '" + this.name + "' has no free session after "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
			}
			LockSupport.parkNanos(50_000);
		}
	}

	private boolean usable(PoolEntry entry) {
		if (!entry.session.isOpen()) {
			return false;
		}
		long now = System.nanoTime();
		if (expired(entry, now)) {
			return false;
		}
		Duration validateAfter = this.config.getValidateAfterIdle();
		if (!validateAfter.isZero() && now - entry.returnedAt > validateAfter.toNanos()) {
			return entry.session.ping();
		}
		return true;
	}

	private boolean expired(PoolEntry entry, long now) {
		Duration lifetime = this.config.getMaxLifetime();
		return !lifetime.isZero() && now - entry.createdAt > lifetime.toNanos();
	}

	/** Puts a returned session back in the pool's state; false when it must be closed instead. */
	private boolean reset(PoolEntry entry) {
		RpcTableSession session = entry.session;
		if (!session.isOpen()) {
			return false;
		}
		try {
			session.closeOpenDataSets();
			String wanted = this.sessionConfig.getDatabase();
			String current = session.getDatabase();
			if (!sameDatabase(wanted, current)) {
				if (wanted == null) {
					// a session cannot leave a database again: a new one takes its place
					return false;
				}
				session.executeNonQueryStatement("USE \"" + wanted.replace("\"", "\"\"") + "\"");
			}
		}
		catch (IoTDBException ex) {
			logger.debug("Closing a session of pool {} that could not be reset: {}", this.name, ex.getMessage());
			return false;
		}
		return session.isOpen();
	}

	private static boolean sameDatabase(@Nullable String wanted, @Nullable String current) {
		return (wanted == null) ? current == null : wanted.equalsIgnoreCase(current);
	}

	private boolean reserveSlot() {
		int max = this.config.getMaxPoolSize();
		while (true) {
			int total = this.totalCount.get();
			if (total >= max) {
				return false;
			}
			if (this.totalCount.compareAndSet(total, total + 1)) {
				return true;
			}
		}
	}

	private void discard(PoolEntry entry) {
		this.totalCount.decrementAndGet();
		try {
			entry.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Closing a session of pool {} failed: {}", this.name, ex.getMessage());
		}
	}

	private void closeIdle() {
		PoolEntry entry;
		while ((entry = this.idle.pollFirst()) != null) {
			this.idleCount.decrementAndGet();
			discard(entry);
		}
	}

	private void housekeep() {
		try {
			long now = System.nanoTime();
			Duration idleTimeout = this.config.getIdleTimeout();
			for (PoolEntry entry : this.idle) {
				boolean idleTooLong = !idleTimeout.isZero() && now - entry.returnedAt > idleTimeout.toNanos()
						&& this.idleCount.get() > this.config.getMinIdle();
				if ((idleTooLong || expired(entry, now)) && this.idle.remove(entry)) {
					this.idleCount.decrementAndGet();
					discard(entry);
				}
			}
			while (!this.closed.get() && this.idleCount.get() < this.config.getMinIdle() && reserveSlot()) {
				PoolEntry entry;
				try {
					entry = new PoolEntry(openSession(this.sessionConfig.getDatabase()), System.nanoTime());
				}
				catch (RuntimeException ex) {
					this.totalCount.decrementAndGet();
					logger.debug("Pool {} could not open an idle session: {}", this.name, ex.getMessage());
					break;
				}
				this.idle.offerLast(entry);
				this.idleCount.incrementAndGet();
			}
			if (this.closed.get()) {
				closeIdle();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Housekeeping of pool {} failed", this.name, ex);
		}
	}

	private @Nullable ScheduledFuture<?> leakWatch() {
		Duration threshold = this.config.getLeakDetectionThreshold();
		if (threshold.isZero()) {
			return null;
		}
		Exception borrowedHere = new Exception("the session was borrowed here");
		String thread = Thread.currentThread().getName();
		try {
			return this.housekeeper.schedule(() -> logger.warn(
					"A session of pool {} has been held by thread {} for more than {} ms without being closed; "
							+ "a leak?",
					this.name, thread, threshold.toMillis(), borrowedHere), threshold.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			return null;
		}
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("pool '" + this.name + "' is closed");
		}
	}

	private static long housekeepingPeriodNanos(TableSessionPoolConfig config) {
		long period = MAX_HOUSEKEEPING_NANOS;
		for (Duration limit : new Duration[] { config.getIdleTimeout(), config.getMaxLifetime() }) {
			if (!limit.isZero()) {
				period = Math.min(period, limit.toNanos() / 2);
			}
		}
		return Math.max(period, TimeUnit.MILLISECONDS.toNanos(100));
	}

}
