package io.github.iotdbtable.client.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real server that counts the connections made through it: how
 * many times a client tried to connect, which the client's own counters cannot tell when
 * the attempts fail.
 */
final class CountingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final AtomicInteger connections = new AtomicInteger();

	private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

	CountingProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		start("accept", this::accept);
	}

	/** The {@code host:port} to connect to instead of the server. */
	String nodeUrl() {
		return "127.0.0.1:" + this.server.getLocalPort();
	}

	/** The connections accepted so far. */
	int connections() {
		return this.connections.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.connections.incrementAndGet();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				start("up", () -> relay(client, upstream));
				start("down", () -> relay(upstream, client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void relay(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// one side closed; the finally block closes the other
		}
		finally {
			try {
				from.close();
				to.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, "counting-proxy-" + name);
		thread.setDaemon(true);
		thread.start();
	}

}
