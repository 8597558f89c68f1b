package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.github.iotdbtable.client.RetryPolicy.Attempt;
import io.github.iotdbtable.client.RetryPolicy.Kind;
import io.github.iotdbtable.client.rpc.Endpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation of a borrowed session, retrying it as the pool's {@link RetryPolicy}
 * decides: never after the thread was interrupted, never more than {@code maxRetry}
 * times. A broken connection is replaced by a new one, in the same database.
 */
final class Retrier {

	private static final Logger logger = LoggerFactory.getLogger(Retrier.class);

	private final RetryPolicy policy;

	private final int maxRetry;

	private final Opener opener;

	private final Consumer<Endpoint> nodeFailed;

	/**
	 * @param opener opens a new connection, on another node when there is one
	 * @param nodeFailed told of a node whose connection broke
	 */
	Retrier(RetryPolicy policy, int maxRetry, Opener opener, Consumer<Endpoint> nodeFailed) {
		this.policy = policy;
		this.maxRetry = maxRetry;
		this.opener = opener;
		this.nodeFailed = nodeFailed;
	}

	static Retrier of(TableSessionPool pool) {
		TableSessionPoolConfig config = pool.getConfig();
		return new Retrier(config.getRetryPolicy(), pool.maxRetry(), pool::openSession, pool::nodeFailed);
	}

	/**
	 * Runs the operation on the entry's session until it succeeds or is not to be
	 * retried.
	 * @param sql the query or statement, {@code null} for an insert
	 * @param failedBefore the attempts that already failed elsewhere
	 * @return what the operation returned
	 * @throws IoTDBException the last failure, when the operation is not retried
	 */
	<T> T run(PoolEntry borrowed, Kind kind, @Nullable String sql, int failedBefore, Operation<T> operation) {
		int failed = failedBefore;
		while (true) {
			RpcTableSession session = borrowed.session;
			if (!session.isOpen()) {
				try {
					session = reconnect(borrowed);
				}
				catch (IoTDBConnectionException ex) {
					// no node can be reached now, nothing was sent
					awaitRetry(new Attempt(kind, sql, ++failed, ex, false));
					continue;
				}
			}
			try {
				return operation.run(session);
			}
			catch (IoTDBConnectionException ex) {
				if (!Thread.currentThread().isInterrupted()) {
					// an interrupt says nothing about the node
					this.nodeFailed.accept(session.endpoint());
				}
				awaitRetry(new Attempt(kind, sql, ++failed, ex, true));
			}
			catch (StatementExecutionException ex) {
				awaitRetry(new Attempt(kind, sql, ++failed, ex, true));
			}
		}
	}

	/**
	 * Returns after the pause before the next attempt, or throws the failure when there
	 * is none.
	 * @throws IoTDBException the attempt's failure, or one saying the thread was
	 * interrupted during the pause (its interrupt flag is kept)
	 */
	void awaitRetry(Attempt attempt) {
		Duration pause = decide(attempt);
		if (pause == null) {
			throw attempt.failure();
		}
		// the failure's kind only: a server message may quote the statement, and a
		// statement may hold a password
		logger.debug("Retrying a failed {} (attempt {} of {}) after {} ms: {}", attempt.kind(), attempt.number() + 1,
				this.maxRetry + 1, pause.toMillis(), attempt.failure().getClass().getSimpleName());
		pause(pause, attempt.failure());
	}

	/**
	 * The pause before the next attempt, or {@code null} when there is to be none: the
	 * policy decides unless the thread was interrupted or the retries are spent.
	 */
	@Nullable Duration decide(Attempt attempt) {
		if (Thread.currentThread().isInterrupted() || attempt.number() > this.maxRetry) {
			return null;
		}
		return this.policy.retryAfter(attempt);
	}

	/** Replaces a broken connection with one to another node, in the same database. */
	private RpcTableSession reconnect(PoolEntry borrowed) {
		RpcTableSession replacement = this.opener.open(borrowed.session.getDatabase());
		borrowed.session = replacement;
		return replacement;
	}

	private static void pause(Duration pause, IoTDBException failure) {
		long nanos = pause.isNegative() ? 0 : saturatedNanos(pause);
		long deadline = System.nanoTime() + nanos;
		for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				throw new IoTDBException("interrupted while waiting to retry after: " + failure.getMessage(), failure);
			}
		}
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	/** Opens a connection for a borrowed session whose own one broke. */
	@FunctionalInterface
	interface Opener {

		RpcTableSession open(@Nullable String database);

	}

	/** One attempt of an operation, on the connection given. */
	@FunctionalInterface
	interface Operation<T> {

		T run(RpcTableSession session);

	}

}
