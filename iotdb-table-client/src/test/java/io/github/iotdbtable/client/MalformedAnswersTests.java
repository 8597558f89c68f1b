package io.github.iotdbtable.client;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.iotdbtable.client.FakeDataNode.Connection;
import io.github.iotdbtable.client.FakeDataNode.Request;
import io.github.iotdbtable.client.FakeDataNode.Writer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Malformed answers - cut short, absurdly large, garbage, or none at all - end in an
 * {@link IoTDBConnectionException} that names the node and the fault, within the read
 * timeout, without allocating what a bogus frame header announces, both when a session
 * opens and in the middle of one. So do well framed answers whose structs are malformed:
 * lists of the wrong element type, sizes their frame cannot back, statuses nested without
 * end, bytes left over or missing at the frame's end; and query answers whose blocks are
 * malformed, mapped wrongly or encoded against their declared types, as they arrive.
 */
class MalformedAnswersTests {

	private static final Duration READ_TIMEOUT = Duration.ofMillis(1_500);

	private static final TStruct STRUCT = new TStruct("");

	/** Far below any announced size here: allocating the frame would show. */
	private static final long ALLOCATION_LIMIT = 32 * 1024 * 1024;

	private FakeDataNode node;

	@BeforeAll
	static void loadClientClasses() throws Exception {
		// the JVM's first session loads the client's classes, slower than the bounds
		// checked here
		try (FakeDataNode healthy = new FakeDataNode(Connection::behave);
				TableSession session = TableSession
					.open(TableSessionConfig.builder().nodeUrls(healthy.nodeUrl()).readTimeout(READ_TIMEOUT).build())) {
			assertThat(session.isOpen()).isTrue();
		}
	}

	@BeforeEach
	void startNode() throws Exception {
		this.node = new FakeDataNode(Connection::stall);
	}

	@AfterEach
	void stopNode() throws Exception {
		this.node.close();
	}

	@ParameterizedTest
	@EnumSource(Misbehaviour.class)
	void aSessionCannotOpenOnAMisbehavingNode(Misbehaviour misbehaviour) {
		this.node.serve((connection) -> {
			if (misbehaviour != Misbehaviour.CLOSED) {
				// a server that closes does so before reading anything
				connection.read();
			}
			misbehaviour.answer(connection);
		});
		IoTDBConnectionException failure = failsInTime(misbehaviour, () -> TableSession.open(config()).close());
		assertThat(failure)
			.hasMessageStartingWith("cannot connect to IoTDB at " + this.node.nodeUrl() + ": " + this.node.nodeUrl()
					+ ": opening a session failed: ")
			.hasMessageFindingMatch(misbehaviour.fault);
	}

	@ParameterizedTest
	@EnumSource(Misbehaviour.class)
	void anOpenSessionFailsOnAMisbehavingAnswerAndClosesItself(Misbehaviour misbehaviour) {
		this.node.serve((connection) -> {
			connection.openSession(7);
			connection.read();
			misbehaviour.answer(connection);
		});
		try (TableSession session = TableSession.open(config())) {
			IoTDBConnectionException failure = failsInTime(misbehaviour,
					() -> session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)"));
			assertThat(failure)
				.hasMessageStartingWith(this.node.nodeUrl() + ": statement failed, the connection is closed: ")
				.hasMessageFindingMatch(misbehaviour.fault);
			assertThat(session.isOpen()).isFalse();
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT v FROM t"))
				.withMessage("the session is closed");
		}
	}

