package io.github.iotdbtable.spring.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.Tablet;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * The operations of {@link TableTemplate}, as an interface to mock or decorate. Every
 * method borrows a pooled session and gives it back, closes what it opened, and throws
 * {@link DataAccessException} on failure.
 *
 * @since 0.1.0
 */
public interface TableOperations {

	/**
	 * Runs work with a borrowed session.
	 * @param action the work; it must not keep the session
	 * @return what the work returns
	 */
	<T extends @Nullable Object> T execute(SessionCallback<T> action);

	/** Executes a statement that returns no rows (DDL, INSERT, DELETE, FLUSH…). */
	void execute(String sql);

	/** Maps every row of a query. */
	<T extends @Nullable Object> List<T> query(String sql, RowMapper<T> rowMapper);

	/** Hands every row of a query to a handler, keeping none. */
	// the JdbcTemplate pair: a lambda that returns a value is an extractor, one that
	// returns nothing a handler; only an expression lambda needs a cast to choose
	@SuppressWarnings("overloads")
	void query(String sql, RowCallbackHandler handler);

	/** Reads a whole query result into one object. */
	@SuppressWarnings("overloads") // see query(String, RowCallbackHandler)
	<T extends @Nullable Object> T query(String sql, DataSetExtractor<T> extractor);

	/**
	 * Maps the rows of a query lazily, page by page: nothing more than a page is held.
	 * The session goes back to the pool when the stream is read to its end or closed:
	 * close it (or use try-with-resources) when it may stop early or fail.
	 */
	<T extends @Nullable Object> Stream<T> queryForStream(String sql, RowMapper<T> rowMapper);

	/**
	 * Maps the single row of a query.
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException when the
	 * query returns no row or several
	 */
	<T extends @Nullable Object> T queryForObject(String sql, RowMapper<T> rowMapper);

	/**
	 * The single value of a query of one row and one column, such as
	 * {@code SELECT count(*) FROM t}.
	 * @param requiredType the Java type of the value, such as {@code Long.class}
	 */
	<T> @Nullable T queryForObject(String sql, Class<T> requiredType);

	/** Every row of a query as a map from column name to value, in column order. */
	List<Map<String, @Nullable Object>> queryForList(String sql);

	void insert(Tablet tablet);

	void insert(ColumnarTablet tablet);

	/**
	 * Inserts objects as rows, in requests of the mapper's batch size.
	 * @return the number of rows inserted
	 */
	<T> int insert(Iterable<? extends T> items, TabletMapper<T> mapper);

}
