package io.github.iotdbtable.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.iotdbtable.client.FakeDataNode.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A result column of a type this client does not know, as a newer server may send, is
 * read as the server encodes it, and refused only by the getters of known types; its
 * blocks are checked as strictly as any.
 */
class UnknownTypeTests {

	private static final byte[] PAYLOAD = "an object".getBytes(StandardCharsets.UTF_8);

	private static final List<String> COLUMNS = List.of("o", "n", "b");

	private static final List<String> TYPES = List.of("OBJECT", "NEWER_INT64", "newer_boolean");

	@AutoClose
	private FakeDataNode node;

	@Test
	void columnsOfUnknownTypesReadAsTheServerEncodesThem() throws Exception {
		serve(block((byte) 3));
		try (TableSession session = TableSession.open(config());
				SessionDataSet rows = session.executeQueryStatement("SELECT o, n, b FROM t")) {
			assertThat(rows.getColumnTypes()).containsExactly(DataType.UNKNOWN, DataType.UNKNOWN, DataType.UNKNOWN);
			assertThat(rows.getColumnTypeNames()).isEqualTo(TYPES);

			Row row = rows.next();
			assertThat(row.isNull("o")).isFalse();
			assertThat((byte[]) row.getObject("o")).isEqualTo(PAYLOAD);
			assertThat(row.getBytes("o")).isEqualTo(PAYLOAD);
			assertThat(row.getObject("n")).isEqualTo(5L);
			assertThat(row.getObject("b")).isEqualTo(true);
			assertThat(row).hasToString("Row{o=0x" + java.util.HexFormat.of().formatHex(PAYLOAD) + ", n=5, b=true}");

			row = rows.next();
			assertThat(row.isNull("o")).isTrue();
			assertThat(row.getObject("o")).isNull();
			assertThat(row.getBytes("o")).isNull();
			assertThat(row.values()).containsExactly(null, 6L, false);
			assertThat(rows.hasNext()).isFalse();
		}
	}

	@Test
	void gettersOfKnownTypesRefuseAnUnknownTypeNamingItAsTheServerDoes() throws Exception {
		serve(block((byte) 3));
		try (TableSession session = TableSession.open(config());
				SessionDataSet rows = session.executeQueryStatement("SELECT o, n, b FROM t")) {
			Row row = rows.next();
			assertThatIllegalArgumentException().isThrownBy(() -> row.getLong("n"))
				.withMessage("column 'n' is NEWER_INT64, a type unknown to this client; "
						+ "getLong reads INT32, INT64 and TIMESTAMP");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getString("o"))
				.withMessage("column 'o' is OBJECT, a type unknown to this client; "
						+ "getString reads the types this client knows");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getBoolean(2))
				.withMessage("column 'b' is newer_boolean, a type unknown to this client; getBoolean reads BOOLEAN");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getBytes("n"))
				.withMessage("column 'n' is NEWER_INT64, a type unknown to this client; "
						+ "getBytes reads BLOB, TEXT, STRING and unknown types sent as bytes");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getInt("o")).withMessageContaining("'o'");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getTimestamp("n")).withMessageContaining("'n'");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getDouble("n")).withMessageContaining("'n'");
			assertThatIllegalArgumentException().isThrownBy(() -> row.getDate("n")).withMessageContaining("'n'");
			assertThat(session.isOpen()).isTrue();
		}
	}

	@Test
	void aMalformedColumnOfAnUnknownTypeStillClosesTheConnection() throws Exception {
		// the first value column in an encoding that does not exist
		serve(block((byte) 9));
		try (TableSession session = TableSession.open(config())) {
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT o, n, b FROM t"))
				.withMessageEndingWith("malformed result block 0: unknown column encoding 9");
			assertThat(session.isOpen()).isFalse();
		}
	}

	@Test
	void aTruncatedColumnOfAnUnknownTypeStillClosesTheConnection() throws Exception {
		ByteBuffer block = block((byte) 3);
		serve(ByteBuffer.wrap(Arrays.copyOf(block.array(), block.limit() - 1)));
		try (TableSession session = TableSession.open(config())) {
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT o, n, b FROM t"))
				.withMessageContaining("malformed result block 0: truncated TsBlock");
			assertThat(session.isOpen()).isFalse();
		}
	}

	/**
	 * A block of two rows: {@code o} bytes then null, in the given encoding (3 for
	 * binary); {@code n} int64 5 and 6; {@code b} booleans true and false.
	 */
	private static ByteBuffer block(byte encoding) {
		ByteBuffer block = ByteBuffer.allocate(128);
		// type bytes a newer server might send: 12, then codes this client knows
		block.putInt(3).put(new byte[] { 12, 2, 0 }).putInt(2).put(new byte[] { 2, encoding, 2, 0 });
		block.put((byte) 0).putLong(1).putLong(2);
		block.put((byte) 1).put((byte) 0x40).putInt(PAYLOAD.length).put(PAYLOAD);
		block.put((byte) 0).putLong(5).putLong(6);
		block.put((byte) 0).put((byte) 0x80);
		return block.flip();
	}

	private void serve(ByteBuffer block) throws Exception {
		this.node = new FakeDataNode((connection) -> {
			connection.openSession(1);
			while (true) {
				Request request = connection.read();
				if (request.method().equals("executeQueryStatementV2")) {
					connection.answerQuery(request, 3, COLUMNS, TYPES, false, block);
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(Duration.ofSeconds(5)).build();
	}

}
