package io.github.iotdbtable.client.rpc;

import java.util.Map;

/**
 * The answer to {@code openSession}.
 *
 * @param status the status
 * @param serverProtocolVersion the protocol version the server speaks
 * @param sessionId the id of the new session
 * @param configuration server settings of the session, such as
 * {@code timestamp_precision}
 */
public record OpenSessionResponse(Status status, int serverProtocolVersion, long sessionId,
		Map<String, String> configuration) {

	public OpenSessionResponse {
		configuration = Map.copyOf(configuration);
	}

}
