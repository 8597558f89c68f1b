package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;

/**
 * A serialized TsBlock of a query result, read in place: parsing walks the header and
 * finds where each column starts, values are read from the buffer only when asked for.
 *
 * <p>
 * Layout (big-endian): int32 value-column count; one type byte per value column; int32
 * row count; one encoding byte for the time column and for each value column; then the
 * time column and the value columns, see {@link BlockColumn}.
 *
 * <p>
 * A block claims at most {@value #MAX_UNBACKED_ROWS} rows, or 8 per byte of it:
 * run-length columns stand for any number of rows, and a few bytes must not be taken for
 * billions of them. Every other column takes at least a bit per row, so a block that
 * holds one is never refused by this.
 */
public final class TsBlock {

	/**
	 * The most rows a block of run-length columns alone may claim: far above the server's
	 * own bound on a block's rows ({@code max_tsblock_line_number}, 1000 by default).
	 */
	static final int MAX_UNBACKED_ROWS = 1 << 16;

	private final ByteBuffer buffer;

	private final int rowCount;

	private final BlockColumn timeColumn;

	private final BlockColumn[] valueColumns;

	private TsBlock(ByteBuffer buffer, int rowCount, BlockColumn timeColumn, BlockColumn[] valueColumns) {
		this.buffer = buffer;
		this.rowCount = rowCount;
		this.timeColumn = timeColumn;
		this.valueColumns = valueColumns;
	}

	/**
	 * Parses a block.
	 * @param buffer the serialized block; read from index 0, the buffer is not modified
	 * @return the block
	 * @throws IllegalArgumentException when the bytes are not a well-formed block
	 */
	public static TsBlock parse(ByteBuffer buffer) {
		return parse(buffer, DecodeBudget.unlimited());
	}

	/** Parses a block, charging its columns to the budget of the frame it came in. */
	static TsBlock parse(ByteBuffer buffer, DecodeBudget budget) {
		try {
			int columnCount = buffer.getInt(0);
			// a value column takes at least its type, its encoding and a byte of its own,
			// besides the column count, the row count and the time column's encoding and
			// byte: checked before an array of that many columns is allocated
			if (columnCount < 0 || 10L + 3L * columnCount > buffer.limit()) {
				throw new IllegalArgumentException(
						"bad column count " + columnCount + " for a TsBlock of " + buffer.limit() + " bytes");
			}
			int offset = 4 + columnCount;
			int rows = buffer.getInt(offset);
			if (rows < 0 || (rows > MAX_UNBACKED_ROWS && rows > 8L * buffer.limit())) {
				throw new IllegalArgumentException(
						"bad row count " + rows + " for a TsBlock of " + buffer.limit() + " bytes");
			}
			offset += 4;
			int encodings = offset;
			offset += columnCount + 1;
			budget.charge(DecodeBudget.BLOCK + 4 * columnCount);
			BlockColumn time = BlockColumn.parse(buffer, buffer.get(encodings), offset, rows, budget);
			offset = time.end();
			BlockColumn[] values = new BlockColumn[columnCount];
			for (int i = 0; i < columnCount; i++) {
				values[i] = BlockColumn.parse(buffer, buffer.get(encodings + 1 + i), offset, rows, budget);
				offset = values[i].end();
			}
			return new TsBlock(buffer, rows, time, values);
		}
		catch (IndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("truncated TsBlock of " + buffer.limit() + " bytes", ex);
		}
	}

	/** The serialized block, for tests that record it. */
	ByteBuffer buffer() {
		return this.buffer;
	}

	public int rowCount() {
		return this.rowCount;
	}

	public int valueColumnCount() {
		return this.valueColumns.length;
	}

	public BlockColumn timeColumn() {
		return this.timeColumn;
	}

	public BlockColumn valueColumn(int index) {
		return this.valueColumns[index];
	}

}
