package io.github.iotdbtable.client;

import org.jspecify.annotations.Nullable;

/**
 * A session with IoTDB in the table model: runs SQL, inserts tablets, reads query
 * results.
 *
 * <pre>{@code
 * try (TableSession session = TableSession.open(config)) {
 *     session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS db1");
 *     session.executeNonQueryStatement("USE db1");
 *     session.insert(tablet);
 *     try (SessionDataSet rows = session.executeQueryStatement("SELECT * FROM table0")) {
 *         while (rows.hasNext()) {
 *             System.out.println(rows.next());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>
 * A session holds one connection and is meant for one thread at a time; use a pool to
 * share sessions between threads. A server error ({@link StatementExecutionException})
 * leaves the session usable; a connection failure ({@link IoTDBConnectionException})
 * closes it. Bad input is refused with {@link IllegalArgumentException} before anything
 * is sent.
 *
 * @since 0.1.0
 */
public interface TableSession extends AutoCloseable {

	/**
	 * Opens a session on the first node of the config that accepts it.
	 * @param config the settings
	 * @return the open session
	 * @throws IoTDBConnectionException when no node can be reached
	 * @throws AuthenticationException when the server refuses the user or password
	 * @throws StatementExecutionException when the server refuses the session for another
	 * reason, such as an unknown database
	 */
	static TableSession open(TableSessionConfig config) {
		return RpcTableSession.open(config);
	}

	/**
	 * Inserts the rows of a tablet.
	 * @param tablet the rows; an empty tablet sends nothing
	 * @throws IllegalArgumentException when a value does not fit the server's timestamp
	 * precision
	 */
	void insert(Tablet tablet);

	/**
	 * Inserts the rows of a columnar tablet.
	 * @param tablet the rows; an empty tablet sends nothing
	 */
	void insert(ColumnarTablet tablet);

	/**
	 * Executes a statement that returns no rows: DDL such as {@code CREATE TABLE}, DML
	 * such as {@code INSERT} or {@code DELETE}, or {@code USE}.
	 * @param sql the statement
	 */
	void executeNonQueryStatement(String sql);

	/**
	 * Executes a query with the config's default query timeout.
	 * @param sql the query
	 * @return its result; close it when done
	 */
	SessionDataSet executeQueryStatement(String sql);

	/**
	 * Executes a query.
	 * @param sql the query
	 * @param timeoutInMs the query timeout in milliseconds; 0 leaves it to the server
	 * @return its result; close it when done
	 * @throws StatementExecutionException with the server's timeout code when the query
	 * runs out of time
	 */
	SessionDataSet executeQueryStatement(String sql, long timeoutInMs);

	/**
	 * The database statements run in: the config's, or the last one a {@code USE}
	 * selected.
	 * @return the database, or {@code null} for none
	 */
	@Nullable String getDatabase();

	/**
	 * The unit of the server's timestamps, which maps {@link java.time.Instant} values to
	 * time values.
	 * @return the precision
	 */
	TimestampPrecision getTimestampPrecision();

	/**
	 * Whether the session can still be used: not closed, and its connection has not
	 * failed.
	 * @return whether the session is open
	 */
	boolean isOpen();

	/**
	 * Closes the session on the server and its connection, and the data sets still open.
	 * Idempotent.
	 */
	@Override
	void close();

}
