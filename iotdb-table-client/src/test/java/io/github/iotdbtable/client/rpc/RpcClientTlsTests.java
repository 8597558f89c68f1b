package io.github.iotdbtable.client.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Connecting over TLS to a server that does not speak it: the TCP connection is closed
 * whatever fails, and the handshake is bounded as a whole, even without connect and read
 * timeouts.
 */
class RpcClientTlsTests {

	@AutoClose
	private final ServerSocket server;

	RpcClientTlsTests() throws IOException {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	@Test
	void aTlsLayerThatCannotBeCreatedLeavesNoConnectionOpen() throws Exception {
		CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
			try (Socket socket = this.server.accept(); InputStream in = socket.getInputStream()) {
				socket.setSoTimeout(5_000);
				return in.read();
			}
			catch (IOException ex) {
				return -2;
			}
		});
		assertThatExceptionOfType(TTransportException.class).isThrownBy(
				() -> RpcClient.connect(endpoint(), new RpcOptions(1_000, 1_000, false, 1024, new FailingFactory())))
			.withMessageContaining("no TLS here");
		assertThat(firstByte.get(10, TimeUnit.SECONDS)).as("the server sees the connection closed").isEqualTo(-1);
	}

	@Test
	void aHandshakeWithASilentServerEndsWithoutAnyTimeoutSet() {
		CompletableFuture.runAsync(() -> {
			try (Socket socket = this.server.accept()) {
				Thread.sleep(10_000);
			}
			catch (IOException | InterruptedException ex) {
				// the test is over
			}
		});
		RpcOptions noTimeouts = new RpcOptions(0, 0, false, 1024, (SSLSocketFactory) SSLSocketFactory.getDefault());
		assertThatExceptionOfType(TTransportException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
					() -> RpcClient.connect(endpoint(), noTimeouts, 300)))
			.withMessageContaining("TLS connection failed");
		assertThat(RpcClient.TLS_HANDSHAKE_TIMEOUT_MILLIS).isEqualTo(30_000);
	}

	@Test
	void aHandshakeThatTricklesIsBoundedAsAWhole() {
		CompletableFuture.runAsync(() -> {
			try (Socket socket = this.server.accept(); OutputStream out = socket.getOutputStream()) {
				// a handshake record of 16 KiB, sent a byte at a time: each read gets a
				// byte
				// well within the read timeout
				out.write(new byte[] { 22, 3, 3, 0x40, 0 });
				for (int i = 0; i < 16_384; i++) {
					Thread.sleep(50);
					out.write(0);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the client gave up
			}
		});
		RpcOptions noTimeouts = new RpcOptions(0, 0, false, 1024, (SSLSocketFactory) SSLSocketFactory.getDefault());
		long start = System.nanoTime();
		assertThatExceptionOfType(TTransportException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
					() -> RpcClient.connect(endpoint(), noTimeouts, 300)))
			.withMessage("TLS connection failed: the TLS handshake did not finish within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	private Endpoint endpoint() {
		return new Endpoint("127.0.0.1", this.server.getLocalPort());
	}

	/** A TLS layer that fails to be laid over a connection. */
	private static final class FailingFactory extends SSLSocketFactory {

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) {
			throw new IllegalStateException("no TLS here");
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return new String[0];
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return getDefaultCipherSuites();
		}

		// connecting by itself is not what a client asks of its TLS layer

		@Override
		public Socket createSocket(String host, int port) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
			return createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) {
			return createSocket(host.getHostAddress(), port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
			return createSocket(address, port);
		}

	}

}
