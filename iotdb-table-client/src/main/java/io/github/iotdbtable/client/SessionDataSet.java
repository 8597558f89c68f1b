package io.github.iotdbtable.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.github.iotdbtable.client.rpc.BlockColumn;
import io.github.iotdbtable.client.rpc.ExecuteStatementResponse;
import io.github.iotdbtable.client.rpc.FetchResultsResponse;
import io.github.iotdbtable.client.rpc.ResultLayout;
import io.github.iotdbtable.client.rpc.TsBlock;
import org.jspecify.annotations.Nullable;

/**
 * The result of a query, read once from first row to last. Rows arrive from the server in
 * pages of the fetch size, which {@link #setFetchSize(int)} changes; the next page is
 * asked for when the current one is used up.
 *
 * <pre>{@code
 * try (SessionDataSet dataSet = session.executeQueryStatement("SELECT time, id1, m1 FROM table0")) {
 *     while (dataSet.hasNext()) {
 *         Row row = dataSet.next();
 *         Instant time = row.getTimestamp("time");
 *         double m1 = row.getDouble("m1");
 *     }
 * }
 * }</pre>
 *
 * <p>
 * Close it when done, or read it to the end: either releases the query on the server, and
 * then it has no more rows. It is closed as well when its session ends it before it was
 * read to the end: when the session closes, when the session's connection breaks, or when
 * a pooled session goes back to its pool. Reading such a data set fails with an
 * {@link IllegalStateException} that says why, rather than passing for a shorter result.
 * Not thread-safe, and it uses its session's connection: read it on the session's thread.
 *
 * @since 0.1.0
 */
public final class SessionDataSet implements AutoCloseable {

	private final RpcTableSession session;

	private final String sql;

	private final long queryId;

	private final long timeoutMillis;

	private final List<String> columnNames;

	private final List<DataType> columnTypes;

	private final List<String> columnTypeNames;

	/** Where the columns are in the blocks, which were checked against it on arrival. */
	private final ResultLayout layout;

	private final Map<String, Integer> columnIndex;

	private final ArrayDeque<TsBlock> pendingBlocks = new ArrayDeque<>();

	private final CurrentRow row = new CurrentRow();

	private boolean moreData;

	private boolean queryOpen;

	private boolean closed;

	/** Why the session ended the data set before it was read, or null. */
	private @Nullable String unreadableBecause;

	private @Nullable IoTDBConnectionException unreadableCause;

	/** Read to the end: the query is released and the session no longer keeps it. */
	private boolean exhausted;

	private @Nullable TsBlock block;

	private int rowInBlock;

	private boolean positioned;

	private int fetchSize;

	/** How many pages were fetched after the query's answer, for tests. */
	private int fetches;

	SessionDataSet(RpcTableSession session, String sql, ExecuteStatementResponse response, long timeoutMillis,
			int fetchSize) {
		this.session = session;
		this.fetchSize = fetchSize;
		this.sql = sql;
		this.queryId = response.queryId();
		this.timeoutMillis = timeoutMillis;
		this.columnNames = List.copyOf(response.columns());
		// the wire layer checked the types and the blocks of an answer with success
		this.layout = Objects.requireNonNull(response.layout(), "a query answered with success has a layout");
		this.columnTypeNames = List.copyOf(response.dataTypes().subList(0, this.columnNames.size()));
		List<DataType> types = new ArrayList<>(this.columnNames.size());
		for (String name : this.columnTypeNames) {
			types.add(DataType.ofServerName(name));
		}
		this.columnTypes = Collections.unmodifiableList(types);
		this.columnIndex = new HashMap<>();
		for (int i = 0; i < this.columnNames.size(); i++) {
			this.columnIndex.putIfAbsent(this.columnNames.get(i), i);
		}
		this.pendingBlocks.addAll(response.queryResult());
		this.moreData = response.moreData();
		this.queryOpen = response.hasQuery();
	}

	/** The names of the result columns, in order. */
	public List<String> getColumnNames() {
		return this.columnNames;
	}

	/**
	 * The types of the result columns, in order; {@link DataType#UNKNOWN} for a type this
	 * client does not know.
	 */
	public List<DataType> getColumnTypes() {
		return this.columnTypes;
	}

	/**
	 * The types of the result columns as the server names them, in order: also the names
	 * of types this client does not know, such as a newer server's.
	 * @return the type names, such as {@code DOUBLE}
	 */
	public List<String> getColumnTypeNames() {
		return this.columnTypeNames;
	}

	/**
	 * The most rows the next fetch asks the server for: the session's fetch size, until
	 * changed.
	 * @return the fetch size
	 */
	public int getFetchSize() {
		return this.fetchSize;
	}

