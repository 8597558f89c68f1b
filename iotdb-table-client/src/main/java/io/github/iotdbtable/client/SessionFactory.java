package io.github.iotdbtable.client;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * Opens the sessions of a pool: chooses the node, counts and reports each connection.
 */
final class SessionFactory {

	private final String poolName;

	private final TableSessionConfig config;

	private final NodeSelector nodes;

	private final TableSessionPoolListener listener;

	private final LongAdder created = new LongAdder();

	/**
	 * @param listener a listener that does not throw
	 */
	SessionFactory(String poolName, TableSessionConfig config, TableSessionPoolListener listener) {
		this.poolName = poolName;
		this.config = config;
		this.nodes = new NodeSelector(config.endpoints());
		this.listener = listener;
	}

	/**
	 * Opens a session on the first node that answers, healthy nodes first.
	 * @param database the database to start in
	 */
	RpcTableSession open(@Nullable String database) {
		long start = System.nanoTime();
		IoTDBConnectionException failure = null;
		for (Endpoint endpoint : this.nodes.candidates()) {
			try {
				RpcTableSession session = RpcTableSession.open(this.config, endpoint, database);
				this.nodes.succeeded(endpoint);
				opened(start, session);
				return session;
			}
			catch (IoTDBConnectionException ex) {
				this.nodes.failed(endpoint);
				if (failure == null) {
					failure = new IoTDBConnectionException(
							"pool '" + this.poolName + "' cannot connect to any IoTDB node of "
									+ this.config.getNodeUrls() + ": " + ex.getMessage(),
							ex);
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw Objects.requireNonNull(failure);
	}

	/** Opens a session on one node, for inserts redirected there. */
	RpcTableSession open(Endpoint endpoint, @Nullable String database) {
		long start = System.nanoTime();
		RpcTableSession session = RpcTableSession.open(this.config, endpoint, database);
		opened(start, session);
		return session;
	}

	void nodeFailed(Endpoint endpoint) {
		this.nodes.failed(endpoint);
	}

	long created() {
		return this.created.sum();
	}

	private void opened(long start, RpcTableSession session) {
		this.created.increment();
		try {
			this.listener.sessionCreated(System.nanoTime() - start);
		}
		catch (Throwable ex) {
			// an Error from the listener: the session never reaches its caller
			session.close();
			throw ex;
		}
	}

}
