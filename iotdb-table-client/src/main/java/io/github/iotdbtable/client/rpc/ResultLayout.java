package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each column of a query's result is found in its TsBlocks, and the column encoding
 * its declared type is read from. Every block of the query is checked against it as the
 * answer that carries it arrives, so that a malformed block, a column mapped outside the
 * blocks, or a column whose encoding does not hold its type, fails the answer, not a
 * getter later on. A column of a type unknown here is read in whichever plain encoding it
 * comes in.
 */
public final class ResultLayout {

	private final int[] blockColumns;

	private final byte[] encodings;

	private ResultLayout(int[] blockColumns, byte[] encodings) {
		this.blockColumns = blockColumns;
		this.encodings = encodings;
	}

	/**
	 * The layout an answer describes.
	 * @param columns the result column names
	 * @param types their type names
	 * @param mapping each result column's block column (-1 for the time column), or empty
	 * when the result columns are the value columns in order
	 * @throws IllegalArgumentException when the answer's parts do not fit together
	 */
	static ResultLayout of(List<String> columns, List<String> types, List<Integer> mapping) {
		int count = columns.size();
		if (!mapping.isEmpty() && mapping.size() != count) {
			throw new IllegalArgumentException(
					"the server mapped " + mapping.size() + " result columns to block columns for " + count);
		}
		int[] blockColumns = new int[count];
		byte[] encodings = new byte[count];
		for (int i = 0; i < count; i++) {
			blockColumns[i] = mapping.isEmpty() ? i : mapping.get(i);
			if (blockColumns[i] < -1) {
				throw new IllegalArgumentException(
						"the server mapped result column " + i + " to block column " + blockColumns[i]);
			}
			if (i >= types.size()) {
				throw new IllegalArgumentException("the server named no type for result column " + i);
			}
			encodings[i] = encodingOf(types.get(i));
			if (blockColumns[i] < 0 && encodings[i] != BlockColumn.INT64_ARRAY && encodings[i] != ANY) {
				throw new IllegalArgumentException(
						"result column " + i + " of type " + types.get(i) + " is mapped to the time column");
			}
		}
		return new ResultLayout(blockColumns, encodings);
	}

	/**
	 * The encoding of a type unknown here, such as one a newer server added: a column of
	 * it may come in any plain encoding, which its values are then read as.
	 */
	static final byte ANY = -1;

	/**
	 * The plain encoding that holds a type's values, or {@link #ANY} for a type unknown
	 * here; names are matched as {@code DataType.fromName} does.
	 */
	static byte encodingOf(String type) {
		return switch (type.trim().toUpperCase(Locale.ROOT)) {
			case "BOOLEAN" -> BlockColumn.BYTE_ARRAY;
			case "INT32", "FLOAT", "DATE" -> BlockColumn.INT32_ARRAY;
			case "INT64", "DOUBLE", "TIMESTAMP" -> BlockColumn.INT64_ARRAY;
			case "TEXT", "STRING", "BLOB" -> BlockColumn.BINARY_ARRAY;
			default -> ANY;
		};
	}

	/**
	 * The block column of a result column.
	 * @param column the result column
	 * @return its value column in the blocks, or -1 for the time column
	 */
	public int blockColumn(int column) {
		return this.blockColumns[column];
	}

	/** Parses an answer's blocks and checks each against the layout. */
	List<TsBlock> parse(List<ByteBuffer> buffers, DecodeBudget budget) {
		List<TsBlock> blocks = new ArrayList<>(buffers.size());
		for (int i = 0; i < buffers.size(); i++) {
			try {
				blocks.add(check(TsBlock.parse(buffers.get(i), budget)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("malformed result block " + i + ": " + ex.getMessage(), ex);
			}
		}
		return blocks;
	}

	/**
	 * Checks a block against the layout: every result column in the block, in an encoding
	 * of its type.
	 * @return the block
	 * @throws IllegalArgumentException naming the first column that does not fit
	 */
	TsBlock check(TsBlock block) {
		for (int i = 0; i < this.blockColumns.length; i++) {
			int index = this.blockColumns[i];
			if (index >= block.valueColumnCount()) {
				throw new IllegalArgumentException("result column " + i + " is block column " + index
						+ " of a block of " + block.valueColumnCount() + " value columns");
			}
			BlockColumn column = (index < 0) ? block.timeColumn() : block.valueColumn(index);
			// the column itself was checked as it was parsed, whatever its type
			if (this.encodings[i] != ANY && column.valueEncoding() != this.encodings[i]) {
				throw new IllegalArgumentException("result column " + i + " is in encoding " + column.valueEncoding()
						+ ", which does not hold its type (encoding " + this.encodings[i] + ")");
			}
		}
		return block;
	}

}
