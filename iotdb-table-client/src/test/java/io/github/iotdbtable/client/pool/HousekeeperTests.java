package io.github.iotdbtable.client.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** One round of housekeeping at a time, on a clock the test moves. */
class HousekeeperTests {

	private static final long LIMIT = 1_000;

	private final BagHarness harness = new BagHarness(3, Long.MAX_VALUE);

	private final List<TestEntry> closed = new ArrayList<>();

	private final List<TestEntry> leaked = new ArrayList<>();

	private Housekeeper<TestEntry> housekeeper(long idleTimeout, long maxLifetime, int minIdle, long leakThreshold) {
		return new Housekeeper<>(this.harness.bag, this.harness.clock,
				new Housekeeper.Settings(idleTimeout, maxLifetime, minIdle, leakThreshold),
				new Housekeeper.Actions<>() {

					@Override
					public void close(TestEntry entry) {
						HousekeeperTests.this.harness.ledger.close(entry);
						HousekeeperTests.this.closed.add(entry);
					}

					@Override
					public boolean leaked(TestEntry entry, long heldNanos) {
						assertThat(heldNanos).isGreaterThanOrEqualTo(LIMIT);
						HousekeeperTests.this.leaked.add(entry);
						return true;
					}

				});
	}

	private void later(long nanos) {
		this.harness.source.advance(nanos);
	}

	@Test
	void fillsToTheMinimumIdle() {
		housekeeper(0, 0, 2, 0).run();
		assertThat(this.harness.bag.idle()).isEqualTo(2);
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void aCreatorThatFailsAtOnceEndsTheRound() {
		this.harness.failing = true;
		assertTimeoutPreemptively(Duration.ofSeconds(5), housekeeper(0, 0, 2, 0)::run);
		assertThat(this.harness.bag.total()).isZero();
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void whileCreationsFailEachRoundAsksForOneAndFillsOnceTheyWorkAgain() {
		Housekeeper<TestEntry> housekeeper = housekeeper(0, 0, 3, 0);
		this.harness.failing = true;
		housekeeper.run(); // one attempt a round until one succeeds
		assertThat(this.harness.asked.get()).isEqualTo(1);
		housekeeper.run();
		housekeeper.run();
		assertThat(this.harness.asked.get()).isEqualTo(3);
		this.harness.failing = false;
		housekeeper.run(); // once one succeeds, the same round asks for the rest
		assertThat(this.harness.bag.idle()).isEqualTo(3);
		assertThat(this.harness.asked.get()).isEqualTo(6);
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void removesEntriesIdlePastTheTimeoutDownToTheMinimumIdle() {
		this.harness.bag.fill(3);
		assertThat(this.harness.bag.idle()).isEqualTo(3);
		Housekeeper<TestEntry> housekeeper = housekeeper(LIMIT, 0, 1, 0);

		later(LIMIT - 1);
		housekeeper.run();
		assertThat(this.closed).isEmpty();

		later(1);
		housekeeper.run();
		assertThat(this.closed).hasSize(2);
		assertThat(this.harness.bag.idle()).isEqualTo(1);
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void keepsABorrowedEntryIdleTooLongAndRemovesItOnlyOnceIdleAgain() {
		this.harness.bag.fill(2);
		BagHarness.Handle handle = this.harness.borrow(0);
		Housekeeper<TestEntry> housekeeper = housekeeper(LIMIT, 0, 0, 0);
		later(LIMIT);
		housekeeper.run();
		assertThat(this.closed).hasSize(1);
		assertThat(handle).isNotNull();
		handle.close();
		later(LIMIT);
		housekeeper.run();
		assertThat(this.closed).hasSize(2);
		assertThat(this.harness.bag.entries()).isEmpty();
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void removesEntriesPastTheMaximumLifetimeAndFillsAgain() {
		Housekeeper<TestEntry> housekeeper = housekeeper(0, LIMIT, 2, 0);
		housekeeper.run();
		List<TestEntry> old = this.harness.bag.entries();
		assertThat(old).hasSize(2);
		BagHarness.Handle handle = this.harness.borrow(0);
		assertThat(handle).isNotNull();

		later(LIMIT);
		housekeeper.run();
		assertThat(this.closed).as("the idle one; the borrowed one stays until given back").hasSize(1);
		TestEntry borrowed = old.stream().filter(ConcurrentBag.Entry::isInUse).findFirst().orElseThrow();
		assertThat(housekeeper.expired(borrowed)).isTrue();
		assertThat(this.harness.bag.idle()).as("filled again").isEqualTo(2);
		assertThat(this.harness.bag.entries()).doesNotContainAnyElementsOf(this.closed);

		handle.close();
		housekeeper.run();
		assertThat(this.closed).containsExactlyInAnyOrderElementsOf(old);
		assertThat(this.harness.check()).isEmpty();
	}

	@Test
	void reportsALeakOncePerBorrow() {
		Housekeeper<TestEntry> housekeeper = housekeeper(0, 0, 0, LIMIT);
		this.harness.bag.fill(1);
		TestEntry entry = this.harness.bag.entries().get(0);
		BagHarness.Handle first = this.harness.borrow(0);
		assertThat(first).isNotNull();

		later(LIMIT - 1);
		housekeeper.run();
		assertThat(this.leaked).isEmpty();
		later(1);
		housekeeper.run();
		later(LIMIT);
		housekeeper.run();
		assertThat(this.leaked).hasSize(1);

		first.close();
		BagHarness.Handle second = this.harness.borrow(0);
		assertThat(second).isNotNull();
		later(LIMIT);
		housekeeper.run();
		assertThat(this.leaked).hasSize(2).containsOnly(entry);
	}

	@Test
	void doesNothingOnceTheBagIsClosed() {
		this.harness.bag.fill(2);
		this.harness.closeBag();
		later(LIMIT);
		housekeeper(LIMIT, LIMIT, 3, LIMIT).run();
		assertThat(this.closed).isEmpty();
		assertThat(this.harness.bag.entries()).isEmpty();
		assertThat(this.harness.check()).isEmpty();
	}

}
