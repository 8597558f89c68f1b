package io.github.iotdbtable.client.pool;

/**
 * One round of the pool's housekeeping, run every second: advances the pool's clock,
 * removes idle entries that outlived the idle timeout (above the minimum idle) or the
 * maximum lifetime, reports entries borrowed for longer than the leak threshold, and asks
 * for new entries up to the minimum idle. It never waits for I/O itself: closing and
 * creating are the owner's, on other threads.
 *
 * @param <E> the entries
 */
public final class Housekeeper<E extends ConcurrentBag.Entry> implements Runnable {

	private final ConcurrentBag<E> bag;

	private final CoarseClock clock;

	private final Settings settings;

	private final Actions<E> actions;

	public Housekeeper(ConcurrentBag<E> bag, CoarseClock clock, Settings settings, Actions<E> actions) {
		this.bag = bag;
		this.clock = clock;
		this.settings = settings;
		this.actions = actions;
	}

	@Override
	public void run() {
		this.clock.advance();
		if (this.bag.isClosed()) {
			return;
		}
		long now = this.clock.now();
		for (E entry : this.bag.entries()) {
			if (entry.isIdle()) {
				// the idle count is read again for each: borrowers take entries meanwhile
				boolean idleTooLong = this.settings.idleTimeoutNanos() != 0
						&& now - entry.returnedNanos() >= this.settings.idleTimeoutNanos()
						&& this.bag.idle() > this.settings.minIdle();
				if ((idleTooLong || expired(entry)) && this.bag.evict(entry)) {
					this.actions.close(entry);
				}
			}
			else if (entry.isInUse() && this.settings.leakThresholdNanos() != 0 && !entry.leakReported
					&& now - entry.borrowedNanos() >= this.settings.leakThresholdNanos()) {
				long borrowed = entry.borrowedNanos();
				if (this.actions.leaked(entry, now - borrowed) && entry.borrowedNanos() == borrowed) {
					// not when given back and borrowed again meanwhile: that borrow is
					// watched afresh
					entry.leakReported = true;
				}
			}
		}
		this.bag.fill(this.settings.minIdle());
	}

	/** Whether an entry has lived past the maximum lifetime, on the pool's clock. */
	public boolean expired(E entry) {
		return this.settings.maxLifetimeNanos() != 0
				&& this.clock.now() - entry.createdNanos() >= this.settings.maxLifetimeNanos();
	}

	/**
	 * The limits housekeeping enforces, in nanoseconds; zero turns one off.
	 *
	 * @param idleTimeoutNanos how long an entry may stay idle above {@code minIdle}
	 * @param maxLifetimeNanos how long an entry may live; it is removed when next idle
	 * @param minIdle the idle entries to keep
	 * @param leakThresholdNanos how long an entry may be borrowed before it is reported
	 */
	public record Settings(long idleTimeoutNanos, long maxLifetimeNanos, int minIdle, long leakThresholdNanos) {
	}

	/** What the owner does with the entries housekeeping picks. */
	public interface Actions<E> {

		/**
		 * An idle entry was removed from the bag: close it, preferably on another thread.
		 */
		void close(E entry);

		/**
		 * An entry has been borrowed for longer than the leak threshold.
		 * @return whether it was reported; it is not offered again for the same borrow
		 * then
		 */
		boolean leaked(E entry, long heldNanos);

	}

}
