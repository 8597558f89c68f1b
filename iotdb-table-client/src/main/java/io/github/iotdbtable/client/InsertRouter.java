package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.iotdbtable.client.RetryPolicy.Attempt;
import io.github.iotdbtable.client.RetryPolicy.Kind;
import io.github.iotdbtable.client.rpc.Endpoint;
import io.github.iotdbtable.client.rpc.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the rows of an insert to the DataNodes that lead their devices, learnt from the
 * server's redirection hints, over extra connections of the borrowed session. A leader
 * that cannot be reached is forgotten and, for {@link #QUARANTINE_NANOS}, neither learnt
 * again nor tried: its rows go through the session's own connection. Hints naming no
 * valid endpoint are ignored.
 */
final class InsertRouter {

	private static final Logger logger = LoggerFactory.getLogger(InsertRouter.class);

	/** How long a leader that could not be reached is left alone. */
	static final long QUARANTINE_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** Bounds the memory of unreachable leaders, which the server names. */
	static final int MAX_UNREACHABLE = 1_000;

	private final LeaderCache leaders = new LeaderCache();

	private final Map<Endpoint, Long> unreachableSince = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	InsertRouter() {
		this(System::nanoTime);
	}

	/**
	 * @param nanoTime the clock of the quarantine, as {@link System#nanoTime()}
	 */
	InsertRouter(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	LeaderCache leaders() {
		return this.leaders;
	}

	/**
	 * Sends the rows of a tablet through the borrowed session, as the pool documents.
	 * @param times the tablet's times in the session's precision
	 * @param order the rows in time order, or {@code null} when they are in time order
	 */
	static void insertDirect(TableSessionPool pool, Retrier retrier, PoolEntry borrowed, TabletData tablet,
			long[] times, int @Nullable [] order) {
		send(pool, retrier, borrowed, tablet, times, order, 0);
	}

	/**
	 * Sends each device's rows to its leader when it is known and can be reached, the
	 * others through the session's own connection, and learns the server's hints.
	 * @param times the tablet's times in the session's precision
	 * @param order the rows in time order, or {@code null} when they are in time order
	 */
	void insert(TableSessionPool pool, Retrier retrier, PoolEntry borrowed, TabletData tablet, long[] times,
			int @Nullable [] order) {
		int[] tagColumns = tagColumns(tablet);
		Map<@Nullable Endpoint, int[]> groups = (this.leaders.isEmpty() || tagColumns.length == 0)
				? singleGroup(null, tablet, order) : groupByLeader(tablet, tagColumns, order);
		for (Map.Entry<@Nullable Endpoint, int[]> group : groups.entrySet()) {
			int[] rows = group.getValue();
			int @Nullable [] sent = (groups.size() == 1) ? order : rows;
			Endpoint leader = group.getKey();
			Status status = null;
			int failed = 0;
			if (leader != null && !leader.equals(borrowed.session.endpoint()) && !isQuarantined(leader)) {
				try {
					status = insertRedirected(pool, borrowed, leader, tablet, times, sent);
				}
				catch (IoTDBConnectionException | StatementExecutionException ex) {
					// sent, or may have been: what follows is a retry
					failed = 1;
					retrier.awaitRetry(new Attempt(Kind.INSERT, null, failed, ex, true));
				}
			}
			if (status == null) {
				status = send(pool, retrier, borrowed, tablet, times, sent, failed);
			}
			learn(status, tablet, tagColumns, sent);
		}
	}

	/**
	 * Remembers the leader the server named for a device, unless it is no valid endpoint
	 * or could not be reached lately.
	 */
	void learn(String device, Endpoint leader) {
		if (!isValid(leader)) {
			logger.debug("Ignoring the redirection of {} to {}: not a valid endpoint", device, leader);
			return;
		}
		if (!isQuarantined(leader)) {
			this.leaders.learn(device, leader);
		}
	}

	/** Forgets a leader that could not be reached, and leaves it alone for a while. */
	void unreachable(Endpoint leader) {
		if (this.unreachableSince.size() >= MAX_UNREACHABLE) {
			this.unreachableSince.clear();
		}
		this.unreachableSince.put(leader, this.nanoTime.getAsLong());
		this.leaders.forget(leader);
	}

	boolean isQuarantined(Endpoint leader) {
		Long since = this.unreachableSince.get(leader);
		if (since == null) {
			return false;
		}
		if (this.nanoTime.getAsLong() - since < QUARANTINE_NANOS) {
			return true;
		}
		this.unreachableSince.remove(leader, since);
		return false;
	}

	/** Whether the server named an endpoint a connection can be opened to. */
	static boolean isValid(Endpoint endpoint) {
		return !endpoint.host().isBlank() && endpoint.port() >= 1 && endpoint.port() <= 65_535;
	}

	/**
	 * Sends rows through the session's own connection, retrying as the pool documents.
	 */
	private static Status send(TableSessionPool pool, Retrier retrier, PoolEntry borrowed, TabletData tablet,
			long[] times, int @Nullable [] rows, int failedBefore) {
		return retrier.run(borrowed, Kind.INSERT, null, failedBefore, (session) -> {
			Status status = session.insertTablet(tablet, times, rows);
			pool.countInsert(session.endpoint());
			return status;
		});
	}

	/**
	 * Sends rows to the node that leads their devices.
	 * @return the status, or {@code null} when no connection to that node could be opened
	 * and the rows are still to be sent
	 * @throws IoTDBConnectionException when the connection broke with the rows in flight
	 * @throws StatementExecutionException when the node refused the rows
	 */
	private @Nullable Status insertRedirected(TableSessionPool pool, PoolEntry borrowed, Endpoint leader,
			TabletData tablet, long[] times, int @Nullable [] rows) {
		Map<Endpoint, RpcTableSession> connections = borrowed.redirected();
		String database = borrowed.session.getDatabase();
		RpcTableSession connection = connections.get(leader);
		if (connection != null && (!connection.isOpen() || !Objects.equals(connection.getDatabase(), database))) {
			// closed, or the borrower switched databases since it was opened
			connections.remove(leader);
			connection.close();
			connection = null;
		}
		if (connection == null) {
			try {
				connection = pool.openRedirected(leader, database);
			}
			catch (IoTDBConnectionException ex) {
				if (Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				logger.debug("Cannot reach leader {}, sending through {} for the next {} s: {}", leader,
						borrowed.session.endpoint(), TimeUnit.NANOSECONDS.toSeconds(QUARANTINE_NANOS), ex.getMessage());
				unreachable(leader);
				return null;
			}
			connections.put(leader, connection);
		}
		try {
			Status status = connection.insertTablet(tablet, times, rows);
			pool.countInsert(leader);
			return status;
		}
		catch (IoTDBConnectionException ex) {
			connections.remove(leader);
			connection.close();
			if (!Thread.currentThread().isInterrupted()) {
				logger.debug("Redirected insert to {} failed: {}", leader, ex.getMessage());
				unreachable(leader);
			}
			throw ex;
		}
	}

	/** Remembers the leaders the server named for the rows sent, one hint per row. */
	private void learn(Status status, TabletData tablet, int[] tagColumns, int @Nullable [] sent) {
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
				learn(device, leader);
				lastDevice = device;
			}
		}
	}

	/** Splits the rows by the node that leads their device, each group in time order. */
	private Map<@Nullable Endpoint, int[]> groupByLeader(TabletData tablet, int[] tagColumns, int @Nullable [] order) {
		int rows = tablet.rowCount();
		Map<@Nullable Endpoint, List<Integer>> byLeader = new LinkedHashMap<>();
		String lastDevice = null;
		Endpoint lastLeader = null;
		for (int i = 0; i < rows; i++) {
			int row = (order != null) ? order[i] : i;
			String device = LeaderCache.device(tablet, tagColumns, row);
			if (!device.equals(lastDevice)) {
				lastDevice = device;
				lastLeader = this.leaders.leaderOf(device);
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

	private static Map<@Nullable Endpoint, int[]> singleGroup(@Nullable Endpoint leader, TabletData tablet,
			int @Nullable [] order) {
		Map<@Nullable Endpoint, int[]> groups = new LinkedHashMap<>(2);
		groups.put(leader, (order != null) ? order : identity(tablet.rowCount()));
		return groups;
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

	private static int[] identity(int rows) {
		int[] rowIndexes = new int[rows];
		for (int i = 0; i < rows; i++) {
			rowIndexes[i] = i;
		}
		return rowIndexes;
	}

}
