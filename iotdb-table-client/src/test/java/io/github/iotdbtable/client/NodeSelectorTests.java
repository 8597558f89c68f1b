package io.github.iotdbtable.client;

import java.util.List;

import io.github.iotdbtable.client.rpc.Endpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSelectorTests {

	private static final Endpoint A = new Endpoint("a", 1);

	private static final Endpoint B = new Endpoint("b", 1);

	private static final Endpoint C = new Endpoint("c", 1);

	@Test
	void newConnectionsGoRoundRobin() {
		NodeSelector selector = new NodeSelector(List.of(A, B, C));
		assertThat(selector.candidates()).containsExactly(A, B, C);
		assertThat(selector.candidates()).containsExactly(B, C, A);
		assertThat(selector.candidates()).containsExactly(C, A, B);
		assertThat(selector.candidates()).containsExactly(A, B, C);
	}

	@Test
	void aFailedNodeIsTriedLastUntilItAnswersAgain() {
		NodeSelector selector = new NodeSelector(List.of(A, B, C));
		selector.failed(A);
		assertThat(selector.candidates()).containsExactly(B, C, A);
		assertThat(selector.candidates()).containsExactly(B, C, A);
		assertThat(selector.candidates()).containsExactly(C, B, A);
		selector.succeeded(A);
		assertThat(selector.candidates()).containsExactly(A, B, C);
	}

	@Test
	void aSingleNodeIsAlwaysTried() {
		NodeSelector selector = new NodeSelector(List.of(A));
		selector.failed(A);
		assertThat(selector.candidates()).containsExactly(A);
	}

}
