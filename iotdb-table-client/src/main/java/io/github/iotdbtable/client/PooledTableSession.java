package io.github.iotdbtable.client;

import java.util.concurrent.ScheduledFuture;

import io.github.iotdbtable.client.RetryPolicy.Kind;
import org.jspecify.annotations.Nullable;

/**
 * A session borrowed from a {@link TableSessionPool}: retries failed operations, follows
 * write redirection, and goes back to the pool when closed. See the pool's documentation
 * for what is retried.
 */
final class PooledTableSession implements TableSession {

	private final TableSessionPool pool;

	private @Nullable PoolEntry entry;

	private final long borrowedAt;

	private final @Nullable ScheduledFuture<?> leakWatch;

	PooledTableSession(TableSessionPool pool, PoolEntry entry, long borrowedAt,
			@Nullable ScheduledFuture<?> leakWatch) {
		this.pool = pool;
		this.entry = entry;
		this.borrowedAt = borrowedAt;
		this.leakWatch = leakWatch;
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
	 * Gives the session back to the pool. Idempotent.
	 */
	@Override
	public void close() {
		PoolEntry borrowed = this.entry;
		if (borrowed == null) {
			return;
		}
		this.entry = null;
		if (this.leakWatch != null) {
			this.leakWatch.cancel(false);
		}
		this.pool.release(borrowed, this.borrowedAt);
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
