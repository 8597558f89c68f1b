package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One column of a {@link TsBlock}, read in place.
 *
 * <p>
 * Each encoding starts with a "may have null" byte; when it is non-zero a bitmap of
 * {@code ceil(rows / 8)} bytes follows, most significant bit first (row 0 is bit 0x80 of
 * the first byte), 1 meaning null. Then:
 * <ul>
 * <li>byte array (0, BOOLEAN): the values bit-packed the same way, for every row, null or
 * not;</li>
 * <li>int32 array (1, INT32 / FLOAT / DATE) and int64 array (2, INT64 / DOUBLE /
 * TIMESTAMP): one value per non-null row;</li>
 * <li>binary array (3, TEXT / STRING / BLOB): int32 length and bytes per non-null
 * row;</li>
 * <li>run-length (4): the encoding byte of an inner column and that column with a single
 * row, which stands for every row;</li>
 * <li>dictionary (5): the encoding byte and int32 size of an inner dictionary column,
 * that column, then an int32 count and one int32 dictionary index per row.</li>
 * </ul>
 * Null rows take no space in the value arrays, so the byte offset of a row is found by
 * walking from the start; the walk remembers where it stopped, which makes reading rows
 * in order cost O(1) per row.
 */
public final class BlockColumn {

	static final byte BYTE_ARRAY = 0;

	static final byte INT32_ARRAY = 1;

	static final byte INT64_ARRAY = 2;

	static final byte BINARY_ARRAY = 3;

	static final byte RUN_LENGTH = 4;

	static final byte DICTIONARY = 5;

	private final ByteBuffer buffer;

	private final byte encoding;

	private final int rows;

	/** Offset of the null bitmap, or -1 when no row is null. */
	private final int nullsOffset;

	private final int valuesOffset;

	/** Fixed value width in bytes, or -1 for length-prefixed values. */
	private final int width;

	private final int end;

	/**
	 * The single-row value of a run-length column, or the dictionary of a dictionary
	 * column.
	 */
	private final @Nullable BlockColumn inner;

	/**
	 * Strings of a run-length or dictionary column, decoded once: a tag repeats the same
	 * few values.
	 */
	private @Nullable String @Nullable [] strings;

	private int cursorRow;

	private int cursorOffset;

	private BlockColumn(ByteBuffer buffer, byte encoding, int rows, int nullsOffset, int valuesOffset, int width,
			int end, @Nullable BlockColumn inner) {
		this.buffer = buffer;
		this.encoding = encoding;
		this.rows = rows;
		this.nullsOffset = nullsOffset;
		this.valuesOffset = valuesOffset;
		this.width = width;
		this.end = end;
		this.inner = inner;
		this.cursorOffset = valuesOffset;
	}

	/**
	 * Finds where a column's parts are, checking that they lie within the buffer's limit.
	 * Offsets are added up in {@code long}, so that no length, row or dictionary count
	 * can wrap around; nothing is allocated in proportion to a count that the bytes
	 * present do not back.
	 * @throws IllegalArgumentException when the bytes are not a well-formed column
	 */
	static BlockColumn parse(ByteBuffer buffer, byte encoding, int offset, int rows, DecodeBudget budget) {
		if (rows < 0) {
			throw new IllegalArgumentException("bad row count " + rows);
		}
		budget.charge(DecodeBudget.COLUMN);
		switch (encoding) {
			case RUN_LENGTH -> {
				// checked before parsing it: a chain of nested columns must not recurse
				byte valueEncoding = plainInner(buffer, offset, "run-length");
				BlockColumn value = parse(buffer, valueEncoding, offset + 1, 1, budget);
				return new BlockColumn(buffer, encoding, rows, -1, offset, 0, value.end, value);
			}
			case DICTIONARY -> {
				byte dictionaryEncoding = plainInner(buffer, offset, "dictionary");
				int size = intAt(buffer, offset + 1L);
				// every value of the dictionary takes at least one bit
				if (size < 0 || size > 8 * (buffer.limit() - (offset + 5L))) {
					throw new IllegalArgumentException(
							"dictionary of " + size + " values in a TsBlock of " + buffer.limit() + " bytes");
				}
				BlockColumn dictionary = parse(buffer, dictionaryEncoding, offset + 5, size, budget);
				int idsOffset = dictionary.end;
				int count = intAt(buffer, idsOffset);
				if (count < rows) {
					throw new IllegalArgumentException("dictionary column has " + count + " ids for " + rows + " rows");
				}
				long end = checkEnd(buffer, idsOffset + 4L + 4L * count);
				for (int row = 0; row < rows; row++) {
					int id = buffer.getInt(idsOffset + 4 + 4 * row);
					if (id < 0 || id >= size) {
						throw new IllegalArgumentException("dictionary id " + id + " of row " + row
								+ " is outside a dictionary of " + size + " values");
					}
				}
				return new BlockColumn(buffer, encoding, rows, -1, idsOffset + 4, 4, (int) end, dictionary);
			}
			default -> {
				int width = switch (encoding) {
					case BYTE_ARRAY -> 0;
					case INT32_ARRAY -> 4;
					case INT64_ARRAY -> 8;
					case BINARY_ARRAY -> -1;
					default -> throw new IllegalArgumentException("unknown column encoding " + encoding);
				};
				long bitmapBytes = (rows + 7L) >>> 3;
				int nullsOffset = -1;
				long position = offset + 1L;
				int nonNull = rows;
				if (byteAt(buffer, offset) != 0) {
					checkEnd(buffer, position + bitmapBytes);
					nullsOffset = (int) position;
					position += bitmapBytes;
					nonNull = rows - countBits(buffer, nullsOffset, rows);
				}
				long end;
				if (encoding == BYTE_ARRAY) {
					end = position + bitmapBytes;
				}
				else if (width > 0) {
					end = position + (long) width * nonNull;
				}
				else {
					end = position;
					for (int i = 0; i < nonNull; i++) {
						int length = intAt(buffer, end);
						if (length < 0) {
							throw new IllegalArgumentException("negative value length " + length);
						}
						end = checkEnd(buffer, end + 4 + length);
					}
				}
				checkEnd(buffer, end);
				return new BlockColumn(buffer, encoding, rows, nullsOffset, (int) position, width, (int) end, null);
			}
		}
	}

