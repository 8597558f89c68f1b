package io.github.iotdbtable.client.pool;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The bag under Lincheck's model checker, which runs each scenario in many interleavings,
 * switching threads at every shared read and write. Which entry a borrow gets, and
 * whether it gets one at all, depends on the interleaving, so there is no sequential
 * specification to hold the results to: every result is accepted, and the invariants are
 * checked at the end of each run, in {@link #validate()}. The operations borrow without
 * waiting (a timeout of 0), so no run parks forever.
 */
public class ConcurrentBagLincheckTests {

	private static final long PATIENCE = 1_000;

	private final BagHarness harness = new BagHarness(2, PATIENCE);

	/** A handle two threads may close at once. */
	private final AtomicReference<BagHarness.@Nullable Handle> shared = new AtomicReference<>();

	@Operation
	public String borrowAndGiveBackTwice() {
		AtomicReference<BagHarness.Outcome> outcome = new AtomicReference<>();
		BagHarness.Handle handle = this.harness.borrow(0, outcome);
		if (handle != null) {
			handle.close();
			handle.close();
		}
		return outcome.get().name();
	}

	@Operation
	public String borrowAndRemove() {
		AtomicReference<BagHarness.Outcome> outcome = new AtomicReference<>();
		BagHarness.Handle handle = this.harness.borrow(0, outcome);
		if (handle != null) {
			handle.discard();
		}
		return outcome.get().name();
	}

	/** Borrows and keeps the entry in {@link #shared}, when that is free. */
	@Operation
	public String borrowAndShare() {
		AtomicReference<BagHarness.Outcome> outcome = new AtomicReference<>();
		BagHarness.Handle handle = this.harness.borrow(0, outcome);
		if (handle != null && !this.shared.compareAndSet(null, handle)) {
			handle.close();
		}
		return outcome.get().name();
	}

	/** Closes the shared handle, maybe at the same time as another thread. */
	@Operation
	public boolean closeShared() {
		BagHarness.Handle handle = this.shared.get();
		return handle != null && handle.close();
	}

	@Operation
	public int evictIdle() {
		return this.harness.evictIdle();
	}

	@Operation
	public void fill() {
		this.harness.bag.fill(1);
	}

	/** From now on creations fail. */
	@Operation
	public void failCreations() {
		this.harness.failing = true;
	}

	/** Moves the clock past the patience: every waiter is now passed over too long. */
	@Operation
	public void tick() {
		this.harness.source.advance(PATIENCE);
	}

	@Operation
	public void closeBag() {
		this.harness.closeBag();
	}

	@Validate
	public void validate() {
		validate(this.harness, this.shared.get());
	}

	/**
	 * Checks the invariants, then gives the shared handle back and closes the bag: no
	 * entry may be left, and each entry created must have been closed once.
	 */
	static void validate(BagHarness harness, BagHarness.@Nullable Handle shared) {
		expectNone(harness.check(), "after the run");
		if (shared != null) {
			shared.close();
		}
		harness.closeBag();
		expectNone(harness.check(), "after closing");
		if (!harness.bag.entries().isEmpty()) {
			throw new AssertionError("entries left after closing: " + harness.bag.entries());
		}
	}

	private static void expectNone(List<String> problems, String when) {
		if (!problems.isEmpty()) {
			throw new AssertionError(when + ": " + problems);
		}
	}

	@Test
	void invariantsHoldInEveryExploredInterleaving() {
		new ModelCheckingOptions().iterations(20)
			.invocationsPerIteration(150)
			.threads(3)
			.actorsPerThread(3)
			.actorsBefore(1)
			.actorsAfter(1)
			.verifier(EpsilonVerifier.class)
			.check(ConcurrentBagLincheckTests.class);
	}

	@Test
	void aBorrowRacingCloseLeavesNoEntryUnclosed() {
		new ModelCheckingOptions().iterations(3)
			.invocationsPerIteration(300)
			.threads(2)
			.actorsPerThread(1)
			.actorsBefore(0)
			.actorsAfter(0)
			.verifier(EpsilonVerifier.class)
			.check(BorrowAgainstClose.class);
	}

	/**
	 * Only a borrow that waits for its own creation, and close: the borrower may find the
	 * new entry idle just as the bag closes.
	 */
	public static class BorrowAgainstClose {

		private final BagHarness harness = new BagHarness(1, PATIENCE);

		@Operation
		public boolean borrowAndGiveBack() {
			BagHarness.Handle handle = this.harness.borrow(0);
			return handle != null && handle.close();
		}

		@Operation
		public void closeBag() {
			this.harness.closeBag();
		}

		@Validate
		public void validate() {
			ConcurrentBagLincheckTests.validate(this.harness, null);
		}

	}

}
