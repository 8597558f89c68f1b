package io.github.iotdbtable.spring.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.SqlRedaction;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.Tablet;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.TypeMismatchDataAccessException;

/**
 * Runs IoTDB table-model statements with sessions borrowed from a
 * {@link TableSessionPool}: the session is given back and every data set closed when the
 * work is done, also when it fails, and the client's exceptions are translated into
 * Spring's {@link DataAccessException} hierarchy by {@link IoTDBExceptionTranslator}.
 *
 * <pre>{@code
 * List<Reading> latest = template.query("SELECT time, device, temperature FROM readings WHERE time > now() - 1h",
 *         (row, n) -> new Reading(row.getTimestamp("time"), row.getString("device"), row.getDouble("temperature")));
 * }</pre>
 *
 * <p>
 * Thread-safe: one template serves the whole application.
 *
 * @since 0.1.0
 */
public class TableTemplate implements TableOperations {

	private final TableSessionPool pool;

	private final IoTDBExceptionTranslator translator = new IoTDBExceptionTranslator();

	public TableTemplate(TableSessionPool pool) {
		this.pool = Objects.requireNonNull(pool, "pool");
	}

	public TableSessionPool getPool() {
		return this.pool;
	}

	@Override
	public <T extends @Nullable Object> T execute(SessionCallback<T> action) {
		return execute("SessionCallback", null, action);
	}

	@Override
	public void execute(String sql) {
		run("execute", sql, (session) -> session.executeNonQueryStatement(sql));
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, RowMapper<T> rowMapper) {
		return query(sql, (DataSetExtractor<List<T>>) (dataSet) -> {
			List<T> results = new ArrayList<>();
			int rowNumber = 0;
			while (dataSet.hasNext()) {
				results.add(rowMapper.mapRow(dataSet.next(), rowNumber++));
			}
			return results;
		});
	}

	@Override
	public void query(String sql, RowCallbackHandler handler) {
		run("query", sql, (session) -> {
			try (SessionDataSet dataSet = session.executeQueryStatement(sql)) {
				while (dataSet.hasNext()) {
					handler.processRow(dataSet.next());
				}
			}
		});
	}

	@Override
	public <T extends @Nullable Object> T query(String sql, DataSetExtractor<T> extractor) {
		return execute("query", sql, (session) -> {
			try (SessionDataSet dataSet = session.executeQueryStatement(sql)) {
				return extractor.extractData(dataSet);
			}
		});
	}

	@Override
	public <T extends @Nullable Object> Stream<T> queryForStream(String sql, RowMapper<T> rowMapper) {
		TableSession session = borrow();
		SessionDataSet dataSet;
		try {
			dataSet = session.executeQueryStatement(sql);
		}
		catch (Throwable ex) {
			closeAfter(ex, session::close);
			throw translated("queryForStream", sql, ex);
		}
		// both closes are idempotent: reading to the end, a failure and closing the
		// stream may each run it
		Runnable release = () -> {
			try {
				dataSet.close();
			}
			finally {
				session.close();
			}
		};
		Spliterator<T> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {

			private int rowNumber;

			@Override
			public boolean tryAdvance(Consumer<? super T> action) {
				try {
					if (!dataSet.hasNext()) {
						// read to the end: the session goes back without waiting for
						// close()
						release.run();
						return false;
					}
					action.accept(rowMapper.mapRow(dataSet.next(), this.rowNumber++));
					return true;
				}
				catch (Throwable ex) {
					// a stream that failed is not read on: give the session back even
					// when the caller forgets to close it
					closeAfter(ex, release);
					throw translated("queryForStream", sql, ex);
				}
			}

		};
		return StreamSupport.stream(rows, false).onClose(release);
	}

	@Override
	public <T extends @Nullable Object> T queryForObject(String sql, RowMapper<T> rowMapper) {
		return query(sql, (DataSetExtractor<T>) (dataSet) -> {
			if (!dataSet.hasNext()) {
				throw new IncorrectResultSizeDataAccessException(
						"query returned no row [" + SqlRedaction.redact(sql) + "]", 1, 0);
			}
			T result = rowMapper.mapRow(dataSet.next(), 0);
			if (dataSet.hasNext()) {
				throw new IncorrectResultSizeDataAccessException(
						"query returned more than one row [" + SqlRedaction.redact(sql) + "]", 1);
			}
			return result;
		});
	}

