package io.github.iotdbtable.client.rpc;

import java.util.Arrays;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.jspecify.annotations.Nullable;

/**
 * Thrift's framed transport (a 4-byte big-endian length before each message) over a
 * socket, keeping its write buffer between requests: libthrift's own framed transport
 * shrinks it back to 1 KiB after every message, so each large insert grew it again,
 * copying and allocating about twice the request's size.
 *
 * <p>
 * Large writes (an insert's value and time buffers) are not copied into the write buffer:
 * the frame keeps a reference to them and sends them from where they are on flush, which
 * every request does before it returns. Nothing is sent before that flush, so a request
 * too large for a frame is refused with an {@link IllegalArgumentException} and leaves
 * the connection usable.
 *
 * <p>
 * Each frame read gets a fresh array, since values decoded without copying keep pointing
 * into it. The array grows as the frame's bytes arrive, so that a header announcing more
 * than is sent costs no more than what was sent. One message is read from one frame: a
 * message that runs past its frame's end, or leaves bytes over, is refused.
 */
final class FrameTransport extends TTransport {

	private static final int INITIAL_WRITE_BUFFER = 64 * 1024;

	/** A write buffer grown beyond this by one very large request is let go after it. */
	private static final int MAX_KEPT_WRITE_BUFFER = 16 * 1024 * 1024;

	private final TSocket socket;

	private final int maxFrameSize;

	private byte[] out = new byte[INITIAL_WRITE_BUFFER];

	private int outLength = 4;

	/**
	 * Writes at least this large are sent from the caller's array instead of being
	 * copied.
	 */
	private static final int REFERENCED_WRITE = 16 * 1024;

	private static final int MAX_REFERENCES = 8;

	private final byte[] @Nullable [] references = new byte[MAX_REFERENCES][];

	private final int[] referenceOffsets = new int[MAX_REFERENCES];

	private final int[] referenceLengths = new int[MAX_REFERENCES];

	/** Where in {@link #out} each referenced write belongs. */
	private final int[] referencePositions = new int[MAX_REFERENCES];

	private int referenceCount;

	private long referencedBytes;

	/**
	 * The most a frame's array is given before its bytes arrive; it grows from there as
	 * they do. Most answers fit in it whole.
	 */
	static final int FIRST_READ_CHUNK = 64 * 1024;

	private final byte[] header = new byte[4];

	/** Whether a message is being read from the current frame. */
	private boolean frameOpen;

	private byte[] frame = new byte[0];

	private int position;

	private int limit;

