package io.github.iotdbtable.client;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.github.iotdbtable.client.rpc.Endpoint;
import io.github.iotdbtable.client.rpc.ExecuteStatementRequest;
import io.github.iotdbtable.client.rpc.ExecuteStatementResponse;
import io.github.iotdbtable.client.rpc.FetchResultsResponse;
import io.github.iotdbtable.client.rpc.OpenSessionResponse;
import io.github.iotdbtable.client.rpc.ResultLayout;
import io.github.iotdbtable.client.rpc.RpcClient;
import io.github.iotdbtable.client.rpc.RpcOptions;
import io.github.iotdbtable.client.rpc.Status;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TableSession} over one {@link RpcClient} connection.
 */
final class RpcTableSession implements TableSession {

	private static final Logger logger = LoggerFactory.getLogger(RpcTableSession.class);

	static final String TABLE_DIALECT = "table";

	/** Spoken only for the statements the table dialect lacks, such as ALTER USER. */
	static final String TREE_DIALECT = "tree";

	/**
	 * Extra read time allowed beyond a statement's own timeout, so that the server's
	 * timeout answer arrives.
	 */
	private static final long TIMEOUT_GRACE_MILLIS = 10_000;

	/**
	 * The longest the calls that end or reset a session (closing it, releasing a query,
	 * switching back its database) wait for the server, unless the read timeout is
	 * shorter: a server that does not answer in time just has the connection closed on
	 * it.
	 */
	private static final int CLOSE_TIMEOUT_MILLIS = 2_000;

	private final TableSessionConfig config;

	private final RpcClient client;

	private final long sessionId;

	private final long statementId;

	private final TimestampPrecision precision;

	private final ReentrantLock lock = new ReentrantLock();

	private final List<SessionDataSet> openDataSets = new ArrayList<>();

	private final TabletEncoder.Buffers buffers = new TabletEncoder.Buffers();

	private volatile @Nullable String database;

	private volatile boolean open = true;

	private RpcTableSession(TableSessionConfig config, RpcClient client, long sessionId, long statementId,
			TimestampPrecision precision, @Nullable String database) {
		this.config = config;
		this.client = client;
		this.sessionId = sessionId;
		this.statementId = statementId;
		this.precision = precision;
		this.database = database;
	}

	static RpcTableSession open(TableSessionConfig config) {
		return open(config, TABLE_DIALECT);
	}

