package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a session borrowed from a {@link TableSessionPool} retries an operation
 * that failed, and after which pause. The pool asks it after each failed attempt, except
 * when the calling thread was interrupted (never retried) or the operation was already
 * retried {@link TableSessionPoolConfig#getMaxRetry() maxRetry} times.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RetryPolicy {

	/**
	 * Decides about one failed attempt.
	 * @param attempt the operation and how it failed
	 * @return the pause before the next attempt ({@link Duration#ZERO} for none), or
	 * {@code null} to give up and throw the failure
	 */
	@Nullable Duration retryAfter(Attempt attempt);

	/**
	 * The default policy: retries what cannot be applied twice by mistake.
	 * <ul>
	 * <li>any operation whose connection could not be opened (nothing was sent), after a
	 * pause;</li>
	 * <li>any operation the server refused with {@code needRetry} set
	 * ({@link StatementExecutionException#isTransient()}), after a pause;</li>
	 * <li>an insert or a query whose connection broke in flight, at once on a new
	 * connection: a repeated insert overwrites itself, a query only reads.</li>
	 * </ul>
	 * A non-query statement whose connection broke in flight is not retried: the server
	 * may have applied it.
	 * @return the default policy
	 */
	static RetryPolicy defaults() {
		return DefaultRetryPolicy.DEFAULTS;
	}

	/**
	 * The {@link #defaults() default policy}, which also retries a non-query statement
	 * whose connection broke in flight when the predicate declares it idempotent (safe to
	 * apply twice), such as {@code CREATE TABLE IF NOT EXISTS}.
	 * @param idempotent tells the idempotent statements by their SQL
	 * @return the policy
	 */
	static RetryPolicy idempotentStatements(Predicate<String> idempotent) {
		return new DefaultRetryPolicy(Objects.requireNonNull(idempotent, "idempotent"));
	}

	/** What an operation does, as far as retrying it is concerned. */
	enum Kind {

		/**
		 * A query, before any of its rows was read: whatever is run with
		 * {@code executeQueryStatement}, which the default policy treats as a read.
		 * Fetching later pages is never retried.
		 */
		QUERY,

		/** An insert of a tablet: repeating it overwrites the same values. */
		INSERT,

		/** A non-query statement, which may not be safe to apply twice. */
		STATEMENT

	}

	/**
	 * One failed attempt of an operation.
	 *
	 * @param kind what the operation does
	 * @param sql the query or statement; {@code null} for an insert
	 * @param number the attempt that failed, 1 for the first
	 * @param failure how it failed
	 * @param requestSent whether the request may have reached the server; {@code false}
	 * when no connection could be opened for it
	 */
	record Attempt(Kind kind, @Nullable String sql, int number, IoTDBException failure, boolean requestSent) {

		public Attempt {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(failure, "failure");
			if (number < 1) {
				throw new IllegalArgumentException("number must be at least 1, was " + number);
			}
		}

		/** Leaves out the SQL, which may hold a password, and the failure's message. */
		@Override
		public String toString() {
			return "Attempt[kind=" + this.kind + ", number=" + this.number + ", failure="
					+ this.failure.getClass().getSimpleName() + ", requestSent=" + this.requestSent + "]";
		}

		/**
		 * Whether the connection failed, rather than the server refusing the request.
		 * @return whether the failure is an {@link IoTDBConnectionException}
		 */
		public boolean connectionFailed() {
			return this.failure instanceof IoTDBConnectionException;
		}

		/**
		 * Whether the server refused the request as transient ({@code needRetry}).
		 * @return whether the failure is a transient {@link StatementExecutionException}
		 */
		public boolean transientRefusal() {
			return this.failure instanceof StatementExecutionException refusal && refusal.isTransient();
		}

	}

}
