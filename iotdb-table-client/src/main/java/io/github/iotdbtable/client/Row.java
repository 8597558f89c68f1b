package io.github.iotdbtable.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The current row of a {@link SessionDataSet}. Columns are addressed by index, from 0, or
 * by name.
 *
 * <p>
 * A row is a view: it shows the data set's current row and changes when the data set
 * moves on. Copy what you need to keep, or use {@link #values()}.
 *
 * <p>
 * Primitive getters return {@code 0} or {@code false} for a null cell, object getters
 * return {@code null}; ask {@link #isNull(int)} to tell a null from a zero. Each getter
 * reads its own type, and some read more: {@code getLong} reads INT32, INT64 and
 * TIMESTAMP, without loss; {@code getDouble} reads INT32, INT64, FLOAT and DOUBLE, where
 * an INT64 beyond 2<sup>53</sup> in magnitude is rounded to the nearest double;
 * {@code getBytes} reads BLOB, TEXT and STRING (as UTF-8); {@code getString} reads every
 * type this client knows. Asking for another type throws {@link IllegalArgumentException}
 * naming the column and its type.
 *
 * <p>
 * A column of a type this client does not know ({@link DataType#UNKNOWN}, such as a newer
 * server's) does not fail the query: {@link #getObject(int)} reads it as the server
 * encodes it, {@link #getBytes(int)} reads it when that is as bytes, and
 * {@link #isNull(int)} works; the other getters refuse it, naming its type as the server
 * does.
 *
 * @since 0.1.0
 */
public interface Row {

	boolean isNull(int column);

	boolean isNull(String column);

	boolean getBoolean(int column);

	boolean getBoolean(String column);

	int getInt(int column);

	int getInt(String column);

	long getLong(int column);

	long getLong(String column);

	float getFloat(int column);

	float getFloat(String column);

	double getDouble(int column);

	double getDouble(String column);

	/**
	 * The value as text: TEXT and STRING as stored, BLOB as {@code 0x} and hex digits,
	 * other types in their usual printed form; TIMESTAMP as {@link Instant#toString()}
	 * gives it, in UTC whatever the session's time zone (see
	 * {@link #getZonedDateTime(int)}).
	 */
	@Nullable String getString(int column);

	@Nullable String getString(String column);

	/**
	 * The bytes of a BLOB, TEXT or STRING value, or of a value of an unknown type that
	 * the server sends as bytes.
	 */
	byte @Nullable [] getBytes(int column);

	byte @Nullable [] getBytes(String column);

	@Nullable LocalDate getDate(int column);

	@Nullable LocalDate getDate(String column);

	/** A TIMESTAMP value as an instant, converted from the server's precision. */
	@Nullable Instant getTimestamp(int column);

	@Nullable Instant getTimestamp(String column);

	/**
	 * A TIMESTAMP value, such as the {@code time} column, in the session's time zone
	 * ({@link TableSessionConfig#getTimeZone()}).
	 */
	@Nullable ZonedDateTime getZonedDateTime(int column);

	@Nullable ZonedDateTime getZonedDateTime(String column);

	/**
	 * A TIMESTAMP value, such as the {@code time} column, as the wall-clock time of the
	 * session's time zone ({@link TableSessionConfig#getTimeZone()}).
	 */
	@Nullable LocalDateTime getLocalDateTime(int column);

	@Nullable LocalDateTime getLocalDateTime(String column);

	/**
	 * The value as its natural Java type: {@code Boolean}, {@code Integer}, {@code Long},
	 * {@code Float}, {@code Double}, {@code String}, {@code byte[]}, {@link LocalDate},
	 * or {@link Instant} for TIMESTAMP. A value of an unknown type comes as the server
	 * encodes it: {@code byte[]}, {@code Boolean}, {@code Integer} or {@code Long}.
	 */
	@Nullable Object getObject(int column);

	@Nullable Object getObject(String column);

	/** The number of columns. */
	int getColumnCount();

	/**
	 * A copy of the row's values, each as {@link #getObject(int)} returns it.
	 * @return the values, in column order
	 */
	List<@Nullable Object> values();

}
