package io.github.iotdbtable.spring.metrics;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of one {@link TableSessionPool}, each tagged with the pool's name
 * ({@code pool}) unless other tags are given:
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
 * Binding adds a listener to the pool that feeds the timers from then on, for the pool's
 * life; binding the same registry again does nothing. The Spring Boot auto-configuration
 * binds every pool bean (and steps back when the application defines a
 * {@code TableSessionPoolMetrics} bean of its own); a pool made by hand is bound with
 * {@code new TableSessionPoolMetrics(pool).bindTo(registry)}. Bind each pool once: two
 * binders of one pool to one registry would both feed its timers.
 *
 * @since 0.1.0
 */
public final class TableSessionPoolMetrics implements MeterBinder {

	private static final String PREFIX = "iotdb.table.pool";

	private final TableSessionPool pool;

	private final Tags tags;

	/** The registries bound so far: binding one twice would count every event twice. */
	private final Set<MeterRegistry> bound = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * Meters of a pool, tagged with its name.
	 * @param pool the pool
	 */
	public TableSessionPoolMetrics(TableSessionPool pool) {
		this(pool, Tags.of("pool", pool.getConfig().getPoolName()));
	}

	/**
	 * Meters of a pool with the given tags.
	 * @param pool the pool
	 * @param tags the tags of every meter, which tell this pool's from others'
	 * @since 0.1.0
	 */
	public TableSessionPoolMetrics(TableSessionPool pool, Iterable<Tag> tags) {
		this.pool = Objects.requireNonNull(pool, "pool");
		this.tags = Tags.of(tags);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.bound) {
			if (!this.bound.add(registry)) {
				return;
			}
		}
		TableSessionPool target = this.pool;
		Tags tags = this.tags;
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
		Timer acquire = Timer.builder(PREFIX + ".acquire")
			.description("Time to borrow a session, waiting included")
			.tags(tags)
			.register(registry);
		Timer usage = Timer.builder(PREFIX + ".usage")
			.description("Time a session is held")
			.tags(tags)
			.register(registry);
		Timer creation = Timer.builder(PREFIX + ".creation")
			.description("Time to open a connection")
			.tags(tags)
			.register(registry);
		target.addListener(new Timers(acquire, usage, creation));
	}

	private static void gauge(MeterRegistry registry, String name, String description, Tags tags, TableSessionPool pool,
			ToDoubleFunction<TableSessionPool> value) {
		Gauge.builder(name, pool, value).description(description).tags(tags).register(registry);
	}

	/** Feeds the timers of one registry from the pool's events. */
	private record Timers(Timer acquire, Timer usage, Timer creation) implements TableSessionPoolListener {

		@Override
		public void sessionAcquired(long waitNanos) {
			this.acquire.record(waitNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void sessionReturned(long usageNanos) {
			this.usage.record(usageNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void sessionCreated(long creationNanos) {
			this.creation.record(creationNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void acquireTimedOut(long waitNanos) {
			this.acquire.record(waitNanos, TimeUnit.NANOSECONDS);
		}

	}

}
