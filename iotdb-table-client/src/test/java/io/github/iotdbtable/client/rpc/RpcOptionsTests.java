package io.github.iotdbtable.client.rpc;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RpcOptionsTests {

	@Test
	void tlsSocketsCheckTheHostNameByDefault() throws Exception {
		RpcOptions options = new RpcOptions(0, 0, false, RpcOptions.DEFAULT_MAX_FRAME_SIZE,
				SSLContext.getDefault().getSocketFactory());
		try (SSLSocket socket = socket()) {
			options.configure(socket);
			assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		}
	}

	@Test
	void theHostNameCheckCanBeTurnedOff() throws Exception {
		RpcOptions options = new RpcOptions(0, 0, false, RpcOptions.DEFAULT_MAX_FRAME_SIZE,
				SSLContext.getDefault().getSocketFactory(), false, List.of(), List.of());
		try (SSLSocket socket = socket()) {
			options.configure(socket);
			assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
		}
	}

	@Test
	void protocolsAndCipherSuitesAreEnabledAsGiven() throws Exception {
		RpcOptions options = new RpcOptions(0, 0, false, RpcOptions.DEFAULT_MAX_FRAME_SIZE,
				SSLContext.getDefault().getSocketFactory(), true, List.of("TLSv1.2"),
				List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
		try (SSLSocket socket = socket()) {
			String[] defaultProtocols = socket.getEnabledProtocols();
			assertThat(defaultProtocols).hasSizeGreaterThan(1);
			options.configure(socket);
			assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
			assertThat(socket.getEnabledCipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		}
	}

	@Test
	void noProtocolsOrCipherSuitesKeepTheDefaults() throws Exception {
		RpcOptions options = new RpcOptions(0, 0, false, RpcOptions.DEFAULT_MAX_FRAME_SIZE,
				SSLContext.getDefault().getSocketFactory());
		try (SSLSocket socket = socket()) {
			String[] protocols = socket.getEnabledProtocols();
			String[] cipherSuites = socket.getEnabledCipherSuites();
			options.configure(socket);
			assertThat(socket.getEnabledProtocols()).containsExactly(protocols);
			assertThat(socket.getEnabledCipherSuites()).containsExactly(cipherSuites);
		}
	}

	private static SSLSocket socket() throws Exception {
		return (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket();
	}

}
