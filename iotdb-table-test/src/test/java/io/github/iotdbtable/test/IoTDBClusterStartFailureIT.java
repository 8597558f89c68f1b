package io.github.iotdbtable.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A node that cannot start is named, with the end of its log, and nothing is left
 * running.
 */
class IoTDBClusterStartFailureIT {

	@Test
	void aNodeThatDiesAtStartIsNamedWithItsLog() {
		IoTDBCluster cluster = IoTDBCluster.builder().configNodeHeap("not-a-size").build();
		assertThatIllegalStateException().isThrownBy(cluster::start)
			.withMessageContaining("confignode")
			.withMessageContaining("exited with code")
			.withMessageContaining("Invalid");
		assertThat(cluster.configNode().isRunning()).isFalse();
		assertThat(cluster.dataNode(0).isRunning()).isFalse();
	}

}
