package io.github.iotdbtable.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The policies of {@link RetryPolicy#defaults()} and
 * {@link RetryPolicy#idempotentStatements(Predicate)}.
 */
final class DefaultRetryPolicy implements RetryPolicy {

	static final DefaultRetryPolicy DEFAULTS = new DefaultRetryPolicy((sql) -> false);

	/**
	 * The pause before the first retry that waits (for a node to come back, or a
	 * transient state to pass); it doubles on each further retry, up to 32 times.
	 */
	static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final Predicate<String> idempotent;

	DefaultRetryPolicy(Predicate<String> idempotent) {
		this.idempotent = idempotent;
	}

	@Override
	public @Nullable Duration retryAfter(Attempt attempt) {
		if (!attempt.requestSent() || attempt.transientRefusal()) {
			return backoff(attempt.number());
		}
		if (!attempt.connectionFailed()) {
			return null;
		}
		String sql = attempt.sql();
		boolean repeatable = switch (attempt.kind()) {
			case QUERY, INSERT -> true;
			case STATEMENT -> sql != null && this.idempotent.test(sql);
		};
		return repeatable ? Duration.ZERO : null;
	}

	static Duration backoff(int number) {
		return Duration.ofNanos(FIRST_BACKOFF_NANOS << Math.min(number - 1, 5));
	}

	@Override
	public String toString() {
		return (this == DEFAULTS) ? "RetryPolicy.defaults()"
				: "RetryPolicy.idempotentStatements(" + this.idempotent + ")";
	}

}
