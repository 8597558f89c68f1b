package io.github.iotdbtable.client.rpc;

import java.util.Objects;

/**
 * A host and port, as IoTDB names its nodes ({@code TEndPoint}).
 *
 * @param host the host name or address
 * @param port the port
 */
public record Endpoint(String host, int port) {

	public Endpoint {
		Objects.requireNonNull(host, "host");
	}

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
