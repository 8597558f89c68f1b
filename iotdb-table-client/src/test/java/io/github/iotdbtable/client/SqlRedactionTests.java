package io.github.iotdbtable.client;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlRedactionTests {

	static Stream<Arguments> statements() {
		return Stream.of(
				// the statements of both dialects that carry a password
				arguments("CREATE USER u 'S3cret-pw'", "CREATE USER u '***'"),
				arguments("ALTER USER u SET PASSWORD 'S3cret-pw'", "ALTER USER u SET PASSWORD '***'"),
				arguments("create user `odd``name` \"S3cret-pw\"", "create user `odd``name` \"***\""),
				arguments("Alter  User\n\troot\nset\tpassword\n'S3cret-pw'",
						"Alter  User\n\troot\nset\tpassword\n'***'"),
				arguments("CREATE USER \"u\" U&'S3cret\\0041'", "CREATE USER \"u\" U&'***'"),
				// quotes doubled or escaped, comments anywhere
				arguments("CREATE USER u 'it''s -- not a comment'", "CREATE USER u '***'"),
				arguments("CREATE USER u 'back\\'slash'", "CREATE USER u '***'"),
				arguments("CREATE /* c */ USER -- c\n u /* 'x' */ 'S3cret-pw'; SELECT 'kept'",
						"CREATE /* c */ USER -- c\n u /* 'x' */ '***'; SELECT 'kept'"),
				// // is no comment: what follows it on its line is SQL
				arguments("CREATE USER u 'S3cret-pw' // 'S3cret-two'", "CREATE USER u '***' // '***'"),
				arguments("ALTER USER u SET PASSWORD // c\n 'S3cret-pw'", "ALTER USER u SET PASSWORD *** c\n '***'"),
				// a literal ending in a backslash ends there in the table dialect
				arguments("SELECT 'C:\\' ; ALTER USER v SET PASSWORD 'S3cret-pw'",
						"SELECT 'C:\\' ; ALTER USER v SET PASSWORD '***'"),
				arguments("INSERT INTO t VALUES ('x\\'); CREATE USER v 'S3cret-pw'",
						"INSERT INTO t VALUES ('x\\'); CREATE USER v '***'"),
				arguments("CREATE USER u 'S3cret\\' 'more'", "CREATE USER u '***'***'***"),
				// syntax errors near the password
				arguments("CREATE USER u S3cretpw", "CREATE USER u ***"),
				arguments("CREATE USER u `S3cretpw`", "CREATE USER u `***`"),
				arguments("ALTER USER u SET PASSWORD `S3cretpw`", "ALTER USER u SET PASSWORD `***`"),
				arguments("CREATE PIPE p WITH SINK ('sink.password'=U&'S3cretpw')",
						"CREATE PIPE p WITH SINK ('sink.password'=U&'***')"),
				arguments("ALTER USER u SET PASSWORD S3cretpw", "ALTER USER u SET PASSWORD ***"),
				// unquoted passwords up to the next blank
				arguments("CREATE USER u pass-word99", "CREATE USER u ***"),
				arguments("ALTER USER u SET PASSWORD pass-word99;", "ALTER USER u SET PASSWORD ***;"),
				arguments("ALTER USER u SET PASSWORD p@ss.w0rd! x", "ALTER USER u SET PASSWORD *** x"),
				arguments("CREATE USER u -S3cret", "CREATE USER u ***"),
				arguments("ALTER USER u SET PASSWORD = 'S3cret-pw'", "ALTER USER u SET PASSWORD = '***'"),
				arguments("CREATE USER u 'S3cret-pw' 'more'", "CREATE USER u '***' '***'"),
				arguments("CREATE USER 'S3cret-pw'", "CREATE USER '***'"),
				arguments("CREATE USER u 'S3cret-pw", "CREATE USER u '***"),
				arguments("ALTER USER u SET PASSWORD 'S3cret'pw'", "ALTER USER u SET PASSWORD '***'***'***"),
				arguments("CREATE USER u 'S3cret'pw'", "CREATE USER u '***'***'***"),
				// attributes and properties naming a password
				arguments("CREATE PIPE p WITH SINK ('sink'='iotdb-thrift-sink', 'sink.password'='S3cret-pw')",
						"CREATE PIPE p WITH SINK ('sink'='iotdb-thrift-sink', 'sink.password'='***')"),
				arguments("ALTER PIPE p MODIFY SINK (\"sink.ssl.trust-store-pwd\" = \"S3cret-pw\")",
						"ALTER PIPE p MODIFY SINK (\"sink.ssl.trust-store-pwd\" = \"***\")"),
				arguments("x WITH (password = 'S3cret-pw', other = 'kept')",
						"x WITH (password = '***', other = 'kept')"),
				// keys naming other secrets
				arguments("CREATE PIPE p WITH SINK ('sink.token'='S3cret-pw', 'sink.secret'='S3cret-two')",
						"CREATE PIPE p WITH SINK ('sink.token'='***', 'sink.secret'='***')"),
				arguments("x WITH ('access-key'='AKIA1', 'access_key'='AKIA2', 'AccessKey'='AKIA3')",
						"x WITH ('access-key'='***', 'access_key'='***', 'AccessKey'='***')"),
				arguments("x WITH (\"sink.credential\" = \"S3cret-pw\", 'region' = 'kept')",
						"x WITH (\"sink.credential\" = \"***\", 'region' = 'kept')"),
				arguments("x WITH (token = 'S3cret-pw', access_key = 'AKIA1', other = 'kept')",
						"x WITH (token = '***', access_key = '***', other = 'kept')"),
				// SQL inside a literal
				arguments("EXECUTE IMMEDIATE 'CREATE USER u ''S3cret-pw'''",
						"EXECUTE IMMEDIATE 'CREATE USER u ''***'''"),
				// nothing to mask
				arguments("SELECT 'CREATE', \"user\" FROM t WHERE s = 'PASSWORD'",
						"SELECT 'CREATE', \"user\" FROM t WHERE s = 'PASSWORD'"),
				arguments("DROP USER u", "DROP USER u"), arguments("LIST USER", "LIST USER"),
				arguments("ALTER USER u RENAME TO v", "ALTER USER u RENAME TO v"),
				arguments("Password must be at least 4 characters", "Password must be at least 4 characters"),
				arguments("", ""));
	}

	@ParameterizedTest
	@MethodSource("statements")
	void masksThePasswordsOfStatements(String sql, String expected) {
		assertThat(SqlRedaction.redact(sql)).isEqualTo(expected);
	}

	@Test
	void textWithoutPasswordsIsReturnedAsItIs() {
		String sql = "SELECT * FROM t WHERE a = 'x'";
		assertThat(SqlRedaction.redact(sql)).isSameAs(sql);
	}

	static Stream<Arguments> answers() {
		return Stream.of(
				// the server quotes the statement, its quotes unescaped
				arguments("701: line 1:14: no viable alternative at input 'CREATE USER u 'S3cret-pw''",
						"CREATE USER u 'S3cret-pw'"),
				arguments("mismatched input 'S3cret-pw' expecting <EOF>", "ALTER USER u SET PASSWORD S3cret-pw x"),
				arguments("user u already exists, password S3cret'pw", "CREATE USER u 'S3cret''pw'"),
				arguments("user u already exists, password S3cret''pw", "CREATE USER u 'S3cret''pw'"),
				arguments("at input 'EXECUTE IMMEDIATE 'CREATE USER u ''S3cret-pw''''",
						"EXECUTE IMMEDIATE 'CREATE USER u ''S3cret-pw'''"));
	}

	@ParameterizedTest
	@MethodSource("answers")
	void masksTheStatementsPasswordsWhereverTheAnswerShowsThem(String message, String sql) {
		assertThat(SqlRedaction.redactAnswer(message, sql)).doesNotContain("S3cret").contains(SqlRedaction.MASK);
	}

	@Test
	void anAnswerWithoutTheStatementIsMaskedByItsOwnText() {
		assertThat(SqlRedaction.redactAnswer("failed: ALTER USER u SET PASSWORD 'S3cret-pw'", null))
			.isEqualTo("failed: ALTER USER u SET PASSWORD '***'");
		assertThat(SqlRedaction.redactAnswer("no viable alternative at input 'pw'", "CREATE USER u 'pw'"))
			.as("too short to mask all over the message")
			.isEqualTo("no viable alternative at input 'pw'");
	}

}
