package io.github.iotdbtable.client;

import java.time.Instant;

/**
 * The unit of the server's timestamps, which decides how an {@link Instant} maps to the
 * 64-bit time value.
 *
 * @since 0.1.0
 */
public enum TimestampPrecision {

	/** Milliseconds since the epoch, the server's default. */
	MILLISECONDS("ms"),

	/** Microseconds since the epoch. */
	MICROSECONDS("us"),

	/** Nanoseconds since the epoch. */
	NANOSECONDS("ns");

	private final String symbol;

	TimestampPrecision(String symbol) {
		this.symbol = symbol;
	}

	/**
	 * The precision named as in the server's {@code timestamp_precision} setting.
	 * @param symbol {@code ms}, {@code us} or {@code ns}
	 * @return the precision
	 */
	public static TimestampPrecision of(String symbol) {
		for (TimestampPrecision precision : values()) {
			if (precision.symbol.equalsIgnoreCase(symbol.trim())) {
				return precision;
			}
		}
		throw new IllegalArgumentException("unknown timestamp precision '" + symbol + "'");
	}

	public String symbol() {
		return this.symbol;
	}

	/**
	 * Converts an instant to a time value in this precision.
	 * @param instant the instant
	 * @return the time value
	 * @throws ArithmeticException when the instant does not fit in 64 bits at this
	 * precision
	 */
	public long fromInstant(Instant instant) {
		return switch (this) {
			case MILLISECONDS -> instant.toEpochMilli();
			case MICROSECONDS ->
				Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
			case NANOSECONDS ->
				Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		};
	}

	/**
	 * Converts a time value in this precision to an instant.
	 * @param value the time value
	 * @return the instant
	 */
	public Instant toInstant(long value) {
		return switch (this) {
			case MILLISECONDS -> Instant.ofEpochMilli(value);
			case MICROSECONDS ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
			case NANOSECONDS ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
		};
	}

}
