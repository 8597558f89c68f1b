package io.github.iotdbtable.client.rpc;

import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the wire decoders with {@link WireFuzzer} from the corpus under
 * {@code src/test/resources/fuzz} (recorded from a real server by
 * {@link FuzzCorpusRecorder}). The property: every input is decoded, or refused with the
 * exception the entry point documents ({@link IllegalArgumentException} for a TsBlock,
 * {@link TException} for the transport and the answer readers); never another exception,
 * a hang, or an allocation beyond the bound: for frames, a first chunk and 8 bytes per
 * byte, since a frame's array grows as its bytes arrive; for answers, the decoding budget
 * ({@link DecodeBudget}) besides; for a block read whole, its columns and every value. A
 * block is checked against a layout of the types its header names before it is read, so
 * every getter of those types must then work.
 *
 * <p>
 * 200,000 inputs per target in the build (about 10 to 15 s each, 20 s at most); to fuzz
 * longer:
 * {@code mvn -B -pl iotdb-table-client test -Dtest=WireFuzzTests -Dfuzz.seconds=600 -Dfuzz.iterations=100000000 -Dfuzz.seed=1}.
 */
class WireFuzzTests {

	private static final byte[] NO_INPUT = new byte[0];

	/**
	 * The layout of the corpus's fetched blocks, from the answer that opened their query
	 * ({@code SELECT * FROM all_types}).
	 */
	private static final ResultLayout FETCHED = fetchedLayout();

	/** Type names by their codes in a block's header. */
	private static final String[] TYPES = { "BOOLEAN", "INT32", "INT64", "FLOAT", "DOUBLE", "TEXT", "VECTOR", "UNKNOWN",
			"TIMESTAMP", "DATE", "BLOB", "STRING" };

	private static final long FRAME_FLOOR = 2L * FrameTransport.FIRST_READ_CHUNK;

	@Test
	void tsBlockParseAndRead() {
		WireFuzzer fuzzer = new WireFuzzer("tsblock", FRAME_FLOOR, 48, WireFuzzTests::readBlock,
				IllegalArgumentException.class);
		List<WireFuzzer.Finding> findings = fuzzer.run(WireFuzzer.corpus("blocks", ""), false);
		assertThat(findings).as(WireFuzzer.describe(findings)).isEmpty();
	}

	@Test
	void frameReader() {
		WireFuzzer fuzzer = new WireFuzzer("frames", FRAME_FLOOR, 8, WireFuzzTests::readFrames,
				TTransportException.class);
		List<WireFuzzer.Finding> findings = fuzzer.run(WireFuzzer.corpus("frames", ""), true);
		assertThat(findings).as(WireFuzzer.describe(findings)).isEmpty();
	}

	@Test
	void answerReaders() {
		WireFuzzer fuzzer = new WireFuzzer("answers", DecodeBudget.FLOOR + FRAME_FLOOR,
				8 + 2 * DecodeBudget.PER_FRAME_BYTE, WireFuzzTests::readAnswer, TException.class);
		List<WireFuzzer.Finding> findings = fuzzer.run(WireFuzzer.corpus("frames", ""), true);
		assertThat(findings).as(WireFuzzer.describe(findings)).isEmpty();
	}

	@Test
	void theRecordedAnswersAndBlocksPassTheirChecks() throws Exception {
		// the real server's answers must not be refused by the checks that mutants meet
		for (byte[] block : WireFuzzer.corpus("blocks", "")) {
			readBlock(block);
		}
		for (String name : List.of("executeQueryStatementV2.all", "executeQueryStatementV2.constants")) {
			ExecuteStatementResponse answer = client(WireFuzzer.corpus("frames", name).get(0))
				.executeQueryStatement(new ExecuteStatementRequest(1, "SELECT 1", 1, 10, 0));
			assertThat(answer.queryResult()).as(name).isNotEmpty();
		}
		FetchResultsResponse page = client(WireFuzzer.corpus("frames", "fetchResultsV2.all").get(0)).fetchResults(1,
				"SELECT 1", 10, 1, 0, FETCHED);
		assertThat(page.queryResult()).isNotEmpty();
	}

	@Test
	void theNestedStatusSeedReachesSubStatusesThreeLevelsDeep() throws Exception {
		byte[] seed = WireFuzzer.corpus("frames", "status.nested").get(0);
		Status status = client(seed).openSession("root", "root", "UTC", Map.of()).status();
		assertThat(status.subStatus()).hasSize(3);
		Status deepest = status.subStatus().get(1).subStatus().get(1).subStatus().get(1);
		assertThat(deepest.redirectNode()).isEqualTo(new Endpoint("::1", 6669));
	}