	@Test
	void aPoolWhoseOnlyNodeMisbehavesFailsWithinItsWaitTimeoutAndLosesNoSlot() throws Exception {
		Duration waitTimeout = Duration.ofSeconds(5);
		try (TableSessionPool pool = new TableSessionPool(TableSessionPoolConfig.builder()
			.poolName("fake")
			.nodeUrls(this.node.nodeUrl())
			.readTimeout(READ_TIMEOUT)
			.maxPoolSize(2)
			.waitTimeout(waitTimeout)
			.build())) {
			for (Misbehaviour misbehaviour : List.of(Misbehaviour.SILENT, Misbehaviour.OVERSIZED,
					Misbehaviour.SILENT)) {
				this.node.serve((connection) -> {
					connection.read();
					misbehaviour.answer(connection);
				});
				long start = System.nanoTime();
				assertThatExceptionOfType(IoTDBConnectionException.class)
					.isThrownBy(() -> assertTimeoutPreemptively(waitTimeout, pool::getSession))
					.withMessageStartingWith("pool 'fake' cannot connect to any IoTDB node of [" + this.node.nodeUrl()
							+ "]: " + this.node.nodeUrl() + ": opening a session failed: ")
					.withMessageMatching(".*(" + misbehaviour.fault + ").*");
				assertThat(elapsedMillis(start)).isLessThan(waitTimeout.toMillis());
				TableSessionPoolStats stats = pool.getStats();
				assertThat(stats.active()).isZero();
				assertThat(stats.total()).isZero();
				assertThat(stats.pending()).isZero();
			}
			// once the node behaves, the pool's whole capacity is there
			this.node.serve(Connection::behave);
			List<TableSession> sessions = new ArrayList<>();
			assertTimeoutPreemptively(waitTimeout, () -> {
				sessions.add(pool.getSession());
				sessions.add(pool.getSession());
			});
			assertThat(pool.getStats().active()).isEqualTo(2);
			sessions.forEach(TableSession::close);
			assertThat(pool.getStats().idle()).isEqualTo(2);
			assertThat(pool.getStats().totalCreated()).isEqualTo(2);
		}
	}

