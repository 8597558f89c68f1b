package io.github.iotdbtable.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's memory: a leader that could not be reached is neither learnt again nor
 * tried until its quarantine is over, and hints naming no valid endpoint are ignored.
 */
class InsertRouterTests {

	private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final InsertRouter router = new InsertRouter(this.now::get);

	private final Endpoint leader = new Endpoint("10.0.0.9", 6667);

	private final Endpoint other = new Endpoint("10.0.0.8", 6667);

	@Test
	void anUnreachableLeaderIsForgottenAndNotLearntAgainDuringItsQuarantine() {
		this.router.learn("d1", this.leader);
		this.router.learn("d2", this.leader);
		this.router.learn("d3", this.other);
		this.router.unreachable(this.leader);
		assertThat(this.router.leaders().leaderOf("d1")).isNull();
		assertThat(this.router.leaders().leaderOf("d2")).isNull();
		assertThat(this.router.leaders().leaderOf("d3")).isEqualTo(this.other);
		assertThat(this.router.isQuarantined(this.leader)).isTrue();

		this.router.learn("d1", this.leader);
		this.now.addAndGet(InsertRouter.QUARANTINE_NANOS - 1);
		this.router.learn("d2", this.leader);
		assertThat(this.router.leaders().leaderOf("d1")).isNull();
		assertThat(this.router.leaders().leaderOf("d2")).isNull();
		assertThat(this.router.isQuarantined(this.leader)).isTrue();
		assertThat(this.router.isQuarantined(this.other)).isFalse();

		this.now.incrementAndGet();
		assertThat(this.router.isQuarantined(this.leader)).isFalse();
		this.router.learn("d1", this.leader);
		assertThat(this.router.leaders().leaderOf("d1")).isEqualTo(this.leader);
	}

	@Test
	void aLeaderUnreachableAgainStartsANewQuarantine() {
		this.router.unreachable(this.leader);
		this.now.addAndGet(InsertRouter.QUARANTINE_NANOS);
		this.router.learn("d1", this.leader);
		this.router.unreachable(this.leader);
		this.now.addAndGet(InsertRouter.QUARANTINE_NANOS / 2);
		this.router.learn("d1", this.leader);
		assertThat(this.router.leaders().leaderOf("d1")).isNull();
	}

	@Test
	void theTimeSourceMayWrapAround() {
		this.now.set(Long.MAX_VALUE - 10);
		this.router.unreachable(this.leader);
		this.now.addAndGet(20); // wraps to a negative nanoTime
		assertThat(this.router.isQuarantined(this.leader)).isTrue();
	}

	@Test
	void endpointsThatNameNoNodeAreIgnored() {
		for (Endpoint invalid : new Endpoint[] { new Endpoint("", 6667), new Endpoint("  ", 6667), new Endpoint("h", 0),
				new Endpoint("h", -1), new Endpoint("h", 65_536) }) {
			assertThat(InsertRouter.isValid(invalid)).as(invalid.toString()).isFalse();
			this.router.learn("d1", invalid);
		}
		assertThat(this.router.leaders().isEmpty()).isTrue();
		assertThat(InsertRouter.isValid(new Endpoint("h", 1))).isTrue();
		assertThat(InsertRouter.isValid(new Endpoint("::1", 65_535))).isTrue();
	}

}