	FrameTransport(TSocket socket, int maxFrameSize) {
		this.socket = socket;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public boolean isOpen() {
		return this.socket.isOpen();
	}

	@Override
	public void open() throws TTransportException {
		this.socket.open();
	}

	@Override
	public void close() {
		this.socket.close();
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws TTransportException {
		if (this.position == this.limit) {
			if (this.frameOpen) {
				// the next frame belongs to no answer yet: reading on would wait for it
				throw new TTransportException(TTransportException.END_OF_FILE,
						"the answer runs past the end of its frame of " + this.limit + " bytes");
			}
			readFrame();
		}
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.frame, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public void write(byte[] buffer, int offset, int length) throws TTransportException {
		// in long: a length near 2^31 must not wrap around to a small size
		long frameSize = this.outLength - 4L + length + this.referencedBytes;
		if (frameSize > this.maxFrameSize) {
			// nothing of this frame was sent: the connection stays in step, only the
			// request is refused
			discard();
			throw new IllegalArgumentException("a request of at least " + frameSize
					+ " bytes exceeds the frame limit of " + this.maxFrameSize + " bytes");
		}
		// at most maxFrameSize + 4 from here on
		int needed = this.outLength + length;
		if (length >= REFERENCED_WRITE && this.referenceCount < MAX_REFERENCES) {
			int i = this.referenceCount++;
			this.references[i] = buffer;
			this.referenceOffsets[i] = offset;
			this.referenceLengths[i] = length;
			this.referencePositions[i] = this.outLength;
			this.referencedBytes += length;
			return;
		}
		if (needed > this.out.length) {
			this.out = Arrays.copyOf(this.out, Math.max(needed,
					(int) Math.min(2L * this.out.length, Math.min(this.maxFrameSize + 4L, Integer.MAX_VALUE - 8))));
		}
		System.arraycopy(buffer, offset, this.out, this.outLength, length);
		this.outLength = needed;
	}

	@Override
	public void flush() throws TTransportException {
		int length = (int) (this.outLength - 4 + this.referencedBytes);
		this.out[0] = (byte) (length >>> 24);
		this.out[1] = (byte) (length >>> 16);
		this.out[2] = (byte) (length >>> 8);
		this.out[3] = (byte) length;
		try {
			int sent = 0;
			for (int i = 0; i < this.referenceCount; i++) {
				this.socket.write(this.out, sent, this.referencePositions[i] - sent);
				this.socket.write(this.references[i], this.referenceOffsets[i], this.referenceLengths[i]);
				sent = this.referencePositions[i];
			}
			this.socket.write(this.out, sent, this.outLength - sent);
			this.socket.flush();
		}
		finally {
			discard();
		}
	}

	/** Forgets the frame being written, and the arrays it referenced. */
	private void discard() {
		this.outLength = 4;
		for (int i = 0; i < this.referenceCount; i++) {
			this.references[i] = null;
		}
		this.referenceCount = 0;
		this.referencedBytes = 0;
		if (this.out.length > MAX_KEPT_WRITE_BUFFER) {
			this.out = new byte[INITIAL_WRITE_BUFFER];
		}
	}

	@Override
	public byte[] getBuffer() {
		return this.frame;
	}

	@Override
	public int getBufferPosition() {
		return this.position;
	}

	@Override
	public int getBytesRemainingInBuffer() {
		return this.limit - this.position;
	}

	@Override
	public void consumeBuffer(int length) {
		this.position += length;
	}

	@Override
	public TConfiguration getConfiguration() {
		return this.socket.getConfiguration();
	}

	@Override
	public void updateKnownMessageSize(long size) {
	}

	/**
	 * Bounds what the protocol may allocate for a container or string by what the frame
	 * still holds.
	 */
	@Override
	public void checkReadBytesAvailable(long bytes) throws TTransportException {
		if (bytes > this.limit - this.position) {
			throw new TTransportException(TTransportException.END_OF_FILE,
					"message claims " + bytes + " more bytes than its frame holds");
		}
	}

	@Override
	public void resetMessageSizeAndConsumedBytes(long size) {
	}

	/** The length of the frame read last. */
	int frameLength() {
		return this.limit;
	}

	/**
	 * Ends the message read from the current frame, which must have used all of it; the
	 * next read starts a new frame.
	 * @throws TTransportException when bytes are left over
	 */
	void endFrame() throws TTransportException {
		int left = this.limit - this.position;
		this.frameOpen = false;
		if (left != 0) {
			throw new TTransportException(TTransportException.CORRUPTED_DATA,
					left + " bytes left over after the answer in a frame of " + this.limit + " bytes");
		}
	}

	private void readFrame() throws TTransportException {
		this.socket.readAll(this.header, 0, 4);
		int size = ((this.header[0] & 0xFF) << 24) | ((this.header[1] & 0xFF) << 16) | ((this.header[2] & 0xFF) << 8)
				| (this.header[3] & 0xFF);
		if (size < 0 || size > this.maxFrameSize) {
			close();
			throw new TTransportException(TTransportException.CORRUPTED_DATA,
					"frame of " + size + " bytes is outside the allowed 0 to " + this.maxFrameSize);
		}
		byte[] bytes = new byte[Math.min(size, FIRST_READ_CHUNK)];
		int read = 0;
		while (true) {
			this.socket.readAll(bytes, read, bytes.length - read);
			read = bytes.length;
			if (read == size) {
				break;
			}
			// four times what arrived: a frame costs at most about twice its size in
			// arrays, a header that lies four times what was sent
			bytes = Arrays.copyOf(bytes, (int) Math.min(size, 4L * read));
		}
		this.frame = bytes;
		this.position = 0;
		this.limit = size;
		this.frameOpen = true;
	}

}
