package io.github.iotdbtable.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.iotdbtable.client.RetryPolicy.Kind;
import org.jspecify.annotations.Nullable;

/**
 * A session borrowed from a {@link TableSessionPool}: retries failed operations, follows
 * write redirection, and goes back to the pool when closed. See the pool's documentation
 * for what is retried.
 */
final class PooledTableSession implements TableSession {

	private static final VarHandle ENTRY;

	static {
		try {
			ENTRY = MethodHandles.lookup().findVarHandle(PooledTableSession.class, "entry", PoolEntry.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final TableSessionPool pool;

	/** Null once given back; cleared by one atomic swap, so only one close returns it. */
	@SuppressWarnings("unused") // also through ENTRY
	private volatile @Nullable PoolEntry entry;

	private final long borrowedAt;

	PooledTableSession(TableSessionPool pool, PoolEntry entry, long borrowedAt) {
		this.pool = pool;
		this.entry = entry;
		this.borrowedAt = borrowedAt;
	}

	@Override
	public void insert(Tablet tablet) {
		insertTablet(tablet);
	}

	@Override
	public void insert(ColumnarTablet tablet) {
		insertTablet(tablet);
	}

	@Override
	public void executeNonQueryStatement(String sql) {
		Retrier.of(this.pool).run(entry(), Kind.STATEMENT, sql, 0, (session) -> {
			session.executeNonQueryStatement(sql);
			return Boolean.TRUE; // an operation yields a value; this one has none to give
		});
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql) {
		return Retrier.of(this.pool).run(entry(), Kind.QUERY, sql, 0, (session) -> session.executeQueryStatement(sql));
	}

	@Override
	public SessionDataSet executeQueryStatement(String sql, long timeoutInMs) {
		return Retrier.of(this.pool)
			.run(entry(), Kind.QUERY, sql, 0, (session) -> session.executeQueryStatement(sql, timeoutInMs));
	}

	@Override
	public @Nullable String getDatabase() {
		return entry().session.getDatabase();
	}

	@Override
	public TimestampPrecision getTimestampPrecision() {
		return entry().session.getTimestampPrecision();
	}

	@Override
	public boolean isOpen() {
		return this.entry != null;
	}

	/**
	 * Gives the session back to the pool. Idempotent, also when called from two threads
	 * at once: only one of them gives it back.
	 */
	@Override
	public void close() {
		PoolEntry borrowed = (PoolEntry) ENTRY.getAndSet(this, (PoolEntry) null);
		if (borrowed != null) {
			this.pool.release(borrowed, this.borrowedAt);
		}
	}

	@Override
	public String toString() {
		PoolEntry borrowed = this.entry;
		return "PooledTableSession{pool=" + this.pool.getConfig().getPoolName() + ", "
				+ ((borrowed != null) ? "session=" + borrowed.session : "returned") + "}";
	}

	private void insertTablet(TabletData tablet) {
		PoolEntry borrowed = entry();
		if (tablet.rowCount() == 0) {
			return;
		}
		long[] times = tablet.timestamps(borrowed.session.getTimestampPrecision());
		int[] order = TabletEncoder.TimeOrder.sortedOrder(times, tablet.rowCount());
		InsertRouter router = this.pool.router();
		if (router == null) {
			InsertRouter.insertDirect(this.pool, Retrier.of(this.pool), borrowed, tablet, times, order);
		}
		else {
			router.insert(this.pool, Retrier.of(this.pool), borrowed, tablet, times, order);
		}
	}

	private PoolEntry entry() {
		PoolEntry borrowed = this.entry;
		if (borrowed == null) {
			throw new IllegalStateException("this session was given back to pool '"
					+ this.pool.getConfig().getPoolName() + "'; borrow another one");
		}
		return borrowed;
	}

}
