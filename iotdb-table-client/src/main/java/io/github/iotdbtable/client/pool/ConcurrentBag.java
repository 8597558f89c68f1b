package io.github.iotdbtable.client.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Slots for at most {@code capacity} entries, which borrowers take and give back, with
 * waiters served in the order they came.
 *
 * <p>
 * A borrower takes an idle entry by switching its state, with no lock. When none is idle
 * it queues as a waiter and, while the bag has room, asks the {@link Creator} for a new
 * entry; it then only parks. Everything a waiter gets is handed to it by a
 * compare-and-set of its outcome: an entry given back, a new entry, the failure to create
 * one, or the news that the bag closed. A giver whose compare-and-set fails (the waiter
 * timed out) tries the next waiter, so nothing handed is lost. A waiter passed over for
 * longer than the patience is handed the next entry given back, ahead of threads that
 * arrive later; until then a thread that finds an idle entry takes it, which keeps a busy
 * pool fast.
 *
 * <p>
 * Each step that makes an entry idle or frees room is followed by a look at the waiters,
 * and each waiter looks at the entries after it queued; with volatile state on both sides
 * one of the two always sees the other, so no waiter sleeps while an entry it could take
 * is idle.
 *
 * <p>
 * The bag does no I/O: creating entries, and closing those it gives up, is the owner's
 * job.
 *
 * @param <E> the entries
 */
public final class ConcurrentBag<E extends ConcurrentBag.Entry> {

	private static final VarHandle OUTCOME;

