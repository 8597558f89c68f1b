package io.github.iotdbtable.spring.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters of a {@link TableSessionPool}, each tagged with the pool's name
 * ({@code pool}):
 * <ul>
 * <li>{@code iotdb.table.pool.sessions} (gauge, tag {@code state}: {@code active} or
 * {@code idle})</li>
 * <li>{@code iotdb.table.pool.sessions.max} (gauge), {@code iotdb.table.pool.pending}
 * (gauge, threads waiting)</li>
 * <li>{@code iotdb.table.pool.created} and {@code iotdb.table.pool.timeouts}
 * (counters)</li>
 * <li>{@code iotdb.table.pool.acquire}, {@code iotdb.table.pool.usage},
 * {@code iotdb.table.pool.creation} (timers)</li>
 * </ul>
 * It is the pool's listener too, which feeds the timers; until it is bound to a registry
 * it records nothing.
 *
 * @since 0.1.0
 */
public class TableSessionPoolMetrics implements MeterBinder, TableSessionPoolListener {

	private static final String PREFIX = "iotdb.table.pool";

	private final ObjectProvider<TableSessionPool> pool;

	private volatile @Nullable Timer acquire;

	private volatile @Nullable Timer usage;

	private volatile @Nullable Timer creation;

	public TableSessionPoolMetrics(ObjectProvider<TableSessionPool> pool) {
		this.pool = pool;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TableSessionPool target = this.pool.getObject();
		Tags tags = Tags.of("pool", target.getConfig().getPoolName());
		gauge(registry, PREFIX + ".sessions", "Sessions borrowed", tags.and("state", "active"), target,
				(p) -> p.getStats().active());
		gauge(registry, PREFIX + ".sessions", "Sessions ready to be borrowed", tags.and("state", "idle"), target,
				(p) -> p.getStats().idle());
		gauge(registry, PREFIX + ".sessions.max", "Most sessions the pool holds", tags, target,
				(p) -> p.getConfig().getMaxPoolSize());
		gauge(registry, PREFIX + ".pending", "Threads waiting for a session", tags, target,
				(p) -> p.getStats().pending());
		FunctionCounter.builder(PREFIX + ".created", target, (p) -> p.getStats().totalCreated())
			.description("Connections opened")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder(PREFIX + ".timeouts", target, (p) -> p.getStats().timeouts())
			.description("Borrowers that gave up waiting for a session")
			.tags(tags)
			.register(registry);
		this.acquire = Timer.builder(PREFIX + ".acquire")
			.description("Time to borrow a session, waiting included")
			.tags(tags)
			.register(registry);
		this.usage = Timer.builder(PREFIX + ".usage")
			.description("Time a session is held")
			.tags(tags)
			.register(registry);
		this.creation = Timer.builder(PREFIX + ".creation")
			.description("Time to open a connection")
			.tags(tags)
			.register(registry);
	}

	@Override
	public void sessionAcquired(long waitNanos) {
		record(this.acquire, waitNanos);
	}

	@Override
	public void sessionReturned(long usageNanos) {
		record(this.usage, usageNanos);
	}

	@Override
	public void sessionCreated(long creationNanos) {
		record(this.creation, creationNanos);
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		record(this.acquire, waitNanos);
	}

	private static void record(@Nullable Timer timer, long nanos) {
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private static void gauge(MeterRegistry registry, String name, String description, Tags tags, TableSessionPool pool,
			ToDoubleFunction<TableSessionPool> value) {
		Gauge.builder(name, pool, value).description(description).tags(tags).register(registry);
	}

}
