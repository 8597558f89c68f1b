package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Blocks built by hand in the server's layout, one per column encoding.
 */
class TsBlockTests {

	@Test
	void plainColumnsWithAndWithoutNulls() {
		ByteBuffer block = ByteBuffer.allocate(256);
		block.putInt(4).put(new byte[] { 1, 4, 5, 0 }).putInt(3);
		block.put(new byte[] { 2, 1, 2, 3, 0 });
		// time: int64, no nulls
		block.put((byte) 0).putLong(100).putLong(200).putLong(300);
		// INT32 with row 1 null: bitmap most significant bit first, values only for
		// non-null rows
		block.put((byte) 1).put((byte) 0b0100_0000).putInt(7).putInt(9);
		// DOUBLE with rows 0 and 2 null
		block.put((byte) 1).put((byte) 0b1010_0000).putDouble(2.5);
		// TEXT with row 0 null
		block.put((byte) 1).put((byte) 0b1000_0000);
		putText(block, "héllo");
		putText(block, "");
		// BOOLEAN: a bit for every row
		block.put((byte) 0).put((byte) 0b1010_0000);
		TsBlock parsed = TsBlock.parse(block.flip());

		assertThat(parsed.rowCount()).isEqualTo(3);
		assertThat(parsed.valueColumnCount()).isEqualTo(4);
		assertThat(parsed.timeColumn().getLong(2)).isEqualTo(300);
		BlockColumn ints = parsed.valueColumn(0);
		assertThat(ints.isNull(1)).isTrue();
		assertThat(ints.getInt(2)).isEqualTo(9);
		assertThat(ints.getInt(0)).as("reading backwards restarts the walk").isEqualTo(7);
		BlockColumn doubles = parsed.valueColumn(1);
		assertThat(doubles.isNull(0)).isTrue();
		assertThat(doubles.isNull(1)).isFalse();
		assertThat(doubles.getDouble(1)).isEqualTo(2.5);
		assertThat(doubles.isNull(2)).isTrue();
		BlockColumn texts = parsed.valueColumn(2);
		assertThat(texts.isNull(0)).isTrue();
		assertThat(texts.getString(1)).isEqualTo("héllo");
		assertThat(texts.getString(2)).isEmpty();
		assertThat(texts.getBytes(1)).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
		BlockColumn booleans = parsed.valueColumn(3);
		assertThat(booleans.getBoolean(0)).isTrue();
		assertThat(booleans.getBoolean(1)).isFalse();
		assertThat(booleans.getBoolean(2)).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> booleans.getLong(0));
	}

	@Test
	void aRunLengthColumnRepeatsItsSingleValue() {
		ByteBuffer block = ByteBuffer.allocate(128);
		block.putInt(2).put(new byte[] { 11, 2 }).putInt(4);
		block.put(new byte[] { 2, 4, 4 });
		block.put((byte) 0).putLong(1).putLong(2).putLong(3).putLong(4);
		block.put((byte) 3).put((byte) 0);
		putText(block, "device-7");
		block.put((byte) 2).put((byte) 1).put((byte) 0b1000_0000);
		TsBlock parsed = TsBlock.parse(block.flip());

		BlockColumn tag = parsed.valueColumn(0);
		assertThat(tag.rowCount()).isEqualTo(4);
		for (int row = 0; row < 4; row++) {
			assertThat(tag.isNull(row)).isFalse();
			assertThat(tag.getString(row)).isEqualTo("device-7");
		}
		assertThat(tag.getString(3)).as("decoded once").isSameAs(tag.getString(0));
		BlockColumn allNull = parsed.valueColumn(1);
		assertThat(allNull.isNull(3)).isTrue();
		assertThat(parsed.timeColumn().getLong(3)).isEqualTo(4);
	}

	@Test
	void aBlockOfRunLengthColumnsClaimsNoMoreRowsThanItsBound() {
		// a run-length time column and value column: 31 bytes standing for any number of
		// rows
		for (int rows : new int[] { Integer.MAX_VALUE, TsBlock.MAX_UNBACKED_ROWS + 1 }) {
			assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(runLengthBlock(rows)))
				.withMessage("bad row count " + rows + " for a TsBlock of 31 bytes");
		}
		TsBlock bounded = TsBlock.parse(runLengthBlock(TsBlock.MAX_UNBACKED_ROWS));
		assertThat(bounded.rowCount()).isEqualTo(TsBlock.MAX_UNBACKED_ROWS);
		assertThat(bounded.valueColumn(0).getLong(TsBlock.MAX_UNBACKED_ROWS - 1)).isEqualTo(7);
	}

	private static ByteBuffer runLengthBlock(int rows) {
		ByteBuffer block = ByteBuffer.allocate(31);
		block.putInt(1).put((byte) 2).putInt(rows).put(new byte[] { 4, 4 });
		block.put((byte) 2).put((byte) 0).putLong(1);
		block.put((byte) 2).put((byte) 0).putLong(7);
		return block.flip();
	}

	@Test
	void aDictionaryColumnLooksUpEachRow() {
		ByteBuffer block = ByteBuffer.allocate(128);
		block.putInt(1).put((byte) 11).putInt(5);
		block.put(new byte[] { 2, 5 });
		block.put((byte) 0);
		for (int row = 0; row < 5; row++) {
			block.putLong(row);
		}
		block.put((byte) 3).putInt(2).put((byte) 1).put((byte) 0b0100_0000);
		putText(block, "north");
		block.putInt(5).putInt(0).putInt(1).putInt(0).putInt(1).putInt(0);
		TsBlock parsed = TsBlock.parse(block.flip());

		BlockColumn region = parsed.valueColumn(0);
		assertThat(region.getString(0)).isEqualTo("north");
		assertThat(region.isNull(1)).isTrue();
		assertThat(region.getString(4)).isEqualTo("north");
		assertThat(region.isNull(3)).isTrue();
	}

	@Test
	void rowsPastTheEndAreRefused() {
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 1).putInt(1).put(new byte[] { 2, 1 });
		block.put((byte) 0).putLong(5).put((byte) 0).putInt(6);
		BlockColumn column = TsBlock.parse(block.flip()).valueColumn(0);
		assertThat(column.getInt(0)).isEqualTo(6);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> column.getInt(1))
			.withMessage("row 1 of a column with 1 rows");
	}

	@Test
	void truncatedOrUnknownBlocksAreRefused() {
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 2).putInt(2).put(new byte[] { 2, 2 });
		block.put((byte) 0).putLong(1).putLong(2).put((byte) 0).putLong(3);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
			.withMessageStartingWith("truncated TsBlock");
		ByteBuffer unknown = ByteBuffer.allocate(64);
		unknown.putInt(0).putInt(1).put((byte) 9).put((byte) 0).putLong(1);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(unknown.flip()))
			.withMessage("unknown column encoding 9");
	}

	@Test
	void aValueLengthNearTwoToTheThirtyOneIsRefused() {
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 11).putInt(1).put(new byte[] { 2, 3 });
		block.put((byte) 0).putLong(5);
		// the end of the value, 4 + length bytes on, is past 2^31
		block.put((byte) 0).putInt(Integer.MAX_VALUE - 8).put(new byte[8]);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
			.withMessageStartingWith("truncated TsBlock");
	}

	@Test
	void aRowCountWhoseValuesOutgrowAnIntIsRefused() {
		ByteBuffer block = ByteBuffer.allocate(64);
		// 2^29 + 1 rows of 8 bytes: 2^32 + 8 bytes, 8 once wrapped to an int; the row
		// bound refuses them before any column is measured
		block.putInt(1).put((byte) 2).putInt((1 << 29) + 1).put(new byte[] { 4, 2 });
		block.put((byte) 2).put((byte) 0).putLong(1);
		block.put((byte) 0).putLong(2);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
			.withMessage("bad row count 536870913 for a TsBlock of 30 bytes");
	}

	@Test
	void aDictionaryIdOutsideTheDictionaryIsRefused() {
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 11).putInt(2).put(new byte[] { 2, 5 });
		block.put((byte) 0).putLong(1).putLong(2);
		block.put((byte) 3).putInt(1).put((byte) 0);
		putText(block, "north");
		block.putInt(2).putInt(0).putInt(1);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
			.withMessage("dictionary id 1 of row 1 is outside a dictionary of 1 values");
	}

	@Test
	void readingStringsFromADictionaryOfBooleansIsRefusedWithoutAnArrayForEachOfItsValues() {
		int size = 1_000_000;
		ByteBuffer block = ByteBuffer.allocate(size / 8 + 64);
		block.putInt(1).put((byte) 11).putInt(1).put(new byte[] { 2, 5 });
		block.put((byte) 0).putLong(1);
		// a dictionary of a million booleans, a bit each: no strings in it
		block.put((byte) 0).putInt(size).put((byte) 0).put(new byte[size / 8]);
		block.putInt(1).putInt(0);
		BlockColumn column = TsBlock.parse(block.flip()).valueColumn(0);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThatIllegalStateException().isThrownBy(() -> column.getString(0));
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1_000_000);
	}

	@Test
	void aDictionaryLargerThanItsBytesIsRefused() {
		for (int size : new int[] { -1, Integer.MAX_VALUE }) {
			ByteBuffer block = ByteBuffer.allocate(64);
			block.putInt(1).put((byte) 11).putInt(1).put(new byte[] { 2, 5 });
			block.put((byte) 0).putLong(1);
			// a dictionary of all-null values takes a bit per value
			block.put((byte) 1).putInt(size).put((byte) 1).put((byte) 0xFF);
			block.putInt(1).putInt(0);
			assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
				.withMessageStartingWith("dictionary of " + size + " values");
		}
	}

	@Test
	void aDictionaryOrRunLengthColumnInsideAnotherIsRefused() {
		// a dictionary of one run-length value: read, it would allocate a string cache of
		// 2^31 - 1 entries
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 11).putInt(1).put(new byte[] { 2, 5 });
		block.put((byte) 0).putLong(1);
		block.put((byte) 4).putInt(Integer.MAX_VALUE).put((byte) 3).put((byte) 0);
		putText(block, "x");
		block.putInt(1).putInt(0);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.flip()))
			.withMessage("a dictionary column holds a column of encoding 4");
		// a long chain of run-length columns must not recurse as deep as it is long
		ByteBuffer chain = ByteBuffer.allocate(1 << 20);
		chain.putInt(0).putInt(1);
		while (chain.remaining() > 10) {
			chain.put((byte) 4);
		}
		chain.put((byte) 2).put((byte) 0).putLong(1);
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(chain.flip()))
			.withMessage("a run-length column holds a column of encoding 4");
	}

	@Test
	void aColumnCountItsBytesCannotHoldIsRefusedBeforeAnythingIsAllocatedForIt() {
		// the header of 2^20 columns fits, their columns do not: each takes at least a
		// type, an encoding and a null flag byte
		int columns = 1 << 20;
		ByteBuffer block = ByteBuffer.allocate(2 * columns + 16);
		block.putInt(columns).put(new byte[columns]).putInt(1).put(new byte[columns + 1]);
		long before = allocatedBytes();
		assertThatIllegalArgumentException().isThrownBy(() -> TsBlock.parse(block.position(0)))
			.withMessage("bad column count " + columns + " for a TsBlock of " + block.limit() + " bytes");
		assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(columns);
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	private static void putText(ByteBuffer block, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		block.putInt(bytes.length).put(bytes);
	}

}
