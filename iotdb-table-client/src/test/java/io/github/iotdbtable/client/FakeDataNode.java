package io.github.iotdbtable.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * A loopback server that speaks just enough framed Thrift (binary protocol) to misbehave
 * on demand: each connection is given to the current {@link Handler}, and closed when the
 * handler returns. Only for faults a real DataNode cannot be made to produce.
 */
final class FakeDataNode implements AutoCloseable {

	private static final TStruct STRUCT = new TStruct("");

	private final ServerSocket server;

	private final Thread acceptor;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicInteger accepted = new AtomicInteger();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile Handler handler;

	FakeDataNode(Handler handler) throws IOException {
		this.handler = handler;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "fake-datanode-" + this.server.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String nodeUrl() {
		return "127.0.0.1:" + this.server.getLocalPort();
	}

	/** The connections accepted and not yet closed. */
	int openConnections() {
		return this.connections.size();
	}

	/** How many connections the fake server accepted. */
	int accepted() {
		return this.accepted.get();
	}

	/** How many calls of a method the fake server read, on all its connections. */
	int received(String method) {
		return (int) this.received.stream().filter(method::equals).count();
	}

	/** The methods of the calls read so far, over all connections, in order. */
	List<String> received() {
		return List.copyOf(this.received);
	}

	/** Changes how the connections accepted from now on are served. */
	void serve(Handler handler) {
		this.handler = handler;
	}

	@Override
	public void close() throws IOException {
		this.closed.countDown();
		this.server.close();
		for (Socket socket : this.connections) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket socket;
			try {
				socket = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			this.connections.add(socket);
			this.accepted.incrementAndGet();
			Handler current = this.handler;
			Thread thread = new Thread(() -> {
				try (socket) {
					current.handle(new Connection(socket));
				}
				catch (Exception ex) {
					// the client gave up on the connection: nothing to answer any more
				}
				finally {
					this.connections.remove(socket);
				}
			}, "fake-datanode-connection");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/** Serves one connection. */
	@FunctionalInterface
	interface Handler {

		void handle(Connection connection) throws Exception;

	}

	/** A call the client sent, with its framed bytes. */
	record Request(String method, int seqid, byte[] frame) {

		/**
		 * An i32 field of the call's request struct, its first argument.
		 * @param id the field id
		 * @throws IllegalArgumentException when the request has no such field
		 */
		int i32(int id) throws TException {
			TProtocol p = new TBinaryProtocol(new TMemoryInputTransport(this.frame));
			p.readMessageBegin();
			p.readStructBegin();
			p.readFieldBegin();
			p.readStructBegin();
			for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
				if (f.id == id && f.type == TType.I32) {
					return p.readI32();
				}
				TProtocolUtil.skip(p, f.type);
			}
			throw new IllegalArgumentException(this.method + " has no i32 argument " + id);
		}

	}

	/** One accepted connection. */
	final class Connection {

		private final DataInputStream in;

		private final OutputStream out;

		Connection(Socket socket) throws IOException {
			this.in = new DataInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		/** Reads one framed call. */
		Request read() throws IOException, TException {
			byte[] frame = new byte[this.in.readInt()];
			this.in.readFully(frame);
			TMessage message = new TBinaryProtocol(new TMemoryInputTransport(frame)).readMessageBegin();
			FakeDataNode.this.received.add(message.name);
			return new Request(message.name, message.seqid, frame);
		}

		/** Sends bytes as they are, no frame added. */
		void write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
		}

		/** Sends a frame header announcing {@code size} bytes, then only {@code body}. */
		void writeFrame(int size, byte[] body) throws IOException {
			write(ByteBuffer.allocate(4 + body.length).putInt(size).put(body).array());
		}

		void writeFrame(byte[] body) throws IOException {
			writeFrame(body.length, body);
		}

		/** Keeps the connection open without a word until the fake server closes. */
		void stall() throws InterruptedException {
			FakeDataNode.this.closed.await();
		}

		/**
		 * Answers the opening calls of a session as a DataNode would: openSession, then
		 * requestStatementId.
		 */
		void openSession(long sessionId) throws IOException, TException {
			Request open = read();
			writeFrame(reply(open, TType.STRUCT, (p) -> {
				p.writeStructBegin(STRUCT);
				p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
				writeSuccess(p);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.I32, (short) 2));
				p.writeI32(2);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.I64, (short) 3));
				p.writeI64(sessionId);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.MAP, (short) 4));
				p.writeMapBegin(new TMap(TType.STRING, TType.STRING, 1));
				p.writeString("timestamp_precision");
				p.writeString("ms");
				p.writeMapEnd();
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
			}));
			Request statementId = read();
			writeFrame(reply(statementId, TType.I64, (p) -> p.writeI64(1)));
		}

		/**
		 * Answers a call with the result struct {@code result} writes, well-formed or
		 * not.
		 */
		void answer(Request request, Writer result) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, result));
		}

		/** Behaves: opens a session, then answers every further call with success. */
		void behave() throws IOException, TException {
			openSession(1);
			while (true) {
				answerSuccess(read());
			}
		}

		/**
		 * Answers a call whose result is a status (closeSession, testConnectionEmptyRPC)
		 * with success.
		 */
		void answerSuccess(Request request) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, FakeDataNode::writeSuccess));
		}

		/**
		 * Answers an executeUpdateStatement or executeQueryStatement call with a status
		 * and nothing else.
		 */
		void answerStatement(Request request, int code, boolean needRetry) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, (p) -> {
				p.writeStructBegin(STRUCT);
				p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
				p.writeStructBegin(STRUCT);
				writeI32(p, 1, code);
				p.writeFieldBegin(new TField("", TType.STRING, (short) 2));
				p.writeString("fake status " + code);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.BOOL, (short) 5));
				p.writeBool(needRetry);
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
			}));
		}

		/**
		 * Answers an insertTablet call as a node that does not lead the data: a success
		 * naming, for each of {@code rows} rows, the node at {@code host} and
		 * {@code port}.
		 */
		void answerRedirect(Request request, int rows, String host, int port) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, (p) -> {
				p.writeStructBegin(STRUCT);
				writeI32(p, 1, 400);
				p.writeFieldBegin(new TField("", TType.LIST, (short) 3));
				p.writeListBegin(new TList(TType.STRUCT, rows));
				for (int i = 0; i < rows; i++) {
					p.writeStructBegin(STRUCT);
					writeI32(p, 1, 400);
					p.writeFieldBegin(new TField("", TType.STRUCT, (short) 4));
					p.writeStructBegin(STRUCT);
					p.writeFieldBegin(new TField("", TType.STRING, (short) 1));
					p.writeString(host);
					p.writeFieldEnd();
					writeI32(p, 2, port);
					p.writeFieldStop();
					p.writeStructEnd();
					p.writeFieldEnd();
					p.writeFieldStop();
					p.writeStructEnd();
				}
				p.writeListEnd();
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
			}));
		}

		/**
		 * Answers a query (executeQueryStatementV2) with a whole result: query
		 * {@code queryId}, named columns of the given type names, and one block of
		 * {@code values} as a single INT64 value column, nothing more to fetch.
		 */
		void answerQuery(Request request, long queryId, List<String> columns, List<String> types, long... values)
				throws IOException, TException {
			answerQuery(request, queryId, columns, types, false, values);
		}

		/**
		 * Answers a query as {@link #answerQuery(Request, long, List, List, long...)}
		 * does, saying whether more rows can be fetched.
		 */
		void answerQuery(Request request, long queryId, List<String> columns, List<String> types, boolean moreData,
				long... values) throws IOException, TException {
			answerQuery(request, queryId, columns, types, moreData, int64Block(values));
		}

		/** Answers a query with one block, as it is. */
		void answerQuery(Request request, long queryId, List<String> columns, List<String> types, boolean moreData,
				ByteBuffer block) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, (p) -> {
				p.writeStructBegin(STRUCT);
				p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
				writeSuccess(p);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.I64, (short) 2));
				p.writeI64(queryId);
				p.writeFieldEnd();
				writeStrings(p, 3, columns);
				writeStrings(p, 6, types);
				p.writeFieldBegin(new TField("", TType.LIST, (short) 13));
				p.writeListBegin(new TList(TType.STRING, 1));
				p.writeBinary(block.duplicate());
				p.writeListEnd();
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.BOOL, (short) 14));
				p.writeBool(moreData);
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
			}));
		}

		/**
		 * Answers a fetchResultsV2 call with one block of {@code values} as a single
		 * INT64 value column, saying whether more rows can be fetched.
		 */
		void answerFetch(Request request, boolean moreData, long... values) throws IOException, TException {
			writeFrame(reply(request, TType.STRUCT, (p) -> {
				p.writeStructBegin(STRUCT);
				p.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
				writeSuccess(p);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.BOOL, (short) 2));
				p.writeBool(true);
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.LIST, (short) 6));
				p.writeListBegin(new TList(TType.STRING, 1));
				p.writeBinary(int64Block(values));
				p.writeListEnd();
				p.writeFieldEnd();
				p.writeFieldBegin(new TField("", TType.BOOL, (short) 7));
				p.writeBool(moreData);
				p.writeFieldEnd();
				p.writeFieldStop();
				p.writeStructEnd();
			}));
		}

		/**
		 * Serves queries: opens a session, answers every query as {@link #answerQuery}
		 * does with one column {@code v} of the given values, and every other call with
		 * success.
		 */
		void serveQueries(long... values) throws IOException, TException {
			openSession(1);
			long queryId = 0;
			while (true) {
				Request request = read();
				if (request.method().equals("executeQueryStatementV2")) {
					answerQuery(request, queryId++, List.of("v"), List.of("INT64"), values);
				}
				else {
					answerSuccess(request);
				}
			}
		}

	}

	/** A TsBlock of one INT64 value column, times counting from 0. */
	static ByteBuffer int64Block(long... values) {
		ByteBuffer block = ByteBuffer.allocate(64 + 16 * values.length);
		// one value column of INT64 (2); the time and the value column both int64 arrays
		block.putInt(1).put((byte) 2).putInt(values.length).put(new byte[] { 2, 2 });
		block.put((byte) 0);
		for (int i = 0; i < values.length; i++) {
			block.putLong(i);
		}
		block.put((byte) 0);
		for (long value : values) {
			block.putLong(value);
		}
		return block.flip();
	}

	private static void writeStrings(TProtocol p, int id, List<String> values) throws TException {
		p.writeFieldBegin(new TField("", TType.LIST, (short) id));
		p.writeListBegin(new TList(TType.STRING, values.size()));
		for (String value : values) {
			p.writeString(value);
		}
		p.writeListEnd();
		p.writeFieldEnd();
	}

	static void writeSuccess(TProtocol p) throws TException {
		p.writeStructBegin(STRUCT);
		writeI32(p, 1, 200);
		p.writeFieldStop();
		p.writeStructEnd();
	}

	private static void writeI32(TProtocol p, int id, int value) throws TException {
		p.writeFieldBegin(new TField("", TType.I32, (short) id));
		p.writeI32(value);
		p.writeFieldEnd();
	}

	/** A reply message whose result struct holds the success field (id 0). */
	static byte[] reply(Request request, byte type, Writer success) throws TException {
		TMemoryBuffer buffer = new TMemoryBuffer(256);
		TProtocol p = new TBinaryProtocol(buffer);
		p.writeMessageBegin(new TMessage(request.method(), TMessageType.REPLY, request.seqid()));
		p.writeStructBegin(STRUCT);
		p.writeFieldBegin(new TField("", type, (short) 0));
		success.write(p);
		p.writeFieldEnd();
		p.writeFieldStop();
		p.writeStructEnd();
		p.writeMessageEnd();
		return Arrays.copyOf(buffer.getArray(), buffer.length());
	}

	@FunctionalInterface
	interface Writer {

		void write(TProtocol protocol) throws TException;

	}

}