	static {
		try {
			OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The outcome of a waiter that left on its own. */
	private static final Object CANCELLED = new Object();

	/** The outcome handed to waiters when the bag closes. */
	private static final Object CLOSED = new Object();

	private final AtomicReferenceArray<E> slots;

	/** Entries in the slots plus creations under way; never above the capacity. */
	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger creating = new AtomicInteger();

	private final AtomicInteger waiterCount = new AtomicInteger();

	/** Waiters passed over for longer than the patience. */
	private final AtomicInteger starvingCount = new AtomicInteger();

	private final ReentrantLock waiterLock = new ReentrantLock();

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private final Creator creator;

	private final CoarseClock clock;

	private final long patienceNanos;

	private volatile boolean closed;

	/** Whether the last creation failed, or none has succeeded yet. */
	private volatile boolean failing = true;

	/**
	 * Creates an empty bag.
	 * @param capacity the most entries it holds, including those being created
	 * @param patienceNanos how long a waiter may be passed over before entries given back
	 * go to it first
	 * @param creator asked for a new entry when a waiter needs one and there is room
	 * @param clock stamps entries and times waits
	 */
	public ConcurrentBag(int capacity, long patienceNanos, Creator creator, CoarseClock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.slots = new AtomicReferenceArray<>(capacity);
		this.patienceNanos = patienceNanos;
		this.creator = creator;
		this.clock = clock;
	}

	/**
	 * Takes an entry: an idle one, one given back or newly created while this thread
	 * waits.
	 * @param timeoutNanos how long to wait
	 * @return the entry, now owned by the caller until {@link #requite} or
	 * {@link #remove}
	 * @throws TimeoutException when nothing came within the timeout
	 * @throws InterruptedException when the thread was interrupted while waiting; it then
	 * holds nothing
	 * @throws ExecutionException when an entry created for waiters failed; its cause is
	 * the creator's exception
	 * @throws IllegalStateException when the bag is closed
	 */
	public E borrow(long timeoutNanos) throws TimeoutException, InterruptedException, ExecutionException {
		E entry = poll();
		return (entry != null) ? entry : await(timeoutNanos);
	}

	/**
	 * Takes an idle entry if there is one and no waiter has been passed over for too
	 * long; never waits.
	 * @return the entry, now owned by the caller, or null
	 * @throws IllegalStateException when the bag is closed
	 */
	public @Nullable E poll() {
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		if (this.starvingCount.get() == 0) {
			E entry = scan((int) (Thread.currentThread().getId() % this.slots.length()));
			if (entry != null) {
				return handOut(entry);
			}
		}
		return null;
	}

	/**
	 * Takes back a borrowed entry that can be used again: hands it to a waiter passed
	 * over for too long, or makes it idle.
	 * @return false when the bag is closed: the entry is removed and the caller closes it
	 * @throws IllegalStateException when the entry is not borrowed
	 */
	public boolean requite(E entry) {
		if (entry.state() != Entry.IN_USE) {
			throw new IllegalStateException("the entry is not borrowed");
		}
		entry.returnedNanos = this.clock.now();
		while (true) {
			if (this.closed) {
				entry.setState(Entry.REMOVED);
				free(entry);
				return false;
			}
			if (this.waiterCount.get() > 0 && handOff(entry, true)) {
				return true;
			}
			entry.setState(Entry.IDLE);
			if (this.closed) {
				// close() may have swept the slots before the entry became idle
				return !(entry.transition(Entry.IDLE, Entry.REMOVED) && free(entry));
			}
			if (this.waiterCount.get() == 0) {
				return true;
			}
			// a waiter came after the first look: wake it to take the entry, or hand the
			// entry over when it has waited too long
			Waiter head = firstWaiter();
			if (head == null) {
				return true;
			}
			if (!starved(head)) {
				LockSupport.unpark(head.thread);
				return true;
			}
			if (!entry.transition(Entry.IDLE, Entry.IN_USE)) {
				return true; // another thread took it
			}
		}
	}

	/**
	 * Removes a borrowed entry that must not be used again, freeing its room; the caller
	 * closes it.
	 */
	public void remove(E entry) {
		if (entry.state() != Entry.IN_USE) {
			throw new IllegalStateException("the entry is not borrowed");
		}
		entry.setState(Entry.REMOVED);
		free(entry);
		requestCreation();
	}

	/**
	 * Removes an entry if it is idle, as the housekeeper does with idle and old entries.
	 * @return whether it was removed; the caller then closes it
	 */
	public boolean evict(E entry) {
		if (!entry.transition(Entry.IDLE, Entry.REMOVED)) {
			return false;
		}
		free(entry);
		requestCreation();
		return true;
	}

	/**
	 * Adds an entry the creator made: it goes to a waiter or becomes idle.
	 * @return false when the bag closed meanwhile: the caller closes the entry
	 */
	public boolean add(E entry) {
		long now = this.clock.now();
		entry.createdNanos = now;
		entry.returnedNanos = now;
		entry.setState(Entry.IN_USE);
		install(entry);
		this.failing = false;
		this.creating.decrementAndGet();
		return requite(entry);
	}

	/**
	 * Reports that the creator could not make an entry: its room is freed and the failure
	 * goes to the first waiter.
	 * @return whether a waiter got the failure
	 */
	public boolean createFailed(RuntimeException failure) {
		this.failing = true;
		this.creating.decrementAndGet();
		this.total.decrementAndGet();
		boolean handed = handOff(new Failure(failure), false);
		// each remaining waiter gets an attempt of its own rather than its whole timeout
		requestCreation();
		return handed;
	}

	/**
	 * Asks for new entries until {@code minIdle} are idle or being created. Until a
	 * creation has succeeded, and again after one failed, it asks for one at a time, so
	 * that a call per housekeeping round paces the attempts against a server that refuses
	 * them; a creator that fails at once is not asked again in the same call.
	 */
	public void fill(int minIdle) {
		for (int asked = 0; asked < minIdle && (asked == 0 || !this.failing) && !this.closed
				&& idle() + this.creating.get() < minIdle && reserve(); asked++) {
			this.creating.incrementAndGet();
			startCreation();
		}
	}

	/**
	 * Closes the bag: waiters are told, later borrowers refused, and the idle entries
	 * removed. Entries still borrowed are removed when given back.
	 * @return the entries removed, for the caller to close
	 */
	public List<E> close() {
		this.closed = true;
		while (true) {
			Waiter waiter = pollWaiter();
			if (waiter == null) {
				break;
			}
			if (OUTCOME.compareAndSet(waiter, null, CLOSED)) {
				LockSupport.unpark(waiter.thread);
			}
		}
		List<E> removed = new ArrayList<>();
		for (int i = 0; i < this.slots.length(); i++) {
			E entry = this.slots.get(i);
			if (entry != null && entry.transition(Entry.IDLE, Entry.REMOVED) && free(entry)) {
				removed.add(entry);
			}
		}
		return removed;
	}

	public boolean isClosed() {
		return this.closed;
	}

	/** The entries in the bag now, in any state. */
	public List<E> entries() {
		List<E> entries = new ArrayList<>(this.slots.length());
		for (int i = 0; i < this.slots.length(); i++) {
			E entry = this.slots.get(i);
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	public int idle() {
		return count(Entry.IDLE);
	}

	public int inUse() {
		return count(Entry.IN_USE);
	}

	public int waiting() {
		return this.waiterCount.get();
	}

	/** Entries in the slots plus creations under way. */
	public int total() {
		return this.total.get();
	}

	public int creating() {
		return this.creating.get();
	}

	public int capacity() {
		return this.slots.length();
	}

	private E await(long timeoutNanos) throws TimeoutException, InterruptedException, ExecutionException {
		long start = this.clock.precise();
		Waiter waiter = new Waiter(Thread.currentThread(), start);
		enqueue(waiter);
		boolean served = false;
		try {
			while (true) {
				Object outcome = waiter.outcome;
				if (outcome == null) {
					if (this.closed) {
						outcome = cancel(waiter) ? CLOSED : waiter.outcome;
					}
					else if (anyIdle()) {
						// leave the queue before taking an entry, so nothing is
						// handed to this waiter while it holds one: once the bag has
						// closed, an entry given back could not be given up any more
						if (cancel(waiter)) {
							E found = scan(0);
							if (found != null) {
								served = true;
								return handOut(found);
							}
							// another thread took it first: queue again, at the front,
							// where a waiter woken to look usually was
							leave(waiter, true);
							waiter = new Waiter(waiter.thread, start);
							enqueue(waiter, true);
							continue;
						}
						outcome = waiter.outcome; // handed something at the same moment
					}
					else {
						// on every round, not once: an entry created for the waiters
						// may have gone to a thread that never waited
						requestCreation();
						// asking may have waited for a lock, which can use up the wake
						// meant for this waiter: look again before parking
						outcome = waiter.outcome;
						if (outcome == null && anyIdle()) {
							continue;
						}
					}
				}
				if (outcome != null) {
					E entry = receive(outcome);
					served = true;
					return entry;
				}
				long now = this.clock.precise();
				long waited = now - start;
				long remaining = timeoutNanos - waited;
				if (remaining <= 0) {
					if (cancel(waiter)) {
						throw new TimeoutException();
					}
					continue; // handed something at the deadline: take it
				}
				if (!waiter.starving && waited >= this.patienceNanos) {
					waiter.starving = true;
					this.starvingCount.incrementAndGet();
				}
				LockSupport.parkNanos(this,
						waiter.starving ? remaining : Math.min(remaining, this.patienceNanos - waited));
				if (Thread.interrupted()) {
					if (cancel(waiter)) {
						throw new InterruptedException();
					}
					// served meanwhile: take it and keep the interrupt for the caller
					Thread.currentThread().interrupt();
				}
			}
		}
		finally {
			leave(waiter, served);
		}
	}

	@SuppressWarnings("unchecked")
	private E receive(Object outcome) throws ExecutionException {
		if (outcome instanceof Failure failure) {
			throw new ExecutionException(failure.cause());
		}
		if (outcome == CLOSED) {
			throw new IllegalStateException("closed");
		}
		return handOut((E) outcome);
	}

	private E handOut(E entry) {
		entry.borrowedNanos = this.clock.now();
		entry.leakReported = false;
		return entry;
	}

	private static boolean cancel(Waiter waiter) {
		return OUTCOME.compareAndSet(waiter, null, CANCELLED);
	}

	private void enqueue(Waiter waiter) {
		enqueue(waiter, false);
	}

	private void enqueue(Waiter waiter, boolean first) {
		this.waiterLock.lock();
		try {
			if (first) {
				this.waiters.addFirst(waiter);
			}
			else {
				this.waiters.addLast(waiter);
			}
			this.waiterCount.incrementAndGet();
		}
		finally {
			this.waiterLock.unlock();
		}
	}

	private void leave(Waiter waiter, boolean served) {
		this.waiterLock.lock();
		try {
			if (this.waiters.remove(waiter)) {
				this.waiterCount.decrementAndGet();
			}
		}
		finally {
			this.waiterLock.unlock();
		}
		if (waiter.starving) {
			this.starvingCount.decrementAndGet();
		}
		// the entry this waiter got may have been created for another, which still needs
		// one
		requestCreation();
		if (this.waiterCount.get() > 0 && (!served || anyIdle())) {
			// this waiter may have been woken for an entry it did not take, or two
			// wake-ups for two entries may have come as one: pass the wake on
			Waiter head = firstWaiter();
			if (head != null) {
				LockSupport.unpark(head.thread);
			}
		}
	}

	private @Nullable Waiter firstWaiter() {
		this.waiterLock.lock();
		try {
			return this.waiters.peekFirst();
		}
		finally {
			this.waiterLock.unlock();
		}
	}

	private @Nullable Waiter pollWaiter() {
		this.waiterLock.lock();
		try {
			Waiter waiter = this.waiters.pollFirst();
			if (waiter != null) {
				this.waiterCount.decrementAndGet();
			}
			return waiter;
		}
		finally {
			this.waiterLock.unlock();
		}
	}

	/**
	 * Gives something to the first waiter that still waits.
	 * @param onlyStarving give it only to a waiter passed over for longer than the
	 * patience
	 * @return whether a waiter took it
	 */
	private boolean handOff(Object gift, boolean onlyStarving) {
		while (this.waiterCount.get() > 0) {
			Waiter head;
			this.waiterLock.lock();
			try {
				head = this.waiters.peekFirst();
				if (head == null || (onlyStarving && head.outcome == null && !starved(head))) {
					return false;
				}
				this.waiters.pollFirst();
				this.waiterCount.decrementAndGet();
			}
			finally {
				this.waiterLock.unlock();
			}
			if (OUTCOME.compareAndSet(head, null, gift)) {
				LockSupport.unpark(head.thread);
				return true;
			}
			// it left on its own: try the next
		}
		return false;
	}

	private boolean starved(Waiter waiter) {
		return waiter.starving || this.clock.precise() - waiter.since >= this.patienceNanos;
	}

	/**
	 * Asks for one more entry when fewer are being created than threads wait, and there
	 * is room. The count of creations is raised by compare-and-set before the room is
	 * taken, so two threads that see the same shortfall ask once.
	 */
	private void requestCreation() {
		while (!this.closed && this.total.get() < this.slots.length()) {
			int current = this.creating.get();
			if (current >= this.waiterCount.get()) {
				return;
			}
			if (this.creating.compareAndSet(current, current + 1)) {
				if (reserve()) {
					startCreation();
					return;
				}
				// the room went meanwhile: give the count back and look again, in case
				// room was freed while it was raised
				this.creating.decrementAndGet();
			}
		}
	}

	/**
	 * Asks the creator for an entry; the room and the count of creations are taken. What
	 * the creator throws, an Error included, goes to a waiter as the failure of this
	 * creation: asking happens in cleanup paths too, which must not be cut short.
	 */
	private void startCreation() {
		try {
			this.creator.create();
		}
		catch (RuntimeException ex) {
			createFailed(ex);
		}
		catch (Error ex) {
			createFailed(new IllegalStateException("asking for a new entry failed: " + ex, ex));
		}
	}

	private boolean reserve() {
		int capacity = this.slots.length();
		while (true) {
			int current = this.total.get();
			if (current >= capacity || this.closed) {
				return false;
			}
			if (this.total.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	private @Nullable E scan(int start) {
		int size = this.slots.length();
		for (int i = 0; i < size; i++) {
			int index = start + i;
			E entry = this.slots.get((index < size) ? index : index - size);
			if (entry != null && entry.transition(Entry.IDLE, Entry.IN_USE)) {
				return entry;
			}
		}
		return null;
	}

	private boolean anyIdle() {
		for (int i = 0; i < this.slots.length(); i++) {
			E entry = this.slots.get(i);
			if (entry != null && entry.isIdle()) {
				return true;
			}
		}
		return false;
	}

	private void install(E entry) {
		// the entry's room was reserved, so a slot is free or about to be
		while (true) {
			for (int i = 0; i < this.slots.length(); i++) {
				if (this.slots.get(i) == null && this.slots.compareAndSet(i, null, entry)) {
					return;
				}
			}
			Thread.onSpinWait();
		}
	}

	/** Frees the slot of a removed entry and its room. */
	private boolean free(E entry) {
		for (int i = 0; i < this.slots.length(); i++) {
			if (this.slots.compareAndSet(i, entry, null)) {
				this.total.decrementAndGet();
				return true;
			}
		}
		return false;
	}

	private int count(int state) {
		int count = 0;
		for (int i = 0; i < this.slots.length(); i++) {
			E entry = this.slots.get(i);
			if (entry != null && entry.state() == state) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Makes entries for the bag. {@link #create()} is called with room reserved, and must
	 * end, now or later on another thread, in exactly one {@link ConcurrentBag#add} or
	 * {@link ConcurrentBag#createFailed}.
	 */
	@FunctionalInterface
	public interface Creator {

		void create();

	}

	/**
	 * What the bag holds. The bag owns the state and the stamps; subclasses add the
	 * payload.
	 */
	public abstract static class Entry {

		static final int IDLE = 0;

		static final int IN_USE = 1;

		static final int REMOVED = 2;

		private static final VarHandle STATE;

		static {
			try {
				STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		@SuppressWarnings("unused") // through STATE
		private volatile int state = IN_USE;

		// plain fields: written by the owner before the state change that publishes them;
		// the housekeeper may read a stale borrow stamp, which delays a leak warning by a
		// round at most
		long createdNanos;

		long returnedNanos;

		long borrowedNanos;

		boolean leakReported;

		public final boolean isIdle() {
			return state() == IDLE;
		}

		public final boolean isInUse() {
			return state() == IN_USE;
		}

		public final boolean isRemoved() {
			return state() == REMOVED;
		}

		/** When the bag got the entry, on the pool's clock. */
		public final long createdNanos() {
			return this.createdNanos;
		}

		/** When the entry was last given back (or added), on the pool's clock. */
		public final long returnedNanos() {
			return this.returnedNanos;
		}

		/** When the entry was last handed out, on the pool's clock. */
		public final long borrowedNanos() {
			return this.borrowedNanos;
		}

		/**
		 * Restarts the leak watch of this borrow, with a precise stamp: for the time the
		 * owner hands the entry on, after its own checks, and for a leak watch shorter
		 * than the coarse clock's step.
		 */
		public final void borrowedAt(long nanos) {
			this.borrowedNanos = nanos;
			this.leakReported = false;
		}

		final int state() {
			return (int) STATE.getVolatile(this);
		}

		final void setState(int state) {
			STATE.setVolatile(this, state);
		}

		final boolean transition(int from, int to) {
			return STATE.compareAndSet(this, from, to);
		}

	}

	/** A thread waiting for an entry. */
	private static final class Waiter {

		final Thread thread;

		final long since;

		/** Set by the waiting thread once it has waited longer than the patience. */
		volatile boolean starving;

		/** Null while waiting; set once, by compare-and-set. */
		@SuppressWarnings("unused") // through OUTCOME
		volatile @Nullable Object outcome;

		Waiter(Thread thread, long since) {
			this.thread = thread;
			this.since = since;
		}

	}

	private record Failure(RuntimeException cause) {
	}

}
