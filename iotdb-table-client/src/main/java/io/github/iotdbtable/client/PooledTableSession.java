package io.github.iotdbtable.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.iotdbtable.client.rpc.Endpoint;
import io.github.iotdbtable.client.rpc.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session borrowed from a {@link TableSessionPool}: retries failed operations, follows
 * write redirection, and goes back to the pool when closed. See the pool's documentation
 * for what is retried.
 */
final class PooledTableSession implements TableSession {

	private static final Logger logger = LoggerFactory.getLogger(PooledTableSession.class);

	/**
	 * The pause before the first retry of a transient failure; it doubles on each further
	 * retry.
	 */
	private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final VarHandle ENTRY;

	static {
		try {
			ENTRY = MethodHandles.lookup().findVarHandle(PooledTableSession.class, "entry", PoolEntry.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final TableSessionPool pool;

	/** Null once given back; cleared by one atomic swap, so only one close returns it. */
	@SuppressWarnings("unused") // also through ENTRY
	private volatile @Nullable PoolEntry entry;

	private final long borrowedAt;

	PooledTableSession(TableSessionPool pool, PoolEntry entry, long borrowedAt) {
		this.pool = pool;
		this.entry = entry;
		this.borrowedAt = borrowedAt;
	}

	@Override
	public void insert(Tablet tablet) {
		insertTablet(tablet);
	}

	@Override
	public void insert(ColumnarTablet tablet) {
		insertTablet(tablet);
	}

	@Override
	public void executeNonQueryStatement(String sql) {
		retrying((session) -> {
			session.executeNonQueryStatement(sql);
			return Boolean.TRUE; // an operation yields a value; this one has none to give
		});
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql) {
		return retrying((session) -> session.executeQueryStatement(sql));
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql, long timeoutInMs) {
		return retrying((session) -> session.executeQueryStatement(sql, timeoutInMs));
	}

	@Override
	public @Nullable String getDatabase() {
		return entry().session.getDatabase();
	}

	@Override
	public TimestampPrecision getTimestampPrecision() {
		return entry().session.getTimestampPrecision();
	}

	@Override
	public boolean isOpen() {
		return this.entry != null;
	}

	/**
	 * Gives the session back to the pool. Idempotent, also when called from two threads
	 * at once: only one of them gives it back.
	 */
	@Override
	public void close() {
		PoolEntry borrowed = (PoolEntry) ENTRY.getAndSet(this, (PoolEntry) null);
		if (borrowed != null) {
			this.pool.release(borrowed, this.borrowedAt);
		}
	}

	@Override
	public String toString() {
		PoolEntry borrowed = this.entry;
		return "PooledTableSession{pool=" + this.pool.getConfig().getPoolName() + ", "
				+ ((borrowed != null) ? "session=" + borrowed.session : "returned") + "}";
	}

	private void insertTablet(TabletData tablet) {
		PoolEntry borrowed = entry();
		if (tablet.rowCount() == 0) {
			return;
		}
		long[] times = tablet.timestamps(borrowed.session.getTimestampPrecision());
		int[] order = TabletEncoder.TimeOrder.sortedOrder(times, tablet.rowCount());
		LeaderCache leaders = this.pool.leaders();
		if (leaders == null) {
			insertDirect(tablet, times, order);
			return;
		}
		int[] tagColumns = tagColumns(tablet);
		Map<@Nullable Endpoint, int[]> groups = (leaders.isEmpty() || tagColumns.length == 0)
				? singleGroup(null, tablet, order) : groupByLeader(leaders, tablet, tagColumns, order);
		for (Map.Entry<@Nullable Endpoint, int[]> group : groups.entrySet()) {
			int[] rows = group.getValue();
			int[] sent = (groups.size() == 1) ? order : rows;
			Endpoint leader = group.getKey();
			Status status = null;
			if (leader != null && !leader.equals(borrowed.session.endpoint())) {
				status = insertRedirected(borrowed, leader, tablet, times, sent);
			}
			if (status == null) {
				status = insertDirect(tablet, times, sent);
			}
			learn(leaders, status, tablet, tagColumns, sent);
		}
	}

	/**
	 * Sends rows through the session's own connection, retrying as the pool documents.
	 */
	private Status insertDirect(TabletData tablet, long[] times, int @Nullable [] rows) {
		return retrying((session) -> {
			Status status = session.insertTablet(tablet, times, rows);
			this.pool.countInsert(session.endpoint());
			return status;
		});
	}

	/**
	 * Sends rows to the node that leads their devices.
	 * @return the status, or {@code null} when that node cannot be reached and the rows
	 * are still to be sent
	 */
	private @Nullable Status insertRedirected(PoolEntry borrowed, Endpoint leader, TabletData tablet, long[] times,
			int @Nullable [] rows) {
		Map<Endpoint, RpcTableSession> connections = borrowed.redirected();
		String database = borrowed.session.getDatabase();
		RpcTableSession connection = connections.get(leader);
		try {
			if (connection != null && (!connection.isOpen() || !Objects.equals(connection.getDatabase(), database))) {
				// closed, or the borrower switched databases since it was opened
				connections.remove(leader);
				connection.close();
				connection = null;
			}
			if (connection == null) {
				connection = this.pool.openRedirected(leader, database);
				connections.put(leader, connection);
			}
			Status status = connection.insertTablet(tablet, times, rows);
			this.pool.countInsert(leader);
			return status;
		}
		catch (IoTDBConnectionException ex) {
			logger.debug("Redirected insert to {} failed, sending through {}: {}", leader, borrowed.session.endpoint(),
					ex.getMessage());
			LeaderCache leaders = this.pool.leaders();
			if (leaders != null) {
				leaders.forget(leader);
			}
			RpcTableSession broken = connections.remove(leader);
			if (broken != null) {
				broken.close();
			}
			return null;
		}
	}

	private <T> T retrying(Operation<T> operation) {
		PoolEntry borrowed = entry();
		int retries = 0;
		while (true) {
			RpcTableSession session;
			try {
				session = borrowed.session.isOpen() ? borrowed.session : reconnect(borrowed);
			}
			catch (IoTDBConnectionException ex) {
				if (retries >= this.pool.maxRetry()) {
					throw ex;
				}
				retries++;
				// no node can be reached now: give a restarting server a moment
				pause(retries);
				continue;
			}
			try {
				return operation.run(session);
			}
			catch (IoTDBConnectionException ex) {
				if (retries >= this.pool.maxRetry()) {
					throw ex;
				}
				retries++;
				this.pool.nodeFailed(session.endpoint());
				logger.debug("Retrying on another connection ({} of {}): {}", retries, this.pool.maxRetry(),
						ex.getMessage());
			}
			catch (StatementExecutionException ex) {
				if (!ex.isTransient() || retries >= this.pool.maxRetry()) {
					throw ex;
				}
				retries++;
				pause(retries);
			}
		}
	}

	/** Replaces a broken connection with one to another node, in the same database. */
	private RpcTableSession reconnect(PoolEntry borrowed) {
		RpcTableSession broken = borrowed.session;
		RpcTableSession replacement = this.pool.openSession(broken.getDatabase());
		borrowed.session = replacement;
		return replacement;
	}

	private PoolEntry entry() {
		PoolEntry borrowed = this.entry;
		if (borrowed == null) {
			throw new IllegalStateException("this session was given back to pool '"
					+ this.pool.getConfig().getPoolName() + "'; borrow another one");
		}
		return borrowed;
	}

	private static void pause(int retry) {
		LockSupport.parkNanos(FIRST_BACKOFF_NANOS << Math.min(retry - 1, 5));
		if (Thread.currentThread().isInterrupted()) {
			throw new IoTDBException("interrupted while waiting to retry");
		}
	}

	private static int[] tagColumns(TabletData tablet) {
		List<ColumnCategory> categories = tablet.schema().columnCategories();
		int count = 0;
		for (ColumnCategory category : categories) {
			count += (category == ColumnCategory.TAG) ? 1 : 0;
		}
		int[] columns = new int[count];
		int next = 0;
		for (int column = 0; column < categories.size(); column++) {
			if (categories.get(column) == ColumnCategory.TAG) {
				columns[next++] = column;
			}
		}
		return columns;
	}

	private static Map<@Nullable Endpoint, int[]> singleGroup(@Nullable Endpoint leader, TabletData tablet,
			int @Nullable [] order) {
		Map<@Nullable Endpoint, int[]> groups = new LinkedHashMap<>(2);
		groups.put(leader, (order != null) ? order : identity(tablet.rowCount()));
		return groups;
	}

	/** Splits the rows by the node that leads their device, each group in time order. */
	private static Map<@Nullable Endpoint, int[]> groupByLeader(LeaderCache leaders, TabletData tablet,
			int[] tagColumns, int @Nullable [] order) {
		int rows = tablet.rowCount();
		Map<@Nullable Endpoint, List<Integer>> byLeader = new LinkedHashMap<>();
		String lastDevice = null;
		Endpoint lastLeader = null;
		for (int i = 0; i < rows; i++) {
			int row = (order != null) ? order[i] : i;
			String device = LeaderCache.device(tablet, tagColumns, row);
			if (!device.equals(lastDevice)) {
				lastDevice = device;
				lastLeader = leaders.leaderOf(device);
			}
			byLeader.computeIfAbsent(lastLeader, (key) -> new ArrayList<>()).add(row);
		}
		if (byLeader.size() == 1) {
			return singleGroup(byLeader.keySet().iterator().next(), tablet, order);
		}
		Map<@Nullable Endpoint, int[]> groups = new LinkedHashMap<>();
		byLeader.forEach((leader, list) -> groups.put(leader, list.stream().mapToInt(Integer::intValue).toArray()));
		return groups;
	}

	private static int[] identity(int rows) {
		int[] rowIndexes = new int[rows];
		for (int i = 0; i < rows; i++) {
			rowIndexes[i] = i;
		}
		return rowIndexes;
	}

	/** Remembers the leaders the server named for the rows sent, one hint per row. */
	private static void learn(LeaderCache leaders, Status status, TabletData tablet, int[] tagColumns,
			int @Nullable [] sent) {
		List<Status> perRow = status.subStatus();
		if (perRow.isEmpty() || tagColumns.length == 0) {
			return;
		}
		int count = (sent != null) ? sent.length : tablet.rowCount();
		String lastDevice = null;
		for (int i = 0; i < Math.min(perRow.size(), count); i++) {
			Endpoint leader = perRow.get(i).redirectNode();
			if (leader == null) {
				continue;
			}
			int row = (sent != null) ? sent[i] : i;
			String device = LeaderCache.device(tablet, tagColumns, row);
			if (!device.equals(lastDevice)) {
				leaders.learn(device, leader);
				lastDevice = device;
			}
		}
	}

	@FunctionalInterface
	private interface Operation<T> {

		T run(RpcTableSession session);

	}

}