	/**
	 * The encoding of the column a run-length or dictionary column holds, which must be a
	 * plain one.
	 */
	private static byte plainInner(ByteBuffer buffer, int offset, String outer) {
		byte inner = byteAt(buffer, offset);
		if (inner == RUN_LENGTH || inner == DICTIONARY) {
			throw new IllegalArgumentException("a " + outer + " column holds a column of encoding " + inner);
		}
		return inner;
	}

	private static byte byteAt(ByteBuffer buffer, long offset) {
		checkEnd(buffer, offset + 1);
		return buffer.get((int) offset);
	}

	private static int intAt(ByteBuffer buffer, long offset) {
		checkEnd(buffer, offset + 4);
		return buffer.getInt((int) offset);
	}

	/** Checks that a part of the block ending at {@code end} lies within the buffer. */
	private static long checkEnd(ByteBuffer buffer, long end) {
		if (end > buffer.limit()) {
			throw new IllegalArgumentException(
					"truncated TsBlock of " + buffer.limit() + " bytes: a column needs " + end);
		}
		return end;
	}

	private static int countBits(ByteBuffer buffer, int offset, int bits) {
		int count = 0;
		int fullBytes = bits >>> 3;
		for (int i = 0; i < fullBytes; i++) {
			count += Integer.bitCount(buffer.get(offset + i) & 0xFF);
		}
		int rest = bits & 7;
		if (rest != 0) {
			int mask = (0xFF << (8 - rest)) & 0xFF;
			count += Integer.bitCount(buffer.get(offset + fullBytes) & mask);
		}
		return count;
	}

	int end() {
		return this.end;
	}

	/**
	 * The plain encoding the values are in: the column's own, or that of the column a
	 * run-length or dictionary column holds.
	 */
	byte valueEncoding() {
		return (this.inner != null) ? this.inner.encoding : this.encoding;
	}

	/**
	 * Whether the values are length-prefixed bytes, as those of TEXT, STRING and BLOB
	 * are.
	 */
	public boolean isBinary() {
		return valueEncoding() == BINARY_ARRAY;
	}

	/**
	 * A non-null row's value as its encoding holds it, for a column of a type unknown
	 * here.
	 * @return a {@code Boolean}, {@code Integer}, {@code Long} or {@code byte[]}
	 */
	public Object getEncoded(int row) {
		return switch (valueEncoding()) {
			case BYTE_ARRAY -> getBoolean(row);
			case INT32_ARRAY -> getInt(row);
			case INT64_ARRAY -> getLong(row);
			// parsing refused any other encoding
			default -> getBytes(row);
		};
	}

	public int rowCount() {
		return this.rows;
	}

