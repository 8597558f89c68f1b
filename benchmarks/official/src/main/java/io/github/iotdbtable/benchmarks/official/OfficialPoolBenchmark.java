package io.github.iotdbtable.benchmarks.official;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.iotdb.isession.ITableSession;
import org.apache.iotdb.isession.pool.ITableSessionPool;
import org.apache.iotdb.session.pool.TableSessionPoolBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The official client's table session pool, borrowed and given back, alone and with 8
 * threads sharing 5 sessions: the counterpart of
 * {@code io.github.iotdbtable.benchmarks.PoolBenchmark}. Needs {@code -Diotdb.nodeUrls}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OfficialPoolBenchmark {

	private static final int POOL_SIZE = 5;

	private ITableSessionPool pool;

	@Setup(Level.Trial)
	public void start() throws Exception {
		String nodeUrls = System.getProperty("iotdb.nodeUrls");
		if (nodeUrls == null) {
			throw new IllegalStateException("set -Diotdb.nodeUrls=host:port");
		}
		this.pool = new TableSessionPoolBuilder().nodeUrls(List.of(nodeUrls.split(","))).maxSize(POOL_SIZE).build();
		List<ITableSession> sessions = new ArrayList<>();
		for (int i = 0; i < POOL_SIZE; i++) {
			sessions.add(this.pool.getSession());
		}
		for (ITableSession session : sessions) {
			session.close();
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.pool.close();
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@Threads(1)
	public ITableSession borrowAndReturn() throws Exception {
		return borrowAndReturnOnce();
	}

	@Benchmark
	@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
	@Threads(8)
	public ITableSession borrowAndReturnEightThreadsFiveSessions() throws Exception {
		return borrowAndReturnOnce();
	}

	private ITableSession borrowAndReturnOnce() throws Exception {
		ITableSession session = this.pool.getSession();
		session.close();
		return session;
	}

}
