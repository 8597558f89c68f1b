package io.github.iotdbtable.client.rpc;

/**
 * What the objects decoded from one frame may take, charged as they are made: a frame of
 * many tiny elements (empty statuses, strings, blocks of no rows) must not turn into
 * gigabytes of objects. An answer may take {@value #FLOOR} bytes, and
 * {@value #PER_FRAME_BYTE} more per byte of its frame; the sizes charged are those of the
 * objects on a JVM with compressed references, the bytes copied out of the frame (string
 * contents) aside. Real answers stay several times below: a status per row of an insert,
 * each naming a node, takes about 6 bytes per byte of the frame, blocks of constant
 * columns about 10.
 */
final class DecodeBudget {

	static final long FLOOR = 1024 * 1024;

	static final int PER_FRAME_BYTE = 16;

	/** A status, and its slot in the list that holds it (grown, then copied). */
	static final int STATUS = 48;

	/** A status that holds nothing but its code is shared: its slot only. */
	static final int SHARED_STATUS = 16;

	static final int ENDPOINT = 24;

	/** A string, its contents aside, and its slot in a list or map. */
	static final int STRING = 48;

	static final int INTEGER = 24;

	/** A block's buffer slice and the block itself, its columns aside. */
	static final int BLOCK = 96;

	static final int COLUMN = 64;

	private final int frameLength;

	private long left;

	private DecodeBudget(int frameLength, long bytes) {
		this.frameLength = frameLength;
		this.left = bytes;
	}

	static DecodeBudget forFrame(int frameLength) {
		return new DecodeBudget(frameLength, FLOOR + (long) PER_FRAME_BYTE * frameLength);
	}

	/** For blocks parsed on their own, whose caller bounds what they hold. */
	static DecodeBudget unlimited() {
		return new DecodeBudget(-1, Long.MAX_VALUE);
	}

	/**
	 * Charges an object about to be made.
	 * @throws IllegalArgumentException when the frame cannot stand for it
	 */
	void charge(long bytes) {
		this.left -= bytes;
		if (this.left < 0) {
			throw new IllegalArgumentException(
					"an answer of " + this.frameLength + " bytes holds more elements than its size allows ("
							+ PER_FRAME_BYTE + " bytes of objects per byte)");
		}
	}

}
