package io.github.iotdbtable.client.rpc;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * Bounds a TLS handshake as a whole: a socket's read timeout bounds each read only, so a
 * server that sends a byte now and then would hold the handshake for ever. At the
 * deadline the TCP connection is closed, which ends the handshake.
 */
final class HandshakeDeadline {

	private HandshakeDeadline() {
	}

	/**
	 * Shakes hands, closing the connection when that takes longer than the timeout.
	 * @param tls the TLS socket
	 * @param plain the TCP connection under it
	 * @throws SocketTimeoutException when the deadline passed
	 */
	static void handshake(SSLSocket tls, Socket plain, int timeoutMillis) throws IOException {
		AtomicBoolean expired = new AtomicBoolean();
		ScheduledFuture<?> deadline = Timer.INSTANCE.schedule(() -> {
			expired.set(true);
			try {
				plain.close();
			}
			catch (IOException ex) {
				// closed already: the handshake ends either way
			}
		}, timeoutMillis, TimeUnit.MILLISECONDS);
		try {
			tls.startHandshake();
		}
		catch (IOException ex) {
			if (expired.get()) {
				throw timedOut(timeoutMillis, ex);
			}
			throw ex;
		}
		finally {
			deadline.cancel(false);
		}
		if (expired.get()) {
			// done just as the deadline closed the connection
			throw timedOut(timeoutMillis, null);
		}
	}

	private static SocketTimeoutException timedOut(int timeoutMillis, @Nullable Exception cause) {
		SocketTimeoutException ex = new SocketTimeoutException(
				"the TLS handshake did not finish within " + timeoutMillis + " ms");
		if (cause != null) {
			ex.initCause(cause);
		}
		return ex;
	}

	/** One daemon thread for all deadlines, made on the first TLS connection. */
	private static final class Timer {

		static final ScheduledExecutorService INSTANCE = create();

		private static ScheduledExecutorService create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "iotdb-tls-handshake-deadline");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

}
