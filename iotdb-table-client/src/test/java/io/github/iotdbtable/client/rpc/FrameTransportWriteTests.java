package io.github.iotdbtable.client.rpc;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The frames {@link FrameTransport} writes, read back by a plain socket: large writes
 * sent from the caller's array land in the same place in the frame as copied ones would.
 */
class FrameTransportWriteTests {

	@Test
	void smallAndLargeWritesMakeOneFrameInOrder() throws Exception {
		byte[] large1 = filled(100_000, 1);
		byte[] large2 = filled(20_000, 2);
		byte[][] frames = exchange(2, 1_000_000, (transport) -> {
			transport.write(new byte[] { 9, 8 }, 0, 2);
			transport.write(large1, 0, large1.length);
			transport.write(new byte[] { 7 }, 0, 1);
			transport.write(large2, 10, 17_000);
			transport.flush();
			// the arrays are not kept: changing one after the flush does not change the
			// next frame
			Arrays.fill(large1, (byte) 5);
			transport.write(new byte[] { 6 }, 0, 1);
			transport.flush();
		});
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.write(new byte[] { 9, 8 });
		expected.write(filled(100_000, 1));
		expected.write(7);
		expected.write(large2, 10, 17_000);
		assertThat(frames[0]).isEqualTo(expected.toByteArray());
		assertThat(frames[1]).containsExactly(6);
	}

	@Test
	void aFrameAboveTheLimitIsRefusedAndTheNextOneIsClean() throws Exception {
		byte[] large = filled(40_000, 3);
		byte[][] frames = exchange(1, 50_000, (transport) -> {
			transport.write(large, 0, large.length);
			assertThatIllegalArgumentException().isThrownBy(() -> transport.write(large, 0, large.length))
				.withMessageContaining("exceeds the frame limit of 50000 bytes");
			transport.write(new byte[] { 4 }, 0, 1);
			transport.flush();
		});
		assertThat(frames[0]).containsExactly(4);
	}

	@Test
	void aWriteWhoseSizeOutgrowsAnIntIsRefusedAndTheNextFrameIsClean() throws Exception {
		byte[][] frames = exchange(1, 50_000, (transport) -> {
			transport.write(filled(100, 1), 0, 100);
			// 104 + (2^31 - 1) bytes wrap to a negative int
			assertThatIllegalArgumentException().isThrownBy(() -> transport.write(new byte[1], 0, Integer.MAX_VALUE))
				.withMessageContaining("exceeds the frame limit of 50000 bytes");
			transport.write(new byte[] { 4 }, 0, 1);
			transport.flush();
		});
		assertThat(frames[0]).containsExactly(4);
	}

	private static byte[] filled(int length, int seed) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + seed);
		}
		return bytes;
	}

	private static byte[][] exchange(int frames, int maxFrameSize, Writes writes) throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<byte[][]> received = CompletableFuture.supplyAsync(() -> {
				try (Socket socket = server.accept();
						DataInputStream in = new DataInputStream(socket.getInputStream())) {
					byte[][] result = new byte[frames][];
					for (int i = 0; i < frames; i++) {
						result[i] = new byte[in.readInt()];
						in.readFully(result[i]);
					}
					return result;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			TSocket socket = new TSocket(new TConfiguration(), "127.0.0.1", server.getLocalPort(), 5000);
			FrameTransport transport = new FrameTransport(socket, maxFrameSize);
			transport.open();
			try {
				writes.run(transport);
			}
			finally {
				transport.close();
			}
			return received.get(10, TimeUnit.SECONDS);
		}
	}

	@FunctionalInterface
	private interface Writes {

		void run(FrameTransport transport) throws Exception;

	}

}