	/**
	 * Changes how many rows each further fetch asks the server for. The rows already
	 * received are read first; the server may send somewhat more than asked, as it sends
	 * whole blocks.
	 * @param fetchSize the number of rows, positive
	 * @throws IllegalArgumentException when the fetch size is not positive
	 */
	public void setFetchSize(int fetchSize) {
		if (fetchSize <= 0) {
			throw new IllegalArgumentException("fetchSize must be positive, was " + fetchSize);
		}
		this.fetchSize = fetchSize;
	}

	/**
	 * The index of a column.
	 * @param name the column name; matched exactly first, then ignoring case
	 * @return the index, from 0
	 * @throws IllegalArgumentException when no column has that name
	 */
	public int findColumn(String name) {
		Integer index = this.columnIndex.get(name);
		if (index == null) {
			for (int i = 0; i < this.columnNames.size(); i++) {
				if (this.columnNames.get(i).equalsIgnoreCase(name)) {
					return i;
				}
			}
			throw new IllegalArgumentException(
					"no column '" + name + "' in the result; columns are " + this.columnNames);
		}
		return index;
	}

	/**
	 * Whether another row follows. May fetch the next page from the server.
	 * @return whether {@link #next()} has a row to give; false once the data set was read
	 * to the end or closed by {@link #close()}
	 * @throws IoTDBException when fetching fails
	 * @throws IllegalStateException when the session ended the data set before it was
	 * read to the end, saying why
	 */
	public boolean hasNext() {
		requireReadable();
		if (this.closed || this.exhausted) {
			return false;
		}
		while (this.block == null || this.rowInBlock + 1 >= this.block.rowCount()) {
			if (!this.pendingBlocks.isEmpty()) {
				this.block = this.pendingBlocks.poll();
				this.rowInBlock = -1;
				continue;
			}
			if (!this.moreData) {
				finish();
				return false;
			}
			FetchResultsResponse page = this.session.fetchResults(this.sql, this.queryId, this.fetchSize,
					this.timeoutMillis, this.layout);
			this.fetches++;
			this.pendingBlocks.addAll(page.queryResult());
			this.moreData = page.moreData() && page.hasResultSet();
		}
		return true;
	}

	/**
	 * Moves to the next row.
	 * @return the row, a view that is valid until the next call
	 * @throws NoSuchElementException when there is no further row
	 * @throws IllegalStateException when the session ended the data set before it was
	 * read to the end, saying why
	 */
	public Row next() {
		if (!hasNext()) {
			throw new NoSuchElementException(this.closed ? "the data set is closed" : "no more rows");
		}
		this.rowInBlock++;
		this.positioned = true;
		return this.row;
	}

	/**
	 * Whether the data set is closed: by {@link #close()}, after which it has no more
	 * rows, or before it was read to the end, when its session closes, its connection
	 * breaks (as when a fetch fails on the connection, or the server answers it with a
	 * malformed block), or its pooled session goes back to its pool, after which reading
	 * it fails, saying why. Reading to the end releases the query but does not close the
	 * data set; a fetch that the server refuses leaves it open.
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Closes the data set and releases the query on the server. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		try {
			releaseQuery();
		}
		finally {
			markClosed();
		}
	}

	/**
	 * Ends the data set for a reason of its session's: reading it from now on fails with
	 * the reason. Does nothing when it was already closed.
	 * @param reason why, such as "its session was closed"
	 * @param cause the connection's failure when it broke, given as the cause of the
	 * exception that reading then throws
	 * @param releaseQuery whether to release the query on the server, as when the session
	 * goes on; when the session's end releases the query anyway, the server is not talked
	 * to
	 */
	void abandon(String reason, @Nullable IoTDBConnectionException cause, boolean releaseQuery) {
		if (this.closed || this.unreadableBecause != null) {
			return;
		}
		this.unreadableBecause = reason;
		this.unreadableCause = cause;
		try {
			if (releaseQuery) {
				releaseQuery();
			}
		}
		finally {
			markClosed();
		}
	}

	private void markClosed() {
		this.closed = true;
		this.queryOpen = false;
		this.block = null;
		this.positioned = false;
		this.pendingBlocks.clear();
		this.session.forget(this);
	}

	/**
	 * Every row has been read: releases the server's query now rather than at close, and
	 * leaves the session, which has nothing more to close for this data set.
	 */
	private void finish() {
		this.exhausted = true;
		this.block = null;
		this.positioned = false;
		try {
			releaseQuery();
		}
		finally {
			this.session.forget(this);
		}
	}

	private void releaseQuery() {
		if (this.queryOpen) {
			this.queryOpen = false;
			this.session.closeQuery(this.queryId);
		}
	}

	/** How many pages were fetched after the query's answer. */
	int fetches() {
		return this.fetches;
	}