	@Test
	void aBorrowedSessionWhoseAnswersBreakFailsAfterItsRetriesAndFreesItsSlot() {
		this.node.serve((connection) -> {
			connection.openSession(3);
			Request request = connection.read();
			if (request.method().startsWith("executeUpdateStatement")) {
				Misbehaviour.OVERSIZED.answer(connection);
			}
			else {
				connection.answerSuccess(request);
			}
		});
		try (TableSessionPool pool = new TableSessionPool(TableSessionPoolConfig.builder()
			.poolName("fake")
			.nodeUrls(this.node.nodeUrl())
			.readTimeout(READ_TIMEOUT)
			.maxPoolSize(1)
			.maxRetry(2)
			// a statement whose connection broke in flight is retried only when declared
			// safe to repeat
			.retryPolicy(RetryPolicy.idempotentStatements((sql) -> sql.startsWith("INSERT")))
			.build())) {
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				try (TableSession session = pool.getSession()) {
					assertThatExceptionOfType(IoTDBConnectionException.class)
						.isThrownBy(() -> session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)"))
						.withMessageContaining(Misbehaviour.OVERSIZED.fault);
				}
			});
			TableSessionPoolStats stats = pool.getStats();
			assertThat(stats.active()).isZero();
			assertThat(stats.total()).as("the broken session is closed, not kept").isZero();
			assertThat(stats.totalCreated()).as("the first connection and one per retry").isEqualTo(3);
		}
	}

	@Test
	void aStatusNestedWithoutEndIsRefused() {
		int depth = 200_000;
		IoTDBConnectionException failure = failsOnAnswer((p) -> {
			p.writeStructBegin(STRUCT);
			p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
			for (int i = 0; i < depth; i++) {
				p.writeStructBegin(STRUCT);
				p.writeFieldBegin(new TField("", TType.LIST, (short) 3));
				p.writeListBegin(new TList(TType.STRUCT, 1));
			}
			for (int i = 0; i < depth; i++) {
				p.writeFieldStop();
				p.writeListEnd();
				p.writeFieldEnd();
				p.writeFieldStop();
			}
			p.writeFieldEnd();
			p.writeFieldStop();
		});
		assertThat(failure).hasMessageContaining("status nested deeper than 8 levels");
	}

	@Test
	void aListOfTheWrongElementTypeIsRefused() {
		IoTDBConnectionException failure = failsOnAnswer((p) -> {
			p.writeStructBegin(STRUCT);
			p.writeFieldBegin(new TField("", TType.LIST, (short) 3));
			p.writeListBegin(new TList(TType.I32, 2));
			p.writeI32(1);
			p.writeI32(2);
			p.writeFieldEnd();
			p.writeFieldStop();
		});
		assertThat(failure).hasMessageContaining("a list of type 8 where type 11 belongs");
	}

	@Test
	void aListSizeSentByTheServerDoesNotSizeWhatIsAllocated() {
		// 8 MiB of bytes, one per element the list claims, the first of which is not a
		// struct: the frame backs the size, but nothing beyond its own bytes should be
		// allocated
		int size = 8 * 1024 * 1024;
		long[] allocated = new long[1];
		IoTDBConnectionException failure = failsOnAnswer((p) -> {
			p.writeStructBegin(STRUCT);
			p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
			p.writeStructBegin(STRUCT);
			p.writeFieldBegin(new TField("", TType.LIST, (short) 3));
			p.writeListBegin(new TList(TType.STRUCT, size));
			byte[] elements = new byte[size];
			elements[0] = 99;
			p.getTransport().write(elements);
		}, allocated);
		assertThat(failure).hasMessageContaining("99");
		assertThat(allocated[0]).as("bytes allocated").isLessThan(size * 2L);
	}

	private IoTDBConnectionException failsOnAnswer(Writer result) {
		return failsOnAnswer(result, new long[1]);
	}

	/**
	 * Opens a session on a node that answers its first statement with the given result
	 * struct; the statement must fail, and close the session.
	 */
	private IoTDBConnectionException failsOnAnswer(Writer result, long[] allocated) {
		this.node.serve((connection) -> {
			connection.openSession(7);
			Request request = connection.read();
			connection.answer(request, result);
			connection.stall();
		});
		try (TableSession session = TableSession
			.open(TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(READ_TIMEOUT).build())) {
			IoTDBConnectionException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				long before = allocatedBytes();
				try {
					session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)");
				}
				catch (IoTDBConnectionException ex) {
					allocated[0] = allocatedBytes() - before;
					return ex;
				}
				throw new AssertionError("the statement succeeded");
			});
			assertThat(failure)
				.hasMessageStartingWith(this.node.nodeUrl() + ": statement failed, the connection is closed: ");
			assertThat(session.isOpen()).isFalse();
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("SELECT 1"))
				.withMessage("the session is closed");
			return failure;
		}
	}

	@Test
	void aResultColumnMappedPastTheBlocksColumnsClosesTheConnection() {
		// the block has one value column, index 0
		serveAQuery(List.of(5), List.of(FakeDataNode.int64Block(1, 2)), List.of());
		queryFailsOnTheConnection(
				"malformed result block 0: result column 0 is block column 5" + " of a block of 1 value columns");
	}

	@Test
	void aResultColumnMappedBeforeTheTimeColumnClosesTheConnection() {
		serveAQuery(List.of(-2), List.of(FakeDataNode.int64Block(1, 2)), List.of());
		queryFailsOnTheConnection("the server mapped result column 0 to block column -2");
	}

	@Test
	void aMalformedBlockClosesTheConnectionWhenTheAnswerArrives() {
		ByteBuffer cut = FakeDataNode.int64Block(1, 2);
		cut.limit(cut.limit() - 3);
		serveAQuery(List.of(0), List.of(FakeDataNode.int64Block(1), cut), List.of());
		queryFailsOnTheConnection("malformed result block 1: truncated TsBlock of 42 bytes: a column needs 45");
	}

	@Test
	void aColumnWhoseEncodingDoesNotHoldItsTypeClosesTheConnection() {
		// declared DOUBLE, sent as strings: a getter would fail on it
		ByteBuffer block = ByteBuffer.allocate(64);
		block.putInt(1).put((byte) 4).putInt(1).put(new byte[] { 2, 3 });
		block.put((byte) 0).putLong(1);
		block.put((byte) 0).putInt(2).put("no".getBytes(StandardCharsets.UTF_8));
		serveAQuery(List.of(0), List.of(block.flip()), List.of(), "DOUBLE");
		queryFailsOnTheConnection(
				"malformed result block 0: result column 0 is in encoding 3, which does not hold its type (encoding 2)");
	}

	@Test
	void aMalformedBlockInAFetchedPageClosesTheConnection() {
		ByteBuffer cut = FakeDataNode.int64Block(1, 2);
		cut.limit(cut.limit() - 1);
		serveAQuery(List.of(0), List.of(FakeDataNode.int64Block(1)), List.of(cut));
		try (TableSession session = TableSession.open(config());
				SessionDataSet dataSet = session.executeQueryStatement("SELECT v FROM t")) {
			assertThat(dataSet.next().getLong(0)).isEqualTo(1);
			assertThatExceptionOfType(IoTDBConnectionException.class).isThrownBy(dataSet::hasNext)
				.withMessage(this.node.nodeUrl() + ": fetch failed, the connection is closed: "
						+ "malformed result block 0: truncated TsBlock of 44 bytes: a column needs 45");
			assertThat(session.isOpen()).isFalse();
			assertThatIllegalStateException().isThrownBy(dataSet::hasNext)
				.withMessageStartingWith("the data set cannot be read: its connection broke: malformed result block 0");
		}
	}

	@Test
	void aBlockOfMoreColumnsThanItsBytesCanStandForIsRefusedWithinABound() {
		// 800,000 run-length boolean columns of 5 bytes each: 4 MB that would parse into
		// about 90 MB of columns
		int columns = 800_000;
		ByteBuffer block = ByteBuffer.allocate(4 + columns + 4 + columns + 1 + 10 + 5 * columns);
		block.putInt(columns).put(new byte[columns]).putInt(1);
		block.put((byte) 2);
		for (int i = 0; i < columns; i++) {
			block.put((byte) 4);
		}
		block.put((byte) 0).putLong(1);
		for (int i = 0; i < columns; i++) {
			block.put(new byte[] { 0, 0, 0 });
		}
		ByteBuffer sent = block.flip();
		serveAQuery(List.of(), List.of(sent), List.of(), "BOOLEAN");
		long[] allocated = new long[1];
		queryFailsOnTheConnection("holds more elements than its size allows", allocated);
		assertThat(allocated[0]).as("bytes allocated").isLessThan(80L * 1024 * 1024);
	}

	@Test
	void bytesLeftOverAfterAnAnswerCloseTheConnection() {
		IoTDBConnectionException failure = failsOnFrame((request) -> {
			byte[] answer = FakeDataNode.reply(request, TType.STRUCT, MalformedAnswersTests::writeStatementAnswer);
			return Arrays.copyOf(answer, answer.length + 3);
		});
		assertThat(failure).hasMessageMatching(".*: 3 bytes left over after the answer in a frame of \\d+ bytes");
	}

	@Test
	void anAnswerCutShortByItsFrameFailsWithoutWaitingForTheNext() {
		IoTDBConnectionException failure = failsOnFrame((request) -> {
			byte[] answer = FakeDataNode.reply(request, TType.STRUCT, MalformedAnswersTests::writeStatementAnswer);
			return Arrays.copyOf(answer, answer.length - 2);
		});
		assertThat(failure).hasMessageMatching(".*: the answer runs past the end of its frame of \\d+ bytes");
	}

	@Test
	void aStatusWithoutItsCodeIsRefused() {
		IoTDBConnectionException failure = failsOnAnswer((p) -> {
			p.writeStructBegin(STRUCT);
			p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
			p.writeStructBegin(STRUCT);
			p.writeFieldStop();
			p.writeStructEnd();
			p.writeFieldEnd();
			p.writeFieldStop();
		});
		assertThat(failure).hasMessageEndingWith("a status without its code");
	}

	/**
	 * Opens a session on a node that answers its first statement with the given frame,
	 * then stalls; the statement must fail at once, and close the session.
	 */
	private IoTDBConnectionException failsOnFrame(FrameMaker frame) {
		this.node.serve((connection) -> {
			connection.openSession(7);
			Request request = connection.read();
			connection.writeFrame(frame.make(request));
			connection.stall();
		});
		try (TableSession session = TableSession.open(config())) {
			long start = System.nanoTime();
			IoTDBConnectionException failure = assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeNonQueryStatement("INSERT INTO t (time, v) VALUES (1, 1)"))
				.actual();
			assertThat(elapsedMillis(start)).as("no wait for the read timeout").isLessThan(READ_TIMEOUT.toMillis());
			assertThat(failure)
				.hasMessageStartingWith(this.node.nodeUrl() + ": statement failed, the connection is closed: ");
			assertThat(session.isOpen()).isFalse();
			return failure;
		}
	}

	@FunctionalInterface
	private interface FrameMaker {

		byte[] make(Request request) throws Exception;

	}

	private void queryFailsOnTheConnection(String fault) {
		queryFailsOnTheConnection(fault, new long[1]);
	}

	/**
	 * A query on the node fails as the answer arrives, naming the node and the fault, and
	 * closes the session; a new session on the node works.
	 */
	private void queryFailsOnTheConnection(String fault, long[] allocated) {
		try (TableSession session = TableSession.open(config())) {
			long before = allocatedBytes();
			assertThatExceptionOfType(IoTDBConnectionException.class)
				.isThrownBy(() -> session.executeQueryStatement("SELECT v FROM t"))
				.withMessageStartingWith(this.node.nodeUrl() + ": query failed, the connection is closed: ")
				.withMessageContaining(fault);
			allocated[0] = allocatedBytes() - before;
			assertThat(session.isOpen()).isFalse();
		}
		try (TableSession session = TableSession.open(config())) {
			assertThat(session.isOpen()).isTrue();
		}
	}

	private void serveAQuery(List<Integer> mapping, List<ByteBuffer> blocks, List<ByteBuffer> fetched) {
		serveAQuery(mapping, blocks, fetched, "INT64");
	}

	/**
	 * Answers each query with one result column {@code v} of a type, mapped to block
	 * columns as given (none sent when empty), the given blocks, and, when asked for
	 * more, the fetched blocks; every other call with success.
	 */
	private void serveAQuery(List<Integer> mapping, List<ByteBuffer> blocks, List<ByteBuffer> fetched, String type) {
		this.node.serve((connection) -> {
			connection.openSession(7);
			while (true) {
				Request request = connection.read();
				if (request.method().equals("executeQueryStatementV2")) {
					connection.answer(request, (p) -> writeQueryAnswer(p, mapping, blocks, !fetched.isEmpty(), type));
				}
				else if (request.method().equals("fetchResultsV2")) {
					connection.answer(request, (p) -> {
						p.writeStructBegin(STRUCT);
						writeSuccessField(p);
						p.writeFieldBegin(new TField("", TType.BOOL, (short) 2));
						p.writeBool(true);
						p.writeFieldEnd();
						writeBlocks(p, 6, fetched);
						p.writeFieldStop();
					});
				}
				else {
					connection.answerSuccess(request);
				}
			}
		});
	}

	private static void writeQueryAnswer(TProtocol p, List<Integer> mapping, List<ByteBuffer> blocks, boolean moreData,
			String type) throws TException {
		p.writeStructBegin(STRUCT);
		writeSuccessField(p);
		p.writeFieldBegin(new TField("", TType.I64, (short) 2));
		p.writeI64(3);
		p.writeFieldEnd();
		for (short id : new short[] { 3, 6 }) {
			p.writeFieldBegin(new TField("", TType.LIST, id));
			p.writeListBegin(new TList(TType.STRING, 1));
			p.writeString((id == 3) ? "v" : type);
			p.writeFieldEnd();
		}
		writeBlocks(p, 13, blocks);
		p.writeFieldBegin(new TField("", TType.BOOL, (short) 14));
		p.writeBool(moreData);
		p.writeFieldEnd();
		if (!mapping.isEmpty()) {
			p.writeFieldBegin(new TField("", TType.LIST, (short) 17));
			p.writeListBegin(new TList(TType.I32, mapping.size()));
			for (int column : mapping) {
				p.writeI32(column);
			}
			p.writeFieldEnd();
		}
		p.writeFieldStop();
	}

	private static void writeStatementAnswer(TProtocol p) throws TException {
		p.writeStructBegin(STRUCT);
		writeSuccessField(p);
		p.writeFieldStop();
		p.writeStructEnd();
	}

	private static void writeSuccessField(TProtocol p) throws TException {
		p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
		p.writeStructBegin(STRUCT);
		p.writeFieldBegin(new TField("", TType.I32, (short) 1));
		p.writeI32(200);
		p.writeFieldEnd();
		p.writeFieldStop();
		p.writeStructEnd();
		p.writeFieldEnd();
	}

	private static void writeBlocks(TProtocol p, int id, List<ByteBuffer> blocks) throws TException {
		p.writeFieldBegin(new TField("", TType.LIST, (short) id));
		p.writeListBegin(new TList(TType.STRING, blocks.size()));
		for (ByteBuffer block : blocks) {
			p.writeBinary(block.duplicate());
		}
		p.writeFieldEnd();
	}

	private static IoTDBConnectionException failsInTime(Misbehaviour misbehaviour, Runnable call) {
		long start = System.nanoTime();
		Failure failure = assertTimeoutPreemptively(READ_TIMEOUT.multipliedBy(5), () -> {
			long allocatedBefore = allocatedBytes();
			try {
				call.run();
			}
			catch (IoTDBConnectionException ex) {
				return new Failure(ex, allocatedBytes() - allocatedBefore);
			}
			throw new AssertionError("no failure on " + misbehaviour);
		});
		long elapsed = elapsedMillis(start);
		if (misbehaviour.waits) {
			assertThat(elapsed).as("bounded by the read timeout")
				.isBetween(READ_TIMEOUT.toMillis() - 50, READ_TIMEOUT.toMillis() * 3);
		}
		else {
			assertThat(elapsed).as("failed without waiting for the read timeout").isLessThan(READ_TIMEOUT.toMillis());
		}
		assertThat(failure.allocated()).as("bytes allocated").isLessThan(ALLOCATION_LIMIT);
		return failure.exception();
	}

	private TableSessionConfig config() {
		return TableSessionConfig.builder().nodeUrls(this.node.nodeUrl()).readTimeout(READ_TIMEOUT).build();
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	private static long elapsedMillis(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private record Failure(IoTDBConnectionException exception, long allocated) {
	}

	/**
	 * What the node does instead of answering a call properly, and a pattern the client's
	 * failure message must hold.
	 */
	enum Misbehaviour {

		/**
		 * A frame header announcing 100 bytes, 10 of them, then the connection closes.
		 */
		TRUNCATED_THEN_CLOSED(false, "Socket is closed by peer") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.writeFrame(100, new byte[10]);
			}
		},

		/** A frame header announcing 100 bytes, 10 of them, then silence. */
		TRUNCATED_THEN_STALLED(true, "timed out") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.writeFrame(100, new byte[10]);
				connection.stall();
			}
		},

		/** A frame header announcing 1.5 GiB. */
		OVERSIZED(false, "frame of 1610612736 bytes is outside the allowed 0 to 67108864") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.writeFrame(0x6000_0000, new byte[16]);
				connection.stall();
			}
		},

		/** A frame header announcing the largest size it can hold. */
		LARGEST(false, "frame of 2147483647 bytes is outside the allowed 0 to 67108864") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.writeFrame(Integer.MAX_VALUE, new byte[16]);
				connection.stall();
			}
		},

		/** A frame header with the sign bit set. */
		NEGATIVE(false, "frame of -1 bytes is outside the allowed") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.writeFrame(-1, new byte[16]);
				connection.stall();
			}
		},

		/**
		 * An HTTP server's answer: its first four bytes read as a frame of about 1.1 GiB.
		 */
		HTTP(false, "frame of 1213486160 bytes is outside the allowed") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			}
		},

		/** A well framed answer of random bytes. */
		GARBAGE(false, "message claims 899498426 more bytes than its frame holds") {
			@Override
			void answer(Connection connection) throws Exception {
				byte[] garbage = new byte[64];
				new Random(42).nextBytes(garbage);
				connection.writeFrame(garbage);
				connection.stall();
			}
		},

		/** No answer at all. */
		SILENT(true, "timed out") {
			@Override
			void answer(Connection connection) throws Exception {
				connection.stall();
			}
		},

		/** The connection closes without an answer. */
		CLOSED(false, "Socket is closed by peer|Connection reset") {
			@Override
			void answer(Connection connection) {
			}
		};

		private final boolean waits;

		private final String fault;

		Misbehaviour(boolean waits, String fault) {
			this.waits = waits;
			this.fault = fault;
		}

		abstract void answer(Connection connection) throws Exception;

	}

}
