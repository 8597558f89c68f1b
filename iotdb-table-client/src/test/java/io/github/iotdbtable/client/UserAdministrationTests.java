package io.github.iotdbtable.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UserAdministrationTests {

	@Test
	void aPasswordTheStatementCannotCarryIsRefusedBeforeConnecting() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			server.setSoTimeout(200);
			TableSessionConfig config = TableSessionConfig.builder()
				.nodeUrls("127.0.0.1:" + server.getLocalPort())
				.build();
			assertThatIllegalArgumentException().isThrownBy(() -> UserAdministration.changePassword(config, ""))
				.withMessage("the new password must not be empty");
			for (String password : new String[] { "it's", "back\\slash" }) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> UserAdministration.changePassword(config, password))
					.withMessage("the new password must not hold a quote or backslash");
			}
			assertThat(accepted(server)).as("connections made").isFalse();
		}
	}

	private static boolean accepted(ServerSocket server) throws IOException {
		try {
			server.accept().close();
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

}
