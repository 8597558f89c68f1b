package io.github.iotdbtable.client.rpc;

/**
 * How an {@link RpcClient} connects.
 *
 * @param connectTimeoutMillis the TCP connect timeout, 0 for none
 * @param socketTimeoutMillis the read timeout of each call, 0 for none
 * @param compression whether to speak the compact protocol (the server must enable RPC compression too)
 * @param maxFrameSize the largest frame accepted from the server
 */
public record RpcOptions(int connectTimeoutMillis, int socketTimeoutMillis, boolean compression, int maxFrameSize) {

	/** The frame size limit the official clients use. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

	public RpcOptions {
		if (connectTimeoutMillis < 0 || socketTimeoutMillis < 0) {
			throw new IllegalArgumentException("timeouts must not be negative");
		}
		if (maxFrameSize <= 0) {
			throw new IllegalArgumentException("maxFrameSize must be positive");
		}
	}

}
