package io.github.iotdbtable.spring.health;

import java.time.Duration;

import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolStats;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of IoTDB: asks the server its version over a connection of its own, so that
 * a busy pool does not make the server look down, with connect and read bounded by a
 * timeout. Adds the pool's counts.
 *
 * @since 0.1.0
 */
public class IoTDBHealthIndicator extends AbstractHealthIndicator {

	private final TableSessionPool pool;

	private final TableSessionConfig config;

	public IoTDBHealthIndicator(TableSessionPool pool, Duration timeout) {
		super("IoTDB health check failed");
		this.pool = pool;
		TableSessionConfig sessions = pool.getConfig().getSessionConfig();
		Duration connect = (sessions.getConnectTimeout().isZero()
				|| sessions.getConnectTimeout().compareTo(timeout) > 0) ? timeout : sessions.getConnectTimeout();
		this.config = sessions.toBuilder().connectTimeout(connect).readTimeout(timeout).queryTimeout(timeout).build();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		TableSessionPoolStats stats = this.pool.getStats();
		builder.withDetail("pool", this.pool.getConfig().getPoolName())
			.withDetail("active", stats.active())
			.withDetail("idle", stats.idle())
			.withDetail("max", stats.maxPoolSize())
			.withDetail("pending", stats.pending());
		try (TableSession session = TableSession.open(this.config);
				SessionDataSet rows = session.executeQueryStatement("SHOW VERSION")) {
			Row row = rows.next();
			builder.up().withDetail("version", String.valueOf(row.getObject(rows.findColumn("Version"))));
		}
	}

}