	public boolean isNull(int row) {
		checkRow(row);
		return switch (this.encoding) {
			case RUN_LENGTH -> inner().isNull(0);
			case DICTIONARY -> inner().isNull(dictionaryIndex(row));
			default ->
				this.nullsOffset >= 0 && (this.buffer.get(this.nullsOffset + (row >>> 3)) & (0x80 >>> (row & 7))) != 0;
		};
	}

	public boolean getBoolean(int row) {
		return switch (this.encoding) {
			case RUN_LENGTH -> inner().getBoolean(0);
			case DICTIONARY -> inner().getBoolean(dictionaryIndex(row));
			case BYTE_ARRAY -> {
				checkRow(row);
				yield (this.buffer.get(this.valuesOffset + (row >>> 3)) & (0x80 >>> (row & 7))) != 0;
			}
			default -> throw wrongEncoding("boolean");
		};
	}

	public int getInt(int row) {
		return switch (this.encoding) {
			case RUN_LENGTH -> inner().getInt(0);
			case DICTIONARY -> inner().getInt(dictionaryIndex(row));
			case INT32_ARRAY -> this.buffer.getInt(offsetOf(row));
			default -> throw wrongEncoding("int32");
		};
	}

	public long getLong(int row) {
		return switch (this.encoding) {
			case RUN_LENGTH -> inner().getLong(0);
			case DICTIONARY -> inner().getLong(dictionaryIndex(row));
			case INT64_ARRAY -> this.buffer.getLong(offsetOf(row));
			default -> throw wrongEncoding("int64");
		};
	}

	public float getFloat(int row) {
		return Float.intBitsToFloat(getInt(row));
	}

	public double getDouble(int row) {
		return Double.longBitsToDouble(getLong(row));
	}

	public byte[] getBytes(int row) {
		return switch (this.encoding) {
			case RUN_LENGTH -> inner().getBytes(0);
			case DICTIONARY -> inner().getBytes(dictionaryIndex(row));
			case BINARY_ARRAY -> {
				int offset = offsetOf(row);
				byte[] value = new byte[this.buffer.getInt(offset)];
				this.buffer.get(offset + 4, value);
				yield value;
			}
			default -> throw wrongEncoding("binary");
		};
	}

	public String getString(int row) {
		return switch (this.encoding) {
			case RUN_LENGTH -> {
				checkRow(row);
				yield sharedString(0);
			}
			case DICTIONARY -> sharedString(dictionaryIndex(row));
			case BINARY_ARRAY -> {
				int offset = offsetOf(row);
				int length = this.buffer.getInt(offset);
				if (this.buffer.hasArray()) {
					yield new String(this.buffer.array(), this.buffer.arrayOffset() + offset + 4, length,
							StandardCharsets.UTF_8);
				}
				byte[] value = new byte[length];
				this.buffer.get(offset + 4, value);
				yield new String(value, StandardCharsets.UTF_8);
			}
			default -> throw wrongEncoding("binary");
		};
	}

	/** The string at an index of the inner column, decoded on first use. */
	private String sharedString(int index) {
		@Nullable String[] cache = this.strings;
		String value = (cache != null) ? cache[index] : null;
		if (value == null) {
			// decoded before the cache is made: an inner column that holds no strings is
			// refused without an array sized by its row count
			value = inner().getString(index);
			if (cache == null) {
				cache = new String[inner().rows];
				this.strings = cache;
			}
			cache[index] = value;
		}
		return value;
	}

	private BlockColumn inner() {
		// asked only for the run-length and dictionary encodings, which always have one
		return Objects.requireNonNull(this.inner);
	}

	private int dictionaryIndex(int row) {
		checkRow(row);
		return this.buffer.getInt(this.valuesOffset + 4 * row);
	}

	/** The byte offset of a non-null row's value. */
	private int offsetOf(int row) {
		checkRow(row);
		if (this.nullsOffset < 0 && this.width > 0) {
			return this.valuesOffset + row * this.width;
		}
		if (row < this.cursorRow) {
			this.cursorRow = 0;
			this.cursorOffset = this.valuesOffset;
		}
		while (this.cursorRow < row) {
			if (!isNull(this.cursorRow)) {
				this.cursorOffset += (this.width > 0) ? this.width : 4 + this.buffer.getInt(this.cursorOffset);
			}
			this.cursorRow++;
		}
		return this.cursorOffset;
	}

	private void checkRow(int row) {
		if (row < 0 || row >= this.rows) {
			throw new IndexOutOfBoundsException("row " + row + " of a column with " + this.rows + " rows");
		}
	}

	private IllegalStateException wrongEncoding(String wanted) {
		return new IllegalStateException("a column of encoding " + this.encoding + " holds no " + wanted + " values");
	}

}
