package io.github.iotdbtable.test;

import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPoolConfig;

/**
 * A database created for one test class on an {@link IoTDBCluster}, dropped after the
 * class.
 *
 * @param name the database name
 * @param cluster the cluster holding it
 * @since 0.1.0
 */
public record TestDatabase(String name, IoTDBCluster cluster) {

	/**
	 * A session config builder pointing at the cluster, with this database selected.
	 * @return a builder to add settings to
	 */
	public TableSessionConfig.Builder sessionConfig() {
		return this.cluster.sessionConfig().database(this.name);
	}

	/**
	 * A pool config builder pointing at the cluster, with this database selected.
	 * @return a builder to add settings to
	 */
	public TableSessionPoolConfig.Builder poolConfig() {
		return this.cluster.poolConfig().database(this.name);
	}

	/** Opens a session on the cluster with this database selected. */
	public TableSession openSession() {
		return TableSession.open(sessionConfig().build());
	}

}
