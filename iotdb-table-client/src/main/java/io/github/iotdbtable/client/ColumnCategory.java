package io.github.iotdbtable.client;

import java.util.Locale;

/**
 * The role of a column in a table.
 *
 * @since 0.1.0
 */
public enum ColumnCategory {

	/** Identifies the device a row belongs to. */
	TAG(0),

	/** A measured value. */
	FIELD(1),

	/** A property of the device, stored once per device rather than per row. */
	ATTRIBUTE(2);

	/** The older name of {@link #TAG}. */
	public static final ColumnCategory ID = TAG;

	/** The older name of {@link #FIELD}. */
	public static final ColumnCategory MEASUREMENT = FIELD;

	private final byte code;

	ColumnCategory(int code) {
		this.code = (byte) code;
	}

	/**
	 * The code of this category in IoTDB's protocol.
	 * @return the code
	 */
	public byte code() {
		return this.code;
	}

	/**
	 * The category of the given name, accepting the older names {@code ID} and
	 * {@code MEASUREMENT}.
	 * @param name the name, in any case
	 * @return the category
	 * @throws IllegalArgumentException when no such category exists
	 */
	public static ColumnCategory of(String name) {
		return switch (name.trim().toUpperCase(Locale.ROOT)) {
			case "TAG", "ID" -> TAG;
			case "FIELD", "MEASUREMENT" -> FIELD;
			case "ATTRIBUTE" -> ATTRIBUTE;
			default -> throw new IllegalArgumentException(
					"unknown column category '" + name + "': use TAG, ATTRIBUTE or FIELD");
		};
	}

}
