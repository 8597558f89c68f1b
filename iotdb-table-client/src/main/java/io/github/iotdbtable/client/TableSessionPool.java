package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

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
 * <b>Borrowing.</b> {@link #getSession()} hands out an idle session or opens a new one
 * while fewer than {@code maxPoolSize} are open; otherwise it waits up to the wait
 * timeout and then throws {@link PoolTimeoutException}. Waiting threads are woken in the
 * order they arrived. A thread that finds an idle session takes it even while others
 * wait, which keeps the pool fast when threads outnumber sessions; a waiter passed over
 * for 2 ms is handed the next session that comes back, ahead of threads that arrive
 * later. A borrowed session is for one thread at a time.
 *
 * <p>
 * <b>Returning.</b> Closing a borrowed session gives it back. Its open data sets are
 * closed (releasing their queries), and its database is set back to the pool's: a session
 * that ran {@code USE} is switched back, or closed when the pool has no database, so the
 * next borrower never inherits it. A session whose connection broke is closed and its
 * slot freed for a new one: the pool never loses capacity.
 *
 * <p>
 * <b>Nodes and retries.</b> New connections go round robin to the configured DataNodes; a
 * node that cannot be reached is tried only after the others for a few seconds. A
 * borrowed session retries, up to {@code maxRetry} times:
 * <ul>
 * <li>an insert or statement whose connection failed, on a new connection to another node
 * when there is one. The request may have been applied before the connection broke, so it
 * can be applied twice: for inserts this is safe, since IoTDB keeps one value per device,
 * column and time and a repeated row overwrites itself; a non-query statement such as
 * {@code CREATE} may then fail with "already exists", and a relative {@code DELETE} is
 * repeated. The database chosen with {@code USE} carries over to the new connection;</li>
 * <li>an insert or statement that the server refused with {@code needRetry} set (a
 * transient state, such as a region changing leader), after a short pause;</li>
 * <li>a query that failed to start for either reason. Fetching further pages of a result
 * that already started is not retried: the data set fails and the caller decides.</li>
 * </ul>
 * Wrong input, a refused statement and an authentication failure are not retried.
 *
 * <p>
 * <b>Redirection.</b> With {@code enableRedirection}, inserts follow the server's hint:
 * the DataNode that leads a device's data is remembered per device (table and tag
 * values), and later rows of that device are sent straight there, over an extra
 * connection of the borrowed session. A remembered node that cannot be reached is
 * forgotten and its rows are sent through the session's own connection.
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
	 * The period of the coarse clock and of housekeeping (idle timeout, lifetime, minimum
	 * idle).
	 */
	private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * How long a waiter may be passed over before the next returned session is handed to
	 * it.
	 */
	private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final TableSessionPoolConfig config;

	private final TableSessionConfig sessionConfig;

	private final TableSessionPoolListener listener;

	private final boolean timed;

	private final String name;

	private final AtomicReferenceArray<PoolEntry> slots;

	/** Entries that exist: idle, borrowed or being opened. Never above maxPoolSize. */
	private final AtomicInteger totalCount = new AtomicInteger();

	private final AtomicInteger waiterCount = new AtomicInteger();

	/**
	 * Waiters passed over for longer than the patience: while there are any, idle
	 * sessions go to waiters only.
	 */
	private final AtomicInteger starvingCount = new AtomicInteger();

	private final ReentrantLock waiterLock = new ReentrantLock();

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private final LongAdder created = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final Map<Endpoint, LongAdder> insertsByNode = new ConcurrentHashMap<>();

	private final NodeSelector nodes;

	private final @Nullable LeaderCache leaders;

	private final ScheduledThreadPoolExecutor housekeeper;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final long waitTimeoutNanos;

	private final long validateAfterTicks;

	private final long idleTimeoutTicks;

	private final long lifetimeTicks;

	/**
	 * A clock that costs a memory read: seconds since the pool started, advanced by the
	 * housekeeper.
	 */
	private volatile long ticks;

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
		this.config = Objects.requireNonNull(config, "config");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.timed = listener != TableSessionPoolListener.NONE;
		this.sessionConfig = config.getSessionConfig();
		this.name = config.getPoolName();
		this.slots = new AtomicReferenceArray<>(config.getMaxPoolSize());
		this.nodes = new NodeSelector(this.sessionConfig.endpoints());
		this.leaders = config.isEnableRedirection() ? new LeaderCache() : null;
		this.waitTimeoutNanos = config.getWaitTimeout().toNanos();
		this.validateAfterTicks = ticks(config.getValidateAfterIdle());
		this.idleTimeoutTicks = ticks(config.getIdleTimeout());
		this.lifetimeTicks = ticks(config.getMaxLifetime());
		this.housekeeper = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, this.name + "-housekeeper");
			thread.setDaemon(true);
			return thread;
		});
		this.housekeeper.setRemoveOnCancelPolicy(true);
		this.housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		// housekeep() catches its RuntimeExceptions, so the future holds none to read (an
		// Error ends the task, as it would end a thread); close() stops the task
		ScheduledFuture<?> unused = this.housekeeper.scheduleAtFixedRate(this::housekeep, 0, TICK_NANOS,
				TimeUnit.NANOSECONDS);
		logger.debug("Started pool {} ({})", this.name, config);
	}

	/**
	 * Borrows a session; closing it gives it back.
	 * @return a session for the calling thread
	 * @throws PoolTimeoutException when no session becomes free within the wait timeout
	 * @throws IoTDBConnectionException when a new session is needed and no node can be
	 * reached
	 * @throws IllegalStateException when the pool is closed
	 */
	public TableSession getSession() {
		ensureOpen();
		long start = this.timed ? System.nanoTime() : 0L;
		PoolEntry entry = takeIdle();
		if (entry == null) {
			entry = takeOrWait();
		}
		long now = 0L;
		if (this.timed) {
			now = System.nanoTime();
			this.listener.sessionAcquired(now - start);
		}
		return new PooledTableSession(this, entry, now, leakWatch());
	}

	/** A snapshot of the pool's counts. */
	public TableSessionPoolStats getStats() {
		int active = 0;
		int idle = 0;
		for (int i = 0; i < this.slots.length(); i++) {
			PoolEntry entry = this.slots.get(i);
			if (entry != null) {
				int state = entry.state();
				active += (state == PoolEntry.IN_USE) ? 1 : 0;
				idle += (state == PoolEntry.IDLE) ? 1 : 0;
			}
		}
		Map<String, Long> inserts = new LinkedHashMap<>();
		this.insertsByNode.forEach((node, count) -> inserts.put(node.toString(), count.sum()));
		return new TableSessionPoolStats(this.config.getMaxPoolSize(), active, idle, this.waiterCount.get(),
				this.created.sum(), this.timeouts.sum(), inserts);
	}

	public TableSessionPoolConfig getConfig() {
		return this.config;
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Closes the idle sessions now and the borrowed ones when they are given back.
	 * Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.housekeeper.shutdownNow();
		closeIdle();
		wakeAllWaiters();
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
					failure = new IoTDBConnectionException(
							"pool '" + this.name + "' cannot connect to any IoTDB node of "
									+ this.sessionConfig.getNodeUrls() + ": " + ex.getMessage(),
							ex);
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
	 * @param borrowedAt when it was handed out, in {@link System#nanoTime()} when the
	 * pool is timed
	 */
	void release(PoolEntry entry, long borrowedAt) {
		try {
			long tick = this.ticks;
			if (!this.closed.get() && reset(entry)
					&& (this.lifetimeTicks == 0 || tick - entry.createdTick < this.lifetimeTicks)) {
				entry.returnedTick = tick;
				if (!handOff(entry)) {
					entry.free();
					if (this.waiterCount.get() > 0) {
						wakeFirstWaiter();
					}
					if (this.closed.get()) {
						closeIdle();
					}
				}
			}
			else {
				discard(entry);
				if (this.waiterCount.get() > 0) {
					wakeFirstWaiter();
				}
			}
		}
		finally {
			if (this.timed) {
				this.listener.sessionReturned(System.nanoTime() - borrowedAt);
			}
		}
	}

	/**
	 * Takes an idle session, starting at a slot chosen by the thread so that threads
	 * rarely meet.
	 */
	private @Nullable PoolEntry takeIdle() {
		if (this.starvingCount.get() > 0) {
			return null;
		}
		int size = this.slots.length();
		int start = (int) (Thread.currentThread().getId() % size);
		for (int i = 0; i < size; i++) {
			int index = start + i;
			PoolEntry entry = this.slots.get((index < size) ? index : index - size);
			if (entry != null && entry.take()) {
				if (usable(entry)) {
					return entry;
				}
				discard(entry);
			}
		}
		return null;
	}

	private PoolEntry takeOrWait() {
		long deadline = System.nanoTime() + this.waitTimeoutNanos;
		PoolEntry entry = createIfRoom();
		if (entry != null) {
			return entry;
		}
		Waiter waiter = new Waiter(Thread.currentThread());
		this.waiterLock.lock();
		try {
			this.waiters.addLast(waiter);
			this.waiterCount.incrementAndGet();
		}
		finally {
			this.waiterLock.unlock();
		}
		long waitStart = System.nanoTime();
		try {
			while (true) {
				entry = waiter.handed;
				if (entry == null) {
					entry = scanAsWaiter();
				}
				if (entry == null) {
					entry = createIfRoom();
				}
				if (entry != null) {
					return entry;
				}
				ensureOpen();
				long now = System.nanoTime();
				long remaining = deadline - now;
				if (remaining <= 0) {
					this.timeouts.increment();
					this.listener.acquireTimedOut(now - waitStart);
					TableSessionPoolStats stats = getStats();
					throw new PoolTimeoutException("pool '" + this.name + "' has no free session after "
							+ TimeUnit.NANOSECONDS.toMillis(this.waitTimeoutNanos - remaining) + " ms: "
							+ stats.active() + " of " + this.config.getMaxPoolSize() + " in use, "
							+ (stats.pending() - 1) + " more waiting");
				}
				if (!waiter.starving && now - waitStart >= PATIENCE_NANOS) {
					waiter.starving = true;
					this.starvingCount.incrementAndGet();
				}
				// until it starves a waiter wakes once to say so; then it is woken when a
				// session is handed to it
				LockSupport.parkNanos(this, waiter.starving ? remaining : Math.min(remaining, PATIENCE_NANOS));
				if (Thread.interrupted()) {
					Thread.currentThread().interrupt();
					throw new IoTDBException("interrupted while waiting for a session of pool '" + this.name + "'");
				}
			}
		}
		finally {
			leave(waiter, entry);
		}
	}

	/** A waiter looks for an idle session in every slot. */
	private @Nullable PoolEntry scanAsWaiter() {
		int size = this.slots.length();
		for (int i = 0; i < size; i++) {
			PoolEntry entry = this.slots.get(i);
			if (entry != null && entry.take()) {
				if (usable(entry)) {
					return entry;
				}
				discard(entry);
			}
		}
		return null;
	}

	/**
	 * Removes a waiter from the queue; an entry handed to it meanwhile goes back to the
	 * pool unless it took it.
	 */
	private void leave(Waiter waiter, @Nullable PoolEntry taken) {
		boolean queued;
		this.waiterLock.lock();
		try {
			queued = this.waiters.remove(waiter);
			if (queued) {
				this.waiterCount.decrementAndGet();
			}
		}
		finally {
			this.waiterLock.unlock();
		}
		if (waiter.starving) {
			this.starvingCount.decrementAndGet();
		}
		PoolEntry handed = waiter.handed;
		if (!queued && handed != null && handed != taken) {
			// handed an entry while it found another or gave up: pass it on
			if (!handOff(handed)) {
				handed.free();
				if (this.waiterCount.get() > 0) {
					wakeFirstWaiter();
				}
			}
		}
		else if (taken != null && this.waiterCount.get() > 0) {
			// the next waiter may find the pool has room or an idle session too
			wakeFirstWaiter();
		}
	}

	/**
	 * Gives a returned entry straight to the first waiter when it has been passed over
	 * too long.
	 */
	private boolean handOff(PoolEntry entry) {
		if (this.waiterCount.get() == 0) {
			return false;
		}
		Waiter first;
		this.waiterLock.lock();
		try {
			first = this.waiters.peekFirst();
			if (first == null || !first.starving) {
				return false;
			}
			this.waiters.pollFirst();
			this.waiterCount.decrementAndGet();
			first.handed = entry;
		}
		finally {
			this.waiterLock.unlock();
		}
		LockSupport.unpark(first.thread);
		return true;
	}

	private void wakeFirstWaiter() {
		Waiter first;
		this.waiterLock.lock();
		try {
			first = this.waiters.peekFirst();
		}
		finally {
			this.waiterLock.unlock();
		}
		if (first != null) {
			LockSupport.unpark(first.thread);
		}
	}

	private void wakeAllWaiters() {
		this.waiterLock.lock();
		try {
			this.waiters.forEach((waiter) -> LockSupport.unpark(waiter.thread));
		}
		finally {
			this.waiterLock.unlock();
		}
	}

	/** Opens a new session when the pool has room, in a free slot. */
	private @Nullable PoolEntry createIfRoom() {
		if (!reserveSlot()) {
			return null;
		}
		PoolEntry entry;
		try {
			entry = new PoolEntry(openSession(this.sessionConfig.getDatabase()), this.ticks);
		}
		catch (RuntimeException ex) {
			this.totalCount.decrementAndGet();
			throw ex;
		}
		install(entry);
		return entry;
	}

	private void install(PoolEntry entry) {
		while (true) {
			for (int i = 0; i < this.slots.length(); i++) {
				if (this.slots.get(i) == null && this.slots.compareAndSet(i, null, entry)) {
					return;
				}
			}
			// a discarded entry is leaving its slot right now
			Thread.onSpinWait();
		}
	}

	private boolean usable(PoolEntry entry) {
		if (!entry.session.isOpen()) {
			return false;
		}
		long idleTicks = this.ticks - entry.returnedTick;
		if (this.lifetimeTicks != 0 && this.ticks - entry.createdTick >= this.lifetimeTicks) {
			return false;
		}
		if (this.validateAfterTicks != 0 && idleTicks >= this.validateAfterTicks) {
			return entry.session.ping();
		}
		return true;
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
			session.closeOpenDataSets("its session was returned to pool '" + this.name + "'");
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

	private boolean reserveSlot() {
		int max = this.config.getMaxPoolSize();
		while (true) {
			int total = this.totalCount.get();
			if (total >= max || this.closed.get()) {
				return false;
			}
			if (this.totalCount.compareAndSet(total, total + 1)) {
				return true;
			}
		}
	}

	/**
	 * Closes an entry that its caller took (borrowed, or removed while idle), freeing its
	 * slot.
	 */
	private void discard(PoolEntry entry) {
		entry.markRemoved();
		for (int i = 0; i < this.slots.length(); i++) {
			if (this.slots.compareAndSet(i, entry, null)) {
				this.totalCount.decrementAndGet();
				break;
			}
		}
		try {
			entry.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Closing a session of pool {} failed: {}", this.name, ex.getMessage());
		}
	}

	private void closeIdle() {
		for (int i = 0; i < this.slots.length(); i++) {
			PoolEntry entry = this.slots.get(i);
			if (entry != null && entry.remove()) {
				discard(entry);
			}
		}
	}

	// only the housekeeper thread writes ticks; other threads just read it
	@SuppressWarnings("NonAtomicVolatileUpdate")
	private void housekeep() {
		try {
			long tick = ++this.ticks;
			int idle = 0;
			for (int i = 0; i < this.slots.length(); i++) {
				PoolEntry entry = this.slots.get(i);
				if (entry == null || entry.state() != PoolEntry.IDLE) {
					continue;
				}
				boolean idleTooLong = this.idleTimeoutTicks != 0 && tick - entry.returnedTick >= this.idleTimeoutTicks;
				boolean tooOld = this.lifetimeTicks != 0 && tick - entry.createdTick >= this.lifetimeTicks;
				if ((tooOld || (idleTooLong && idle >= this.config.getMinIdle())) && entry.remove()) {
					discard(entry);
				}
				else {
					idle++;
				}
			}
			while (!this.closed.get() && idle < this.config.getMinIdle() && reserveSlot()) {
				PoolEntry entry;
				try {
					entry = new PoolEntry(openSession(this.sessionConfig.getDatabase()), tick);
				}
				catch (RuntimeException ex) {
					this.totalCount.decrementAndGet();
					logger.debug("Pool {} could not open an idle session: {}", this.name, ex.getMessage());
					break;
				}
				install(entry);
				entry.free();
				idle++;
				if (this.waiterCount.get() > 0) {
					wakeFirstWaiter();
				}
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
			return this.housekeeper.schedule(
					() -> logger.warn(
							"A session of pool {} has been held by thread {} for more than {} ms without being closed; "
									+ "a leak?",
							this.name, thread, threshold.toMillis(), borrowedHere),
					threshold.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("pool '" + this.name + "' is closed");
		}
	}

	private static long ticks(Duration duration) {
		if (duration.isZero()) {
			return 0;
		}
		return Math.max(1, (duration.toNanos() + TICK_NANOS - 1) / TICK_NANOS);
	}

	/** A thread waiting for a session. */
	private static final class Waiter {

		final Thread thread;

		/**
		 * Set when the waiter has been passed over long enough to be handed the next
		 * returned session.
		 */
		volatile boolean starving;

		volatile @Nullable PoolEntry handed;

		Waiter(Thread thread) {
			this.thread = thread;
		}

	}

}
