package io.github.iotdbtable.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.test.IoTDBCluster;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Borrowing a session from a {@link TableSessionPool} and giving it back, alone and with
 * 8 threads sharing 5 sessions. The sessions are connected to a real IoTDB (started here,
 * or the one named by {@code -Diotdb.nodeUrls=host:port}), but borrowing and returning an
 * unchanged session sends nothing to it.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class PoolBenchmark {

	private static final int POOL_SIZE = 5;

	private @Nullable IoTDBCluster cluster;

	private @Nullable TableSessionPool pool;

	@Setup(Level.Trial)
	public void start() {
		String nodeUrls = System.getProperty("iotdb.nodeUrls");
		TableSessionPoolConfig.Builder config;
		if (nodeUrls != null) {
			config = TableSessionPoolConfig.builder().nodeUrls(List.of(nodeUrls.split(",")));
		}
		else {
			IoTDBCluster started = IoTDBCluster.builder().build().start();
			this.cluster = started;
			config = started.poolConfig();
		}
		TableSessionPool created = new TableSessionPool(config.maxPoolSize(POOL_SIZE).build());
		this.pool = created;
		List<TableSession> sessions = new ArrayList<>();
		for (int i = 0; i < POOL_SIZE; i++) {
			sessions.add(created.getSession());
		}
		sessions.forEach(TableSession::close);
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@Threads(1)
	public TableSession borrowAndReturn() {
		return borrowAndReturnOnce();
	}

	@Benchmark
	@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
	@Threads(8)
	public TableSession borrowAndReturnEightThreadsFiveSessions() {
		return borrowAndReturnOnce();
	}

	private TableSession borrowAndReturnOnce() {
		TableSession session = this.pool.getSession();
		session.close();
		return session;
	}

}
