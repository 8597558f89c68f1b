package io.github.iotdbtable.client;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderCacheTests {

	@Test
	void devicesAreTheTableAndItsTagValues() {
		ColumnarTablet tablet = ColumnarTablet.builder("t", new long[] { 1, 2, 3, 4, 5 })
			.tag("a", new String[] { "x", "x", "x\u0000", null, "" })
			.tag("b", new String[] { "y", "y", "", "x", null })
			.field("v", DataType.INT32, new int[5])
			.build();
		int[] tags = { 0, 1 };
		assertThat(LeaderCache.device(tablet, tags, 0)).isEqualTo(LeaderCache.device(tablet, tags, 1));
		assertThat(java.util.stream.IntStream.range(1, 5).mapToObj((row) -> LeaderCache.device(tablet, tags, row)))
			.doesNotHaveDuplicates();
	}

	@Test
	void anUnreachableLeaderIsForgottenWithAllItsDevices() {
		LeaderCache cache = new LeaderCache();
		Endpoint one = new Endpoint("h", 1);
		Endpoint two = new Endpoint("h", 2);
		cache.learn("d1", one);
		cache.learn("d2", one);
		cache.learn("d3", two);
		cache.forget(one);
		assertThat(cache.size()).isEqualTo(1);
		assertThat(cache.leaderOf("d1")).isNull();
		assertThat(cache.leaderOf("d3")).isEqualTo(two);
	}

}
