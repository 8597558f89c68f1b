package io.github.iotdbtable.client;

import java.util.Locale;

/**
 * The data types of table columns, with the Java type each one is written and read as.
 *
 * @since 0.1.0
 */
public enum DataType {

	/** {@code boolean}. */
	BOOLEAN(0),

	/** {@code int}. */
	INT32(1),

	/** {@code long}. */
	INT64(2),

	/** {@code float}. */
	FLOAT(3),

	/** {@code double}. */
	DOUBLE(4),

	/** {@link String}, UTF-8 on the wire. */
	TEXT(5),

	/**
	 * A result column of a type this client does not know, such as one a newer server
	 * added: {@link Row#getObject(int)} reads it as the server encodes it
	 * ({@code byte[]}, {@code Boolean}, {@code Integer} or {@code Long}),
	 * {@link Row#getBytes(int)} reads it when it is sent as bytes, and
	 * {@link SessionDataSet#getColumnTypeNames()} gives the server's name. Tablets cannot
	 * hold it.
	 */
	UNKNOWN(7),

	/**
	 * A point in time: {@code long} in the server's timestamp precision, or
	 * {@link java.time.Instant}.
	 */
	TIMESTAMP(8),

	/** {@link java.time.LocalDate}. */
	DATE(9),

	/** {@code byte[]}. */
	BLOB(10),

	/** {@link String}, UTF-8 on the wire. */
	STRING(11);

	private final byte code;

	DataType(int code) {
		this.code = (byte) code;
	}

	/**
	 * The code of this type in IoTDB's protocol.
	 * @return the code
	 */
	public byte code() {
		return this.code;
	}

	/**
	 * The type of the given name, as the server spells it in result metadata.
	 * @param name the type name, for example {@code DOUBLE}
	 * @return the type
	 * @throws IllegalArgumentException when no such type exists
	 */
	public static DataType fromName(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown data type '" + name + "'");
		}
	}

	/**
	 * The type of a result column: {@link #UNKNOWN} for a name this client does not know.
	 */
	static DataType ofServerName(String name) {
		try {
			return fromName(name);
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

}
