package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A growable big-endian byte buffer for the binary parts of an insert: timestamps, values
 * column after column, then the null bitmaps. The bitmap layout is the one the server
 * reads for tablets: per column a flag byte, and when it is 1, {@code rows / 8 + 1} bytes
 * where row {@code i} is bit {@code i % 8} (least significant first) of byte
 * {@code i / 8}.
 */
public final class TabletBuffer {

	private ByteBuffer buffer;

	/**
	 * A buffer grown beyond this by one very large tablet is let go when it is cleared.
	 */
	private static final int MAX_KEPT_CAPACITY = 16 * 1024 * 1024;

	public TabletBuffer(int initialCapacity) {
		this.buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
	}

	/**
	 * Empties the buffer for the next tablet, so that one buffer serves every insert of a
	 * connection without being allocated and zeroed again. Views handed out by
	 * {@link #toByteBuffer()} before are no longer valid.
	 * @param expectedBytes the size the next tablet is expected to need
	 * @return this buffer
	 */
	public TabletBuffer clear(int expectedBytes) {
		int capacity = this.buffer.capacity();
		if (capacity < expectedBytes || (capacity > MAX_KEPT_CAPACITY && expectedBytes < MAX_KEPT_CAPACITY)) {
			this.buffer = ByteBuffer.allocate(Math.max(16, expectedBytes));
		}
		else {
			this.buffer.clear();
		}
		return this;
	}

	/**
	 * The bytes of a null bitmap for the given number of rows.
	 * @param rows the row count
	 * @return the bitmap length in bytes
	 */
	public static int bitmapLength(int rows) {
		return rows / 8 + 1;
	}

	public TabletBuffer putByte(int value) {
		ensure(1).put((byte) value);
		return this;
	}

	public TabletBuffer putBoolean(boolean value) {
		ensure(1).put(value ? (byte) 1 : (byte) 0);
		return this;
	}

	public TabletBuffer putInt(int value) {
		ensure(4).putInt(value);
		return this;
	}

	public TabletBuffer putLong(long value) {
		ensure(8).putLong(value);
		return this;
	}

	public TabletBuffer putFloat(float value) {
		ensure(4).putFloat(value);
		return this;
	}

	public TabletBuffer putDouble(double value) {
		ensure(8).putDouble(value);
		return this;
	}

	public TabletBuffer putLongs(long[] values, int count) {
		ByteBuffer target = ensure(8L * count);
		target.asLongBuffer().put(values, 0, count);
		target.position(target.position() + 8 * count);
		return this;
	}

	public TabletBuffer putDoubles(double[] values, int count) {
		ByteBuffer target = ensure(8L * count);
		target.asDoubleBuffer().put(values, 0, count);
		target.position(target.position() + 8 * count);
		return this;
	}

	public TabletBuffer putInts(int[] values, int count) {
		ByteBuffer target = ensure(4L * count);
		target.asIntBuffer().put(values, 0, count);
		target.position(target.position() + 4 * count);
		return this;
	}

	public TabletBuffer putFloats(float[] values, int count) {
		ByteBuffer target = ensure(4L * count);
		target.asFloatBuffer().put(values, 0, count);
		target.position(target.position() + 4 * count);
		return this;
	}

	/** Writes a length-prefixed byte string. */
	public TabletBuffer putBinary(byte[] value) {
		ensure(4L + value.length).putInt(value.length).put(value);
		return this;
	}

	/**
	 * Writes a length-prefixed UTF-8 string, without an intermediate array when the text
	 * is ASCII.
	 */
	public TabletBuffer putString(String value) {
		int length = value.length();
		ByteBuffer target = ensure(4L + length);
		int start = target.position();
		byte[] bytes = target.array();
		int at = target.arrayOffset() + start + 4;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				return putBinary(value.getBytes(StandardCharsets.UTF_8));
			}
			bytes[at + i] = (byte) c;
		}
		target.putInt(length);
		target.position(start + 4 + length);
		return this;
	}

	/**
	 * Writes a null bitmap.
	 * @param nullAt tells whether the row at a position is null
	 * @param rows the row count
	 * @return this buffer
	 */
	public TabletBuffer putBitmap(IntPredicate nullAt, int rows) {
		int length = bitmapLength(rows);
		ByteBuffer target = ensure(length);
		int base = target.position();
		for (int i = 0; i < length; i++) {
			target.put(base + i, (byte) 0);
		}
		for (int row = 0; row < rows; row++) {
			if (nullAt.test(row)) {
				int index = base + (row >>> 3);
				target.put(index, (byte) (target.get(index) | (1 << (row & 7))));
			}
		}
		target.position(base + length);
		return this;
	}

	public int size() {
		return this.buffer.position();
	}

	/**
	 * The written bytes, ready to send. The view is valid until the buffer is written to
	 * or cleared again.
	 * @return a view of the written bytes
	 */
	public ByteBuffer toByteBuffer() {
		return ByteBuffer.wrap(this.buffer.array(), 0, this.buffer.position());
	}

	private ByteBuffer ensure(long bytes) {
		if (this.buffer.remaining() < bytes) {
			long needed = this.buffer.position() + bytes;
			if (needed > Integer.MAX_VALUE - 8) {
				throw new IllegalArgumentException("tablet is too large to encode (" + needed + " bytes)");
			}
			int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * this.buffer.capacity()));
			ByteBuffer grown = ByteBuffer.wrap(Arrays.copyOf(this.buffer.array(), capacity));
			grown.position(this.buffer.position());
			this.buffer = grown;
		}
		return this.buffer;
	}

}
