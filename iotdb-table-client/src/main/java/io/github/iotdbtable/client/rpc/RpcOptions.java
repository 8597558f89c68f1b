package io.github.iotdbtable.client.rpc;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link RpcClient} connects.
 *
 * @param connectTimeoutMillis the TCP connect timeout, 0 for none
 * @param socketTimeoutMillis the read timeout of each call, 0 for none
 * @param compression whether to speak the compact protocol (the server must enable RPC
 * compression too)
 * @param maxFrameSize the largest frame accepted from the server
 * @param sslSocketFactory the TLS layer to speak over the TCP connection, or {@code null}
 * for plain TCP
 */
public record RpcOptions(int connectTimeoutMillis, int socketTimeoutMillis, boolean compression, int maxFrameSize,
		@Nullable SSLSocketFactory sslSocketFactory) {

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