	private void requireReadable() {
		if (this.unreadableBecause != null) {
			throw new IllegalStateException("the data set cannot be read: " + this.unreadableBecause,
					this.unreadableCause);
		}
	}

	@Override
	public String toString() {
		return "SessionDataSet{columns=" + this.columnNames + ", closed=" + this.closed + "}";
	}

	private final class CurrentRow implements Row {

		@Override
		public int getColumnCount() {
			return SessionDataSet.this.columnNames.size();
		}

		private BlockColumn column(int column) {
			requireReadable();
			if (!SessionDataSet.this.positioned || SessionDataSet.this.block == null) {
				throw new IllegalStateException(
						SessionDataSet.this.closed ? "the data set is closed" : "no current row: call next() first");
			}
			type(column);
			int index = SessionDataSet.this.layout.blockColumn(column);
			TsBlock current = SessionDataSet.this.block;
			return (index < 0) ? current.timeColumn() : current.valueColumn(index);
		}

		private BlockColumn column(int column, boolean typeFits, String getter, String reads) {
			BlockColumn values = column(column);
			if (!typeFits) {
				throw refused(column, getter, reads);
			}
			return values;
		}

		private IllegalArgumentException refused(int column, String getter, String reads) {
			return new IllegalArgumentException("column '" + SessionDataSet.this.columnNames.get(column) + "' is "
					+ typeName(column) + "; " + getter + " reads " + reads);
		}

		private String typeName(int column) {
			return (type(column) != DataType.UNKNOWN) ? type(column).name()
					: SessionDataSet.this.columnTypeNames.get(column) + ", a type unknown to this client";
		}

		private int at() {
			return SessionDataSet.this.rowInBlock;
		}

		@Override
		public boolean isNull(int column) {
			return column(column).isNull(at());
		}

		@Override
		public boolean isNull(String column) {
			return isNull(findColumn(column));
		}

		@Override
		public boolean getBoolean(int column) {
			BlockColumn values = column(column, type(column) == DataType.BOOLEAN, "getBoolean", "BOOLEAN");
			return !values.isNull(at()) && values.getBoolean(at());
		}

		@Override
		public boolean getBoolean(String column) {
			return getBoolean(findColumn(column));
		}

		@Override
		public int getInt(int column) {
			BlockColumn values = column(column, type(column) == DataType.INT32, "getInt", "INT32");
			return values.isNull(at()) ? 0 : values.getInt(at());
		}

		@Override
		public int getInt(String column) {
			return getInt(findColumn(column));
		}

		@Override
		public long getLong(int column) {
			BlockColumn values = column(column, isLong(type(column)), "getLong", "INT32, INT64 and TIMESTAMP");
			if (values.isNull(at())) {
				return 0L;
			}
			return (type(column) == DataType.INT32) ? values.getInt(at()) : values.getLong(at());
		}

		@Override
		public long getLong(String column) {
			return getLong(findColumn(column));
		}

		@Override
		public float getFloat(int column) {
			BlockColumn values = column(column, type(column) == DataType.FLOAT, "getFloat", "FLOAT");
			return values.isNull(at()) ? 0f : values.getFloat(at());
		}

		@Override
		public float getFloat(String column) {
			return getFloat(findColumn(column));
		}

		@Override
		public double getDouble(int column) {
			BlockColumn values = column(column, isNumber(type(column)), "getDouble", "INT32, INT64, FLOAT and DOUBLE");
			if (values.isNull(at())) {
				return 0d;
			}
			return switch (type(column)) {
				case FLOAT -> values.getFloat(at());
				case INT32 -> values.getInt(at());
				case INT64 -> values.getLong(at());
				default -> values.getDouble(at());
			};
		}

		@Override
		public double getDouble(String column) {
			return getDouble(findColumn(column));
		}

		@Override
		public @Nullable String getString(int column) {
			BlockColumn values = column(column, type(column) != DataType.UNKNOWN, "getString",
					"the types this client knows");
			if (values.isNull(at())) {
				return null;
			}
			return switch (type(column)) {
				case TEXT, STRING -> values.getString(at());
				case BLOB -> "0x" + HexFormat.of().formatHex(values.getBytes(at()));
				default -> String.valueOf(getObject(column));
			};
		}

		@Override
		public @Nullable String getString(String column) {
			return getString(findColumn(column));
		}

		@Override
		public byte @Nullable [] getBytes(int column) {
			BlockColumn values = column(column);
			// a type unknown here is read as bytes when it is sent as bytes
			if (!isBinary(type(column)) && !(type(column) == DataType.UNKNOWN && values.isBinary())) {
				throw refused(column, "getBytes", "BLOB, TEXT, STRING and unknown types sent as bytes");
			}
			return values.isNull(at()) ? null : values.getBytes(at());
		}