	/**
	 * Opens a session on the first node that answers.
	 * @param dialect {@link #TABLE_DIALECT} or {@link #TREE_DIALECT}
	 */
	static RpcTableSession open(TableSessionConfig config, String dialect) {
		List<Endpoint> endpoints = config.endpoints();
		List<Exception> failures = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			try {
				// a database belongs to the table model: a tree-dialect session starts in
				// none
				String database = TABLE_DIALECT.equals(dialect) ? config.getDatabase() : null;
				return open(config, endpoint, database, dialect);
			}
			catch (IoTDBConnectionException ex) {
				failures.add(ex);
			}
		}
		String message = (endpoints.size() == 1) ? "cannot connect to IoTDB at " + endpoints.get(0)
				: "cannot connect to any IoTDB node of " + config.getNodeUrls();
		IoTDBConnectionException failure = new IoTDBConnectionException(
				message + ": " + failures.get(failures.size() - 1).getMessage(), failures.get(failures.size() - 1));
		failures.subList(0, failures.size() - 1).forEach(failure::addSuppressed);
		throw failure;
	}

	/**
	 * Opens a session on one node.
	 * @param database the database to start in, instead of the config's
	 * @throws IoTDBConnectionException naming the node when it cannot be reached
	 */
	static RpcTableSession open(TableSessionConfig config, Endpoint endpoint, @Nullable String database) {
		return open(config, endpoint, database, TABLE_DIALECT);
	}

	private static RpcTableSession open(TableSessionConfig config, Endpoint endpoint, @Nullable String database,
			String dialect) {
		RpcOptions options = new RpcOptions((int) config.getConnectTimeout().toMillis(),
				(int) config.getReadTimeout().toMillis(), config.isEnableCompression(),
				RpcOptions.DEFAULT_MAX_FRAME_SIZE,
				(config.getSslContext() != null) ? config.getSslContext().getSocketFactory() : null,
				config.isVerifyHostname(), config.getSslProtocols(), config.getSslCipherSuites());
		RpcClient client;
		try {
			client = RpcClient.connect(endpoint, options);
		}
		catch (TTransportException ex) {
			throw new IoTDBConnectionException(endpoint + ": " + describe(ex), ex);
		}
		try {
			return open(config, client, database, dialect);
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	private static RpcTableSession open(TableSessionConfig config, RpcClient client, @Nullable String database,
			String dialect) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("version", "V_1_0");
		settings.put("sql_dialect", dialect);
		if (database != null) {
			settings.put("db", database);
		}
		OpenSessionResponse response;
		long statementId;
		try {
			response = client.openSession(config.getUsername(), config.getPassword(), config.getTimeZone().getId(),
					settings);
			Statuses.check(response.status());
			statementId = client.requestStatementId(response.sessionId());
		}
		catch (TException ex) {
			throw new IoTDBConnectionException(client.endpoint() + ": opening a session failed: " + describe(ex), ex);
		}
		String precisionSymbol = response.configuration().get("timestamp_precision");
		TimestampPrecision precision = (precisionSymbol != null) ? TimestampPrecision.of(precisionSymbol)
				: TimestampPrecision.MILLISECONDS;
		logger.debug("Opened session {} on {} (timestamp precision {})", response.sessionId(), client.endpoint(),
				precision.symbol());
		return new RpcTableSession(config, client, response.sessionId(), statementId, precision, database);
	}

	@Override
	public void insert(Tablet tablet) {
		insertTablet(tablet);
	}

	@Override
	public void insert(ColumnarTablet tablet) {
		insertTablet(tablet);
	}

	private void insertTablet(TabletData tablet) {
		ensureOpen();
		if (tablet.rowCount() == 0) {
			return;
		}
		long[] times = tablet.timestamps(this.precision);
		insertTablet(tablet, times, TabletEncoder.TimeOrder.sortedOrder(times, tablet.rowCount()));
	}

	/**
	 * Inserts some rows of a tablet.
	 * @param times the tablet's times in this session's precision
	 * @param order the rows to send in time order, or {@code null} for all rows, already
	 * in time order
	 * @return the server's status, a success that may carry redirection hints, one per
	 * row sent
	 * @throws StatementExecutionException when the server refuses the rows
	 */
	Status insertTablet(TabletData tablet, long[] times, int @Nullable [] order) {
		ensureOpen();
		Status status;
		try {
			// encoded under the session's lock: the request points into the connection's
			// reused buffers
			status = call("insert into " + tablet.schema().tableName(), 0, () -> this.client.insertTablet(
					TabletEncoder.encode(this.sessionId, tablet, this.precision, times, order, this.buffers)));
		}
		catch (IllegalArgumentException ex) {
			// refused before anything was sent
			throw new IllegalArgumentException("tablet '" + tablet.schema().tableName() + "' of "
					+ ((order != null) ? order.length : tablet.rowCount()) + " rows is too large for one request ("
					+ ex.getMessage() + "): insert it in smaller tablets", ex);
		}
		Statuses.check(status);
		return status;
	}

	/**
	 * Asks the server whether the connection still works, without touching the session's
	 * state, waiting at most the given time, or the connection's read timeout when that
	 * is shorter. The read timeout of later calls stays as it was. A server that does not
	 * answer in time leaves the connection unusable: the session is closed then.
	 * @param timeoutMillis how long to wait for the answer, positive
	 * @return whether the server answered with success
	 * @throws IllegalArgumentException when the timeout is not positive
	 */
	boolean ping(int timeoutMillis) {
		if (timeoutMillis <= 0) {
			throw new IllegalArgumentException("ping timeout must be positive, was " + timeoutMillis + " ms");
		}
		return pingWithin(bounded(timeoutMillis));
	}

	private boolean pingWithin(int socketTimeoutMillis) {
		if (!this.open) {
			return false;
		}
		try {
			return callWithin("ping", socketTimeoutMillis, this.client::testConnection).isSuccess();
		}
		catch (IoTDBConnectionException ex) {
			return false;
		}
	}

	/** The shorter of a timeout and the connection's read timeout, 0 meaning none. */
	private int bounded(int timeoutMillis) {
		int readTimeout = this.client.socketTimeoutMillis();
		return (readTimeout > 0) ? Math.min(readTimeout, timeoutMillis) : timeoutMillis;
	}

	/** The data sets that still hold a query on the server. */
	int openDataSetCount() {
		return this.openDataSets.size();
	}

	Endpoint endpoint() {
		return this.client.endpoint();
	}

	/**
	 * Closes the data sets not yet read to the end, releasing their queries on the
	 * server; reading them from now on fails with the reason.
	 * @param reason why, such as "its session was returned to pool 'x'"
	 */
	void closeOpenDataSets(String reason) {
		endDataSets(reason, null, true);
	}

	@Override
	public void executeNonQueryStatement(String sql) {
		requireSql(sql);
		ensureOpen();
		long timeout = this.config.getQueryTimeout().toMillis();
		ExecuteStatementResponse response = call("statement", timeout,
				() -> this.client.executeUpdateStatement(new ExecuteStatementRequest(this.sessionId, sql,
						this.statementId, this.config.getFetchSize(), timeout)));
		track(response);
		Statuses.check(response.status(), sql);
	}

	/**
	 * Switches back to a database, as a pool does with a session given back, waiting no
	 * longer than closing does.
	 */
	void resetDatabase(String database) {
		ensureOpen();
		String sql = "USE \"" + database.replace("\"", "\"\"") + "\"";
		ExecuteStatementResponse response = callWithin("USE", bounded(CLOSE_TIMEOUT_MILLIS),
				() -> this.client.executeUpdateStatement(new ExecuteStatementRequest(this.sessionId, sql,
						this.statementId, this.config.getFetchSize(), CLOSE_TIMEOUT_MILLIS)));
		track(response);
		Statuses.check(response.status());
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql) {
		return executeQueryStatement(sql, this.config.getQueryTimeout().toMillis());
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql, long timeoutInMs) {
		requireSql(sql);
		if (timeoutInMs < 0) {
			throw new IllegalArgumentException("query timeout must not be negative, was " + timeoutInMs + " ms");
		}
		ensureOpen();
		ExecuteStatementResponse response = call("query", timeoutInMs,
				() -> this.client.executeQueryStatement(new ExecuteStatementRequest(this.sessionId, sql,
						this.statementId, this.config.getFetchSize(), timeoutInMs)));
		track(response);
		Statuses.check(response.status(), sql);
		SessionDataSet dataSet;
		try {
			dataSet = new SessionDataSet(this, sql, response, timeoutInMs, this.config.getFetchSize());
		}
		catch (RuntimeException ex) {
			// the server opened the query: no data set will ever close it
			if (response.hasQuery()) {
				closeQuery(response.queryId());
			}
			throw ex;
		}
		this.openDataSets.add(dataSet);
		return dataSet;
	}

	/**
	 * Fetches a query's next blocks; blocks that are malformed or do not fit the query's
	 * layout close the connection.
	 */
	FetchResultsResponse fetchResults(String sql, long queryId, int fetchSize, long timeoutMillis,
			ResultLayout layout) {
		ensureOpen();
		FetchResultsResponse response = call("fetch", timeoutMillis,
				() -> this.client.fetchResults(this.sessionId, sql, fetchSize, queryId, timeoutMillis, layout));
		Statuses.check(response.status(), sql);
		return response;
	}

	void closeQuery(long queryId) {
		if (!this.open) {
			return;
		}
		try {
			// bounded like closing the session: a pool returning a session to a hung
			// server must not wait for the read timeout
			Status status = callWithin("close query", bounded(CLOSE_TIMEOUT_MILLIS),
					() -> this.client.closeOperation(this.sessionId, queryId, this.statementId));
			if (!status.isSuccess()) {
				logger.warn("Closing query {} failed: {} {}", queryId, status.code(), status.message());
			}
		}
		catch (IoTDBConnectionException ex) {
			logger.debug("Closing query {} failed: {}", queryId, ex.getMessage());
		}
	}

	void forget(SessionDataSet dataSet) {
		this.openDataSets.remove(dataSet);
	}

	@Override
	public @Nullable String getDatabase() {
		return this.database;
	}

	@Override
	public TimestampPrecision getTimestampPrecision() {
		return this.precision;
	}

	/** The zone the session was opened in, which row getters show times in. */
	ZoneId timeZone() {
		return this.config.getTimeZone();
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (!this.open) {
				return;
			}
			endDataSets("its session was closed", null, false);
			try {
				this.client.setSocketTimeout(bounded(CLOSE_TIMEOUT_MILLIS));
				Status status = this.client.closeSession(this.sessionId);
				if (!status.isSuccess()) {
					logger.debug("Closing session {} answered {} {}", this.sessionId, status.code(), status.message());
				}
			}
			catch (TException ex) {
				logger.debug("Closing session {} failed: {}", this.sessionId, describe(ex));
			}
			finally {
				this.open = false;
				this.client.close();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "TableSession{endpoint=" + this.client.endpoint() + ", sessionId=" + this.sessionId + ", database="
				+ this.database + ", open=" + this.open + "}";
	}

	private void endDataSets(String reason, @Nullable IoTDBConnectionException cause, boolean releaseQueries) {
		if (this.openDataSets.isEmpty()) {
			return; // the common case, on every return of a pooled session
		}
		for (SessionDataSet dataSet : List.copyOf(this.openDataSets)) {
			dataSet.abandon(reason, cause, releaseQueries);
		}
	}

	private void track(ExecuteStatementResponse response) {
		if (response.database() != null) {
			this.database = response.database();
		}
	}

	/**
	 * Makes a call whose reads wait as long as the connection's read timeout, or, for a
	 * statement with a longer timeout, that timeout and a grace.
	 */
	private <T> T call(String operation, long statementTimeoutMillis, Call<T> call) {
		int socketTimeout = this.client.socketTimeoutMillis();
		boolean extended = socketTimeout > 0 && statementTimeoutMillis > 0
				&& statementTimeoutMillis + TIMEOUT_GRACE_MILLIS > socketTimeout;
		if (extended) {
			socketTimeout = (int) Math.min(Integer.MAX_VALUE, statementTimeoutMillis + TIMEOUT_GRACE_MILLIS);
		}
		return callWithin(operation, socketTimeout, call);
	}

	/**
	 * Makes a call whose reads wait at most the given time, 0 meaning without limit; the
	 * connection's own read timeout applies again to the calls that follow. Any failure
	 * but a request refused before it was sent (an {@link IllegalArgumentException})
	 * leaves the connection's state unknown, and closes it: a transport or protocol
	 * failure as an {@link IoTDBConnectionException}, anything else, such as an
	 * {@link OutOfMemoryError} while an answer is decoded, as it is. Package-private for
	 * tests.
	 */
	<T> T callWithin(String operation, int socketTimeoutMillis, Call<T> call) {
		this.lock.lock();
		try {
			ensureOpen();
			boolean changed = socketTimeoutMillis != this.client.socketTimeoutMillis();
			if (changed) {
				this.client.setSocketTimeout(socketTimeoutMillis);
			}
			try {
				return call.run();
			}
			catch (RuntimeException | Error ex) {
				if (!(ex instanceof IllegalArgumentException)) {
					// the rest of the answer may be unread: it must not be taken for the
					// next
					broken(ex);
				}
				throw ex;
			}
			finally {
				if (changed && this.open) {
					this.client.resetSocketTimeout();
				}
			}
		}
		catch (TException ex) {
			broken(ex);
			throw new IoTDBConnectionException(
					this.client.endpoint() + ": " + operation + " failed, the connection is closed: " + describe(ex),
					ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The connection's state is unknown after a transport or protocol failure: it cannot
	 * be used again.
	 */
	private void broken(Throwable ex) {
		this.open = false;
		this.client.close();
		String broke = "its connection broke: " + describe(ex);
		endDataSets(broke, new IoTDBConnectionException(this.client.endpoint() + ": " + broke, ex), false);
	}

	private void ensureOpen() {
		if (!this.open) {
			throw new IoTDBConnectionException("the session is closed");
		}
	}

	private static void requireSql(@Nullable String sql) {
		if (sql == null || sql.isBlank()) {
			throw new IllegalArgumentException("sql must not be empty");
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

	@FunctionalInterface
	interface Call<T> {

		T run() throws TException;

	}

}
