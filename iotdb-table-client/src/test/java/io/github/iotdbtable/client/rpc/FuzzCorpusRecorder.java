package io.github.iotdbtable.client.rpc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the fuzz corpus under {@code src/test/resources/fuzz} from a real DataNode: a
 * TCP proxy between an {@link RpcClient} and the server keeps each answer frame as it
 * came, with only its sequence id set to 1 (the first call of a fresh client), and the
 * TsBlocks of the query answers are kept on their own.
 *
 * <p>
 * Not part of the build; with a server on 127.0.0.1:6667 (root/root) run
 * {@code mvn -B -pl iotdb-table-client test -Dtest=FuzzCorpusRecorder -Dfuzz.record=true}
 * ({@code -Dfuzz.record.host}, {@code -Dfuzz.record.port} to point elsewhere).
 */
@EnabledIfSystemProperty(named = "fuzz.record", matches = "true")
class FuzzCorpusRecorder {

	private static final Path ROOT = Path.of("src/test/resources/fuzz");

	private static final String TYPES = "b BOOLEAN, i INT32, l INT64, f FLOAT, d DOUBLE, t TEXT, s STRING, "
			+ "x BLOB, dt DATE, ts TIMESTAMP";

	private final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();

	@Test
	void record() throws Exception {
		String host = System.getProperty("fuzz.record.host", "127.0.0.1");
		int port = Integer.getInteger("fuzz.record.port", 6667);
		Files.createDirectories(ROOT.resolve("frames"));
		Files.createDirectories(ROOT.resolve("blocks"));
		try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread pump = new Thread(() -> proxy(proxy, host, port), "fuzz-recorder");
			pump.setDaemon(true);
			pump.start();
			RpcOptions options = new RpcOptions(5000, 30000, false, RpcOptions.DEFAULT_MAX_FRAME_SIZE, null);
			try (RpcClient client = RpcClient.connect(new Endpoint("127.0.0.1", proxy.getLocalPort()), options)) {
				long session = client.openSession("root", "root", "UTC", Map.of("sql_dialect", "table")).sessionId();
				save("frames/openSession.bin");
				long statementId = client.requestStatementId(session);
				update(client, session, statementId, "CREATE DATABASE IF NOT EXISTS fuzz");
				update(client, session, statementId, "USE fuzz");
				update(client, session, statementId, "DROP TABLE IF EXISTS all_types");
				update(client, session, statementId,
						"CREATE TABLE all_types (dev STRING TAG, site STRING ATTRIBUTE, "
								+ TYPES.replace(",", " FIELD,")
									.replace(" TIMESTAMP", " TIMESTAMP FIELD")
									.replace("FIELD FIELD", "FIELD")
								+ ")");
				update(client, session, statementId,
						"INSERT INTO all_types (time, dev, site, b, i, l, f, d, t, s, x, dt, ts) VALUES "
								+ "(1, 'd1', 'north', true, 1, 10, 1.5, 2.25, 'text', 'str', X'CAFE', '2024-01-02', 1000), "
								+ "(2, 'd1', 'north', null, null, null, null, null, null, null, null, null, null), "
								+ "(3, 'd1', 'north', false, -7, -70, -0.5, 1e300, 'äö', '', X'', '1970-01-01', -1), "
								+ "(4, 'd2', 'south', true, 2147483647, 9223372036854775807, 3.4e38, -1e-300, 't4', 's4', "
								+ "X'00FF', '9999-12-31', 4)");
				ExecuteStatementResponse all = query(client, session, statementId,
						"SELECT * FROM all_types ORDER BY time", 2, "executeQueryStatementV2.all");
				saveBlocks(all.queryResult(), "all");
				FetchResultsResponse more = client.fetchResults(session, "SELECT * FROM all_types ORDER BY time", 2,
						all.queryId(), 0, java.util.Objects.requireNonNull(all.layout()));
				save("frames/fetchResultsV2.all.bin");
				saveBlocks(more.queryResult(), "all-fetched");
				client.closeOperation(session, all.queryId(), statementId);
				save("frames/status.closeOperation.bin");
				ExecuteStatementResponse constants = query(client, session, statementId,
						"SELECT time, dev, site, 1 AS one, 'k' AS k FROM all_types WHERE dev = 'd1'", 100,
						"executeQueryStatementV2.constants");
				saveBlocks(constants.queryResult(), "tags-and-constants");
				client.closeOperation(session, constants.queryId(), statementId);
				this.answers.clear();
				ExecuteStatementResponse failed = client.executeQueryStatement(
						new ExecuteStatementRequest(session, "SELECT nope FROM all_types", statementId, 100, 0));
				save("frames/executeQueryStatementV2.error.bin");
				System.out.println("error status: " + failed.status());
				Status tablet = client.insertTablet(new InsertTabletRequest(session, "all_types", List.of("dev", "i"),
						new byte[] { 11, 4 }, new byte[] { 0, 1 }, ByteBuffer.allocate(64), ByteBuffer.allocate(8), 1));
				save("frames/status.insertTablet.bin");
				System.out.println("insertTablet status: " + tablet);
				client.closeSession(session);
				save("frames/status.closeSession.bin");
			}
		}
	}

	private static void update(RpcClient client, long session, long statementId, String sql) throws Exception {
		Status status = client.executeUpdateStatement(new ExecuteStatementRequest(session, sql, statementId, 100, 0))
			.status();
		assertThat(status.isSuccess()).as(sql + ": " + status).isTrue();
	}

	private ExecuteStatementResponse query(RpcClient client, long session, long statementId, String sql, int fetchSize,
			String name) throws Exception {
		this.answers.clear();
		ExecuteStatementResponse response = client
			.executeQueryStatement(new ExecuteStatementRequest(session, sql, statementId, fetchSize, 0));
		assertThat(response.status().isSuccess()).as(sql + ": " + response.status()).isTrue();
		save("frames/" + name + ".bin");
		return response;
	}

	private void saveBlocks(List<TsBlock> blocks, String name) throws IOException {
		for (int i = 0; i < blocks.size(); i++) {
			ByteBuffer block = blocks.get(i).buffer().duplicate();
			byte[] bytes = new byte[block.remaining()];
			block.get(bytes);
			Files.write(ROOT.resolve("blocks/" + name + "-" + i + ".bin"), bytes);
		}
	}

	/** Saves the last answer frame, its sequence id set to 1. */
	private void save(String name) throws Exception {
		byte[] frame = this.answers.poll(10, TimeUnit.SECONDS);
		assertThat(frame).as(name).isNotNull();
		byte[] last = frame;
		for (byte[] next = this.answers.poll(); next != null; next = this.answers.poll()) {
			last = next;
		}
		// binary protocol: length, version word, method name length and bytes, then the
		// sequence id
		ByteBuffer message = ByteBuffer.wrap(last);
		int nameLength = message.getInt(8);
		message.putInt(12 + nameLength, 1);
		Files.write(ROOT.resolve(name), last);
	}

	private void proxy(ServerSocket proxy, String host, int port) {
		try (Socket client = proxy.accept(); Socket server = new Socket(host, port)) {
			Thread up = new Thread(() -> copy(client, server), "fuzz-recorder-up");
			up.setDaemon(true);
			up.start();
			DataInputStream in = new DataInputStream(server.getInputStream());
			OutputStream out = client.getOutputStream();
			while (true) {
				int length = in.readInt();
				byte[] frame = new byte[4 + length];
				ByteBuffer.wrap(frame).putInt(length);
				in.readFully(frame, 4, length);
				out.write(frame);
				out.flush();
				this.answers.add(frame);
			}
		}
		catch (IOException ex) {
			// the client closed
		}
	}

	private static void copy(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			in.transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// either side closed
		}
	}

}