	@Override
	// the mapper's T is nullable (a null cell maps to null): NullAway can tell only in
	// JSpecify mode, which needs JDK 22+
	@SuppressWarnings("NullAway")
	public <T> @Nullable T queryForObject(String sql, Class<T> requiredType) {
		return queryForObject(sql, (row, rowNumber) -> {
			if (row.getColumnCount() != 1) {
				throw new IncorrectResultSizeDataAccessException("query returned " + row.getColumnCount()
						+ " columns, expected 1 [" + SqlRedaction.redact(sql) + "]", 1);
			}
			Object value = row.getObject(0);
			if (value == null) {
				return null;
			}
			if (requiredType.isInstance(value)) {
				return requiredType.cast(value);
			}
			if (value instanceof Number number && Number.class.isAssignableFrom(requiredType)) {
				return convert(number, requiredType, sql);
			}
			if (requiredType == String.class) {
				return requiredType.cast(value.toString());
			}
			throw new TypeMismatchDataAccessException("value of type " + value.getClass().getSimpleName()
					+ " cannot be returned as " + requiredType.getSimpleName() + " [" + SqlRedaction.redact(sql) + "]");
		});
	}

	@Override
	public List<Map<String, @Nullable Object>> queryForList(String sql) {
		return query(sql, (DataSetExtractor<List<Map<String, @Nullable Object>>>) (dataSet) -> {
			List<String> names = dataSet.getColumnNames();
			List<Map<String, @Nullable Object>> rows = new ArrayList<>();
			while (dataSet.hasNext()) {
				Row row = dataSet.next();
				Map<String, @Nullable Object> values = new LinkedHashMap<>();
				for (int column = 0; column < names.size(); column++) {
					values.put(names.get(column), row.getObject(column));
				}
				rows.add(values);
			}
			return rows;
		});
	}

	@Override
	public void insert(Tablet tablet) {
		run("insert", null, (session) -> session.insert(tablet));
	}

	@Override
	public void insert(ColumnarTablet tablet) {
		run("insert", null, (session) -> session.insert(tablet));
	}

	@Override
	public <T> int insert(Iterable<? extends T> items, TabletMapper<T> mapper) {
		List<T> batch = new ArrayList<>(Math.min(mapper.getBatchSize(), 1024));
		int[] inserted = { 0 };
		run("insert into " + mapper.getTable(), null, (session) -> {
			for (T item : items) {
				batch.add(item);
				if (batch.size() == mapper.getBatchSize()) {
					session.insert(mapper.toTablet(batch));
					inserted[0] += batch.size();
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				session.insert(mapper.toTablet(batch));
				inserted[0] += batch.size();
			}
		});
		return inserted[0];
	}

	private void run(String task, @Nullable String sql, Consumer<TableSession> work) {
		execute(task, sql, (session) -> {
			work.accept(session);
			return Boolean.TRUE; // a callback yields a value; this one has none to give
		});
	}

	private <T extends @Nullable Object> T execute(String task, @Nullable String sql, SessionCallback<T> action) {
		TableSession session = borrow();
		T result;
		try {
			result = action.doInSession(session);
		}
		catch (Throwable ex) {
			closeAfter(ex, session::close);
			throw translated(task, sql, ex);
		}
		try {
			session.close();
		}
		catch (RuntimeException ex) {
			throw translated(task, sql, ex);
		}
		return result;
	}

	/**
	 * Cleans up after a failure; what the clean-up throws is kept with the failure, which
	 * is what the caller needs to see.
	 */
	private static void closeAfter(Throwable failure, Runnable cleanUp) {
		try {
			cleanUp.run();
		}
		catch (Throwable ex) {
			if (ex != failure) {
				failure.addSuppressed(ex);
			}
		}
	}

	/**
	 * The exception to throw for one caught while working: the client's translated, any
	 * other (a mapper's own, an {@link Error}) unchanged, as JdbcTemplate leaves what is
	 * not an SQLException.
	 */
	private RuntimeException translated(String task, @Nullable String sql, Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			return IoTDBExceptionTranslator.isClientException(runtime) ? this.translator.translate(task, sql, runtime)
					: runtime;
		}
		// an Error, or a checked exception a callback threw sneakily: passed on as it is
		TableTemplate.<RuntimeException>rethrow(ex);
		throw new IllegalStateException("unreachable", ex);
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> void rethrow(Throwable ex) throws E {
		throw (E) ex;
	}

	private TableSession borrow() {
		try {
			return this.pool.getSession();
		}
		catch (RuntimeException ex) {
			throw this.translator.translate("borrow a session", null, ex);
		}
	}

	private static <T> T convert(Number number, Class<T> type, String sql) {
		Object converted;
		if (type == Long.class) {
			converted = number.longValue();
		}
		else if (type == Integer.class) {
			converted = number.intValue();
		}
		else if (type == Double.class) {
			converted = number.doubleValue();
		}
		else if (type == Float.class) {
			converted = number.floatValue();
		}
		else {
			throw new TypeMismatchDataAccessException(
					"number cannot be returned as " + type.getSimpleName() + " [" + SqlRedaction.redact(sql) + "]");
		}
		return type.cast(converted);
	}

}
