package io.github.iotdbtable.samples.sensors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code sample.load.readings=N}: writes N readings from {@code sample.load.threads}
 * threads (4 by default) in batches of {@code sample.load.batch} (1,000), printing
 * progress and the rate, then lets the service run on.
 */
@Component
@Order(2)
@ConditionalOnProperty("sample.load.readings")
public class LoadGenerator implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(LoadGenerator.class);

	/** Generated readings start here (2020-09-13), apart from live ones. */
	private static final long ORIGIN = 1_600_000_000_000L;

	private final ReadingRepository readings;

	private final long total;

	private final int threads;

	private final int batch;

	public LoadGenerator(ReadingRepository readings, @Value("${sample.load.readings}") long total,
			@Value("${sample.load.threads:4}") int threads, @Value("${sample.load.batch:1000}") int batch) {
		this.readings = readings;
		this.total = total;
		this.threads = threads;
		this.batch = batch;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		run();
	}

	/**
	 * Writes the readings.
	 * @return the readings written per second
	 */
	public double run() throws Exception {
		AtomicLong written = new AtomicLong();
		long start = System.nanoTime();
		ExecutorService executor = Executors.newFixedThreadPool(this.threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < this.threads; t++) {
			int worker = t;
			workers.add(executor.submit(() -> {
				String device = "load-" + worker;
				long mine = this.total / this.threads + ((worker < this.total % this.threads) ? 1 : 0);
				for (long done = 0; done < mine;) {
					int size = (int) Math.min(this.batch, mine - done);
					List<Reading> batch = new ArrayList<>(size);
					for (int i = 0; i < size; i++) {
						// one millisecond per reading of a device, so that none
						// overwrites another
						batch.add(new Reading(device, "lab", "generator", Instant.ofEpochMilli(ORIGIN + done + i),
								20 + ThreadLocalRandom.current().nextGaussian(), 50.0));
					}
					this.readings.insert(batch);
					done += size;
					written.addAndGet(size);
				}
				return null;
			}));
		}
		executor.shutdown();
		while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
			logger.info("load: {} of {} readings, {} readings/s", written.get(), this.total,
					(long) rate(written.get(), start));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		double rate = rate(written.get(), start);
		logger.info("load: wrote {} readings from {} threads in {} ms: {} readings/s", written.get(), this.threads,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), (long) rate);
		return rate;
	}

	private static double rate(long count, long start) {
		double seconds = (System.nanoTime() - start) / 1e9;
		return (seconds > 0) ? count / seconds : 0;
	}

}