		@Override
		public byte @Nullable [] getBytes(String column) {
			return getBytes(findColumn(column));
		}

		@Override
		public @Nullable LocalDate getDate(int column) {
			BlockColumn values = column(column, type(column) == DataType.DATE, "getDate", "DATE");
			if (values.isNull(at())) {
				return null;
			}
			int value = values.getInt(at());
			try {
				return TabletValues.decodeDate(value);
			}
			catch (DateTimeException ex) {
				throw new IoTDBException("column '" + SessionDataSet.this.columnNames.get(column) + "' holds " + value
						+ ", which is no yyyyMMdd date", ex);
			}
		}

		@Override
		public @Nullable LocalDate getDate(String column) {
			return getDate(findColumn(column));
		}

		@Override
		public @Nullable Instant getTimestamp(int column) {
			return instant(column, "getTimestamp");
		}

		private @Nullable Instant instant(int column, String getter) {
			BlockColumn values = column(column, type(column) == DataType.TIMESTAMP, getter, "TIMESTAMP");
			return values.isNull(at()) ? null
					: SessionDataSet.this.session.getTimestampPrecision().toInstant(values.getLong(at()));
		}

		@Override
		public @Nullable ZonedDateTime getZonedDateTime(int column) {
			Instant instant = instant(column, "getZonedDateTime");
			return (instant != null) ? instant.atZone(SessionDataSet.this.session.timeZone()) : null;
		}

		@Override
		public @Nullable ZonedDateTime getZonedDateTime(String column) {
			return getZonedDateTime(findColumn(column));
		}

		@Override
		public @Nullable LocalDateTime getLocalDateTime(int column) {
			Instant instant = instant(column, "getLocalDateTime");
			return (instant != null) ? LocalDateTime.ofInstant(instant, SessionDataSet.this.session.timeZone()) : null;
		}

		@Override
		public @Nullable LocalDateTime getLocalDateTime(String column) {
			return getLocalDateTime(findColumn(column));
		}

		@Override
		public @Nullable Instant getTimestamp(String column) {
			return getTimestamp(findColumn(column));
		}

		@Override
		public @Nullable Object getObject(int column) {
			BlockColumn values = column(column);
			if (values.isNull(at())) {
				return null;
			}
			return switch (type(column)) {
				case BOOLEAN -> values.getBoolean(at());
				case INT32 -> values.getInt(at());
				case INT64 -> values.getLong(at());
				case FLOAT -> values.getFloat(at());
				case DOUBLE -> values.getDouble(at());
				case TEXT, STRING -> values.getString(at());
				case BLOB -> values.getBytes(at());
				case DATE -> getDate(column);
				case TIMESTAMP -> getTimestamp(column);
				case UNKNOWN -> values.getEncoded(at());
			};
		}

		@Override
		public @Nullable Object getObject(String column) {
			return getObject(findColumn(column));
		}

		@Override
		public List<@Nullable Object> values() {
			List<@Nullable Object> values = new ArrayList<>(SessionDataSet.this.columnNames.size());
			for (int i = 0; i < SessionDataSet.this.columnNames.size(); i++) {
				values.add(getObject(i));
			}
			return values;
		}

		private DataType type(int column) {
			if (column < 0 || column >= SessionDataSet.this.columnTypes.size()) {
				throw new IndexOutOfBoundsException("column " + column + " of a result with "
						+ SessionDataSet.this.columnNames.size() + " columns " + SessionDataSet.this.columnNames);
			}
			return SessionDataSet.this.columnTypes.get(column);
		}

		private static boolean isLong(DataType type) {
			return type == DataType.INT64 || type == DataType.TIMESTAMP || type == DataType.INT32;
		}

		private static boolean isNumber(DataType type) {
			return type == DataType.DOUBLE || type == DataType.FLOAT || type == DataType.INT32
					|| type == DataType.INT64;
		}

		private static boolean isBinary(DataType type) {
			return type == DataType.BLOB || type == DataType.TEXT || type == DataType.STRING;
		}

		/** A value as {@link #getString} gives it, also of a type unknown here. */
		private @Nullable String text(int column) {
			if (type(column) != DataType.UNKNOWN) {
				return getString(column);
			}
			Object value = getObject(column);
			return (value instanceof byte[] bytes) ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(value);
		}

		@Override
		public String toString() {
			if (!SessionDataSet.this.positioned) {
				return "Row{}";
			}
			StringBuilder text = new StringBuilder("Row{");
			for (int i = 0; i < SessionDataSet.this.columnNames.size(); i++) {
				if (i > 0) {
					text.append(", ");
				}
				text.append(SessionDataSet.this.columnNames.get(i)).append('=').append(text(i));
			}
			return text.append('}').toString();
		}

	}

}
