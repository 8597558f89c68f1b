package io.github.iotdbtable.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import io.github.iotdbtable.test.IoTDBCluster;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The tree dialect, which the client speaks for user administration, quotes the token a
 * parse error stops at: when that token is a password, the server's message holds it. The
 * client masks it in the exception, where the mask stands in the server's words, and no
 * log event holds it.
 */
@IoTDBTest
class TreeDialectPasswordEchoIT {

	@Test
	void aPasswordTheServerEchoesInAParseErrorIsMasked(IoTDBCluster cluster) {
		// each statement, and the part of the server's message that quotes the password
		Map<String, String> echoes = Map.of("CREATE USER echo_a 'Ech0Secret-one' 'Ech0Secret-two'",
				"extraneous input ''***''", "CREATE USER echo_b Ech0SecretThree", "mismatched input '***'",
				"CREATE USER 'Ech0Secret-four' 'Ech0Secret-five'", "mismatched input ''***''");
		try (RpcTableSession session = RpcTableSession.open(cluster.sessionConfig().build(),
				RpcTableSession.TREE_DIALECT)) {
			echoes.forEach((sql, maskedEcho) -> {
				StatementExecutionException refused = catchThrowableOfType(StatementExecutionException.class,
						() -> session.executeNonQueryStatement(sql));
				assertThat(refused).as(sql).isNotNull();
				assertThat(refused.getStatusCode()).isEqualTo(700);
				assertThat(refused.getMessage()).as("the server quoted the password, masked").contains(maskedEcho);
				String everything = stackTrace(refused);
				for (String password : passwords(sql)) {
					assertThat(everything).as(sql).doesNotContain(password);
					LogCapture.assertNoEventContains(password);
				}
			});
			assertThat(session.isOpen()).isTrue();
		}
	}

	private static List<String> passwords(String sql) {
		return java.util.Arrays.stream(sql.split("[ ']+")).filter((word) -> word.startsWith("Ech0Secret")).toList();
	}

	private static String stackTrace(Throwable ex) {
		StringWriter out = new StringWriter();
		ex.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
