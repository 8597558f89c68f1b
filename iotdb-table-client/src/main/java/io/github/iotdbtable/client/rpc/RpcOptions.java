package io.github.iotdbtable.client.rpc;

import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link RpcClient} connects.
 *
 * @param connectTimeoutMillis the TCP connect timeout, 0 for none; over TLS also the
 * longest the whole handshake may take (else the read timeout, else 30 seconds)
 * @param socketTimeoutMillis the read timeout of each call, 0 for none
 * @param compression whether to speak the compact protocol (the server must enable RPC
 * compression too)
 * @param maxFrameSize the largest frame accepted from the server
 * @param sslSocketFactory the TLS layer to speak over the TCP connection, or {@code null}
 * for plain TCP
 * @param verifyHostname whether the server's certificate must name the host connected to
 * (endpoint identification {@code HTTPS}); TLS only
 * @param sslProtocols the TLS protocols to enable, empty for the factory's defaults
 * @param sslCipherSuites the cipher suites to enable, empty for the factory's defaults
 */
public record RpcOptions(int connectTimeoutMillis, int socketTimeoutMillis, boolean compression, int maxFrameSize,
		@Nullable SSLSocketFactory sslSocketFactory, boolean verifyHostname, List<String> sslProtocols,
		List<String> sslCipherSuites) {

	/** The frame size limit the official clients use. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

	/** The endpoint identification algorithm that checks the host name. */
	static final String HOSTNAME_VERIFICATION = "HTTPS";

	public RpcOptions {
		if (connectTimeoutMillis < 0 || socketTimeoutMillis < 0) {
			throw new IllegalArgumentException("timeouts must not be negative");
		}
		if (maxFrameSize <= 0) {
			throw new IllegalArgumentException("maxFrameSize must be positive");
		}
		sslProtocols = List.copyOf(sslProtocols);
		sslCipherSuites = List.copyOf(sslCipherSuites);
	}

	/**
	 * Options whose TLS, if any, checks the server's host name and keeps the factory's
	 * protocols and cipher suites.
	 */
	public RpcOptions(int connectTimeoutMillis, int socketTimeoutMillis, boolean compression, int maxFrameSize,
			@Nullable SSLSocketFactory sslSocketFactory) {
		this(connectTimeoutMillis, socketTimeoutMillis, compression, maxFrameSize, sslSocketFactory, true, List.of(),
				List.of());
	}

	/**
	 * Applies the host name check, protocols and cipher suites to a TLS socket before its
	 * handshake.
	 * @param socket the socket, not yet shaken hands
	 */
	void configure(SSLSocket socket) {
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm(this.verifyHostname ? HOSTNAME_VERIFICATION : null);
		if (!this.sslProtocols.isEmpty()) {
			parameters.setProtocols(this.sslProtocols.toArray(String[]::new));
		}
		if (!this.sslCipherSuites.isEmpty()) {
			parameters.setCipherSuites(this.sslCipherSuites.toArray(String[]::new));
		}
		socket.setSSLParameters(parameters);
	}

}