	/**
	 * Parses a block, checks it against a layout of the time column and the value columns
	 * in the types its header names, then reads every row of every column with the getter
	 * of its type, or as encoded for a type unknown here (rows beyond 8 per byte of the
	 * block are left unread, since a run-length column may stand for up to 65,536).
	 */
	static void readBlock(byte[] input) {
		ByteBuffer buffer = ByteBuffer.wrap(input);
		TsBlock block = TsBlock.parse(buffer);
		List<String> types = new ArrayList<>();
		List<Integer> mapping = new ArrayList<>();
		types.add("TIMESTAMP");
		mapping.add(-1);
		for (int c = 0; c < block.valueColumnCount(); c++) {
			int code = input[4 + c];
			types.add((code >= 0 && code < TYPES.length) ? TYPES[code] : "UNKNOWN");
			mapping.add(c);
		}
		ResultLayout.of(types, types, mapping).check(block);
		long cap = 8L * input.length + 8;
		int rows = (int) Math.min(block.rowCount(), cap);
		read(block.timeColumn(), (byte) 2, rows);
		for (int c = 0; c < block.valueColumnCount(); c++) {
			read(block.valueColumn(c), input[4 + c], rows);
		}
	}

	private static void read(BlockColumn column, byte type, int rows) {
		for (int row = 0; row < rows; row++) {
			if (column.isNull(row)) {
				continue;
			}
			switch (type) {
				case 0 -> column.getBoolean(row);
				case 1, 9 -> column.getInt(row);
				case 2, 8 -> column.getLong(row);
				case 3 -> column.getFloat(row);
				case 4 -> column.getDouble(row);
				case 5, 10, 11 -> {
					column.getString(row);
					column.getBytes(row);
				}
				// a type unknown here is read as its encoding holds it
				default -> column.getEncoded(row);
			}
		}
	}

	/** Reads frames until the stream ends. */
	static void readFrames(byte[] input) throws TTransportException {
		FrameTransport transport = new FrameTransport(new StreamSocket(input), WireFuzzer.FRAME_BOUND);
		byte[] chunk = new byte[97];
		while (true) {
			transport.read(chunk, 0, chunk.length);
			if (transport.getBytesRemainingInBuffer() == 0) {
				transport.endFrame();
			}
		}
	}

	/** Feeds a framed answer to one of the readers. */
	static void readAnswer(byte[] input) throws Exception {
		RpcClient client = client(input);
		// the reader is chosen by a byte of the input, so that
		// mutants of every answer reach every reader
		int reader = (input.length > 8) ? (input[input.length / 2] & 3) : 0;
		switch (reader) {
			case 0 -> client.openSession("root", "root", "UTC", Map.of());
			case 1 -> client.executeQueryStatement(new ExecuteStatementRequest(1, "SELECT 1", 1, 10, 0));
			case 2 -> client.fetchResults(1, "SELECT 1", 10, 1, 0, FETCHED);
			default -> client.closeSession(1);
		}
	}

	private static ResultLayout fetchedLayout() {
		try {
			byte[] answer = WireFuzzer.corpus("frames", "executeQueryStatementV2.all").get(0);
			ExecuteStatementResponse response = client(answer)
				.executeQueryStatement(new ExecuteStatementRequest(1, "SELECT 1", 1, 10, 0));
			return java.util.Objects.requireNonNull(response.layout());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RpcClient client(byte[] input) throws Exception {
		StreamSocket socket = new StreamSocket(input);
		FrameTransport transport = new FrameTransport(socket, WireFuzzer.FRAME_BOUND);
		Constructor<RpcClient> constructor = RpcClient.class.getDeclaredConstructor(Endpoint.class, TSocket.class,
				FrameTransport.class, org.apache.thrift.protocol.TProtocol.class, int.class);
		constructor.setAccessible(true);
		return constructor.newInstance(new Endpoint("fuzz", 0), socket, transport, new TBinaryProtocol(transport), 0);
	}

	/** A socket that answers with fixed bytes and swallows what is written. */
	static final class StreamSocket extends TSocket {

		private final byte[] input;

		private int position;

		StreamSocket(byte[] input) throws TTransportException {
			super(TConfiguration.custom()
				.setMaxFrameSize(WireFuzzer.FRAME_BOUND)
				.setMaxMessageSize(WireFuzzer.FRAME_BOUND)
				.build(), "fuzz", 0, 0);
			this.input = input;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void open() {
		}

		@Override
		public void close() {
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws TTransportException {
			if (this.position == this.input.length) {
				throw new TTransportException(TTransportException.END_OF_FILE, "end of the input");
			}
			int count = Math.min(length, this.input.length - this.position);
			System.arraycopy(this.input, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		@Override
		public void write(byte[] buffer, int offset, int length) {
		}

		@Override
		public void flush() {
		}

	}

}
