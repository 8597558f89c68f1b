package io.github.iotdbtable.spring.metrics;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.iotdbtable.client.TableWriter;
import io.github.iotdbtable.client.TableWriterListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of one {@link TableWriter}, each tagged with the writer's name
 * ({@code writer}) unless other tags are given:
 * <ul>
 * <li>{@code iotdb.table.writer.buffered} and {@code iotdb.table.writer.buffered.max}
 * (gauges, rows)</li>
 * <li>{@code iotdb.table.writer.rows} (counter, tag {@code result}: {@code sent},
 * {@code failed} or {@code dropped})</li>
 * <li>{@code iotdb.table.writer.batch} (timer, tag {@code result}: {@code sent} or
 * {@code failed})</li>
 * </ul>
 * Binding adds a listener to the writer that feeds the timer from then on.
 *
 * @since 0.1.0
 */
public final class TableWriterMetrics implements MeterBinder {

	private static final String PREFIX = "iotdb.table.writer";

	private final TableWriter writer;

	private final Tags tags;

	/**
	 * Meters of a writer, tagged with its name.
	 * @param writer the writer
	 */
	public TableWriterMetrics(TableWriter writer) {
		this(writer, Tags.of("writer", writer.getConfig().getWriterName()));
	}

	/** The registries bound so far. */
	private final Set<MeterRegistry> bound = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * Meters of a writer with the given tags.
	 * @param writer the writer
	 * @param tags the tags of every meter
	 */
	public TableWriterMetrics(TableWriter writer, Iterable<Tag> tags) {
		this.writer = Objects.requireNonNull(writer, "writer");
		this.tags = Tags.of(tags);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.bound) {
			if (!this.bound.add(registry)) {
				return; // bound already: a second listener would count every batch twice
			}
		}
		TableWriter target = this.writer;
		Gauge.builder(PREFIX + ".buffered", target, (w) -> w.getStats().bufferedRows())
			.description("Rows taken and not yet written or handed to the failure handler")
			.baseUnit("rows")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(PREFIX + ".buffered.max", target, (w) -> w.getStats().maxBufferedRows())
			.description("Most rows the writer holds")
			.baseUnit("rows")
			.tags(this.tags)
			.register(registry);
		FunctionCounter.builder(PREFIX + ".rows", target, (w) -> w.getStats().sentRows())
			.description("Rows written")
			.baseUnit("rows")
			.tags(this.tags.and("result", "sent"))
			.register(registry);
		FunctionCounter.builder(PREFIX + ".rows", target, (w) -> w.getStats().failedRows())
			.description("Rows handed to the failure handler")
			.baseUnit("rows")
			.tags(this.tags.and("result", "failed"))
			.register(registry);
		FunctionCounter.builder(PREFIX + ".rows", target, (w) -> w.getStats().droppedRows())
			.description("Rows dropped because the writer was full")
			.baseUnit("rows")
			.tags(this.tags.and("result", "dropped"))
			.register(registry);
		Timer sent = Timer.builder(PREFIX + ".batch")
			.description("Time to send a batch, retries included")
			.tags(this.tags.and("result", "sent"))
			.register(registry);
		Timer failed = Timer.builder(PREFIX + ".batch")
			.description("Time to send a batch, retries included")
			.tags(this.tags.and("result", "failed"))
			.register(registry);
		target.addListener(new Timers(sent, failed));
	}

	/** Feeds the timers of one registry from the writer's events. */
	private record Timers(Timer sent, Timer failed) implements TableWriterListener {

		@Override
		public void batchSent(String table, int rows, long nanos) {
			this.sent.record(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void batchFailed(String table, int rows, long nanos) {
			this.failed.record(nanos, TimeUnit.NANOSECONDS);
		}

	}

}
