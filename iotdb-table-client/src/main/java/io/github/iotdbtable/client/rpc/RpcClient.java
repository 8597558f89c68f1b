package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import org.apache.thrift.TApplicationException;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a DataNode speaking {@code IClientRPCService}. The request and answer
 * structs are written and read field by field here; unknown answer fields are skipped so
 * that newer servers stay readable.
 *
 * <p>
 * Not thread-safe: one caller at a time, one call at a time. Every method throws
 * {@link TTransportException} when the connection failed, after which the client must be
 * closed.
 */
public final class RpcClient implements AutoCloseable {

	/** {@code TSProtocolVersion.IOTDB_SERVICE_PROTOCOL_V3}. */
	private static final int PROTOCOL_V3 = 2;

	private static final TStruct ARGS = new TStruct("args");

	private static final TStruct REQUEST = new TStruct("req");

	private static final TField REQUEST_FIELD = new TField("req", TType.STRUCT, (short) 1);

	/**
	 * How long a TLS handshake may take, as a whole, when neither a connect nor a read
	 * timeout is set: a server that accepts connections but never ends the handshake must
	 * not hold the caller forever.
	 */
	static final int TLS_HANDSHAKE_TIMEOUT_MILLIS = 30_000;

	/**
	 * The most elements a list sent by the server pre-sizes its {@code ArrayList} for: a
	 * list claiming more grows as its elements are read.
	 */
	private static final int MAX_PRESIZE = 1024;

	/**
	 * How deep statuses may nest in sub-statuses; the server nests them one or two
	 * levels.
	 */
	private static final int MAX_STATUS_DEPTH = 8;

	private final Endpoint endpoint;

	private final TSocket socket;

	private final FrameTransport transport;

	private final TProtocol protocol;

	private final int socketTimeoutMillis;

	private int sequenceId;

	private RpcClient(Endpoint endpoint, TSocket socket, FrameTransport transport, TProtocol protocol,
			int socketTimeoutMillis) {
		this.endpoint = endpoint;
		this.socket = socket;
		this.transport = transport;
		this.protocol = protocol;
		this.socketTimeoutMillis = socketTimeoutMillis;
	}

	/**
	 * Opens a connection. Over TLS, the handshake as a whole takes at most the connect
	 * timeout, else the read timeout, else 30 seconds; past that the connection is
	 * closed.
	 * @param endpoint the DataNode's client RPC endpoint
	 * @param options how to connect
	 * @return the connected client
	 * @throws TTransportException when the connection cannot be made
	 */
	public static RpcClient connect(Endpoint endpoint, RpcOptions options) throws TTransportException {
		return connect(endpoint, options, TLS_HANDSHAKE_TIMEOUT_MILLIS);
	}

	/**
	 * Opens a connection whose TLS handshake, when neither timeout is set, takes at most
	 * {@code handshakeTimeoutMillis} in all.
	 */
	static RpcClient connect(Endpoint endpoint, RpcOptions options, int handshakeTimeoutMillis)
			throws TTransportException {
		SSLSocketFactory tls = options.sslSocketFactory();
		TSocket socket = (tls != null) ? tlsSocket(endpoint, options, tls, handshakeTimeoutMillis)
				: plainSocket(endpoint, options);
		FrameTransport transport = new FrameTransport(socket, options.maxFrameSize());
		try {
			if (!socket.isOpen()) {
				transport.open();
			}
			socket.getSocket().setTcpNoDelay(true);
		}
		catch (TTransportException ex) {
			transport.close();
			throw ex;
		}
		catch (java.net.SocketException ex) {
			transport.close();
			throw new TTransportException(TTransportException.NOT_OPEN, ex);
		}
		TProtocol protocol = options.compression() ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
		return new RpcClient(endpoint, socket, transport, protocol, options.socketTimeoutMillis());
	}

	private static TSocket plainSocket(Endpoint endpoint, RpcOptions options) throws TTransportException {
		TConfiguration configuration = TConfiguration.custom()
			.setMaxFrameSize(options.maxFrameSize())
			.setMaxMessageSize(options.maxFrameSize())
			.build();
		return new TSocket(configuration, endpoint.host(), endpoint.port(), options.socketTimeoutMillis(),
				options.connectTimeoutMillis());
	}

	/**
	 * Connects, then speaks TLS over the connection; the server's certificate must be
	 * trusted by the factory.
	 */
	private static TSocket tlsSocket(Endpoint endpoint, RpcOptions options, SSLSocketFactory factory,
			int handshakeTimeoutMillis) throws TTransportException {
		java.net.Socket plain = new java.net.Socket();
		try {
			plain.connect(new java.net.InetSocketAddress(endpoint.host(), endpoint.port()),
					options.connectTimeoutMillis());
			int bound = (options.connectTimeoutMillis() > 0) ? options.connectTimeoutMillis()
					: (options.socketTimeoutMillis() > 0) ? options.socketTimeoutMillis() : handshakeTimeoutMillis;
			plain.setSoTimeout(bound);
			javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) factory.createSocket(plain, endpoint.host(),
					endpoint.port(), true);
			options.configure(tls);
			HandshakeDeadline.handshake(tls, plain, bound);
			tls.setSoTimeout(options.socketTimeoutMillis());
			return new TSocket(tls);
		}
		catch (java.io.IOException | RuntimeException ex) {
			// a factory may fail with an unchecked exception too: the TCP connection is
			// closed whatever failed
			try {
				plain.close();
			}
			catch (java.io.IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new TTransportException(TTransportException.NOT_OPEN, "TLS connection failed: " + ex.getMessage(),
					ex);
		}
	}

	public Endpoint endpoint() {
		return this.endpoint;
	}

	public boolean isOpen() {
		return this.transport.isOpen();
	}

	/**
	 * Sets the read timeout of the following calls; 0 waits without limit.
	 * {@link #resetSocketTimeout()} restores the connection's own.
	 * @param millis the timeout
	 */
	public void setSocketTimeout(int millis) {
		this.socket.setTimeout(millis);
	}

	public void resetSocketTimeout() {
		this.socket.setTimeout(this.socketTimeoutMillis);
	}

	public int socketTimeoutMillis() {
		return this.socketTimeoutMillis;
	}

	@Override
	public void close() {
		this.transport.close();
	}

	public OpenSessionResponse openSession(String username, String password, String zoneId,
			Map<String, String> configuration) throws TException {
		sendRequest("openSession", (p) -> {
			writeI32(p, 1, PROTOCOL_V3);
			writeString(p, 2, zoneId);
			writeString(p, 3, username);
			writeString(p, 4, password);
			p.writeFieldBegin(new TField("", TType.MAP, (short) 5));
			p.writeMapBegin(new TMap(TType.STRING, TType.STRING, configuration.size()));
			for (Map.Entry<String, String> entry : configuration.entrySet()) {
				p.writeString(entry.getKey());
				p.writeString(entry.getValue());
			}
			p.writeMapEnd();
			p.writeFieldEnd();
			endStruct(p);
		});
		return receive("openSession", (p, budget) -> {
			Status status = null;
			int version = 0;
			long sessionId = -1;
			Map<String, String> config = Map.of();
			p.readStructBegin();
			for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
				if (f.id == 1 && f.type == TType.STRUCT) {
					status = readStatus(p, 1, budget);
				}
				else if (f.id == 2 && f.type == TType.I32) {
					version = p.readI32();
				}
				else if (f.id == 3 && f.type == TType.I64) {
					sessionId = p.readI64();
				}
				else if (f.id == 4 && f.type == TType.MAP) {
					config = readStringMap(p, budget);
				}
				else {
					TProtocolUtil.skip(p, f.type);
				}
				p.readFieldEnd();
			}
			p.readStructEnd();
			return new OpenSessionResponse(required(status, "openSession"), version, sessionId, config);
		});
	}

	public Status closeSession(long sessionId) throws TException {
		sendRequest("closeSession", (p) -> {
			writeI64(p, 1, sessionId);
			endStruct(p);
		});
		return receive("closeSession", RpcClient::readStatus);
	}

	public long requestStatementId(long sessionId) throws TException {
		send("requestStatementId", (p) -> {
			p.writeStructBegin(ARGS);
			writeI64(p, 1, sessionId);
			endStruct(p);
		});
		return receive("requestStatementId", (p, budget) -> p.readI64());
	}

	/**
	 * Executes a query ({@code executeQueryStatementV2}). The blocks of a successful
	 * answer are parsed and checked against its {@link ResultLayout} as it arrives.
	 * @throws TProtocolException when they are malformed or do not fit the layout
	 */
	public ExecuteStatementResponse executeQueryStatement(ExecuteStatementRequest request) throws TException {
		return execute("executeQueryStatementV2", request, true);
	}

	/**
	 * Executes a statement that returns no rows ({@code executeUpdateStatementV2}); the
	 * blocks of its answer, which no one reads, are skipped.
	 */
	public ExecuteStatementResponse executeUpdateStatement(ExecuteStatementRequest request) throws TException {
		return execute("executeUpdateStatementV2", request, false);
	}

	private ExecuteStatementResponse execute(String method, ExecuteStatementRequest request, boolean query)
			throws TException {
		sendRequest(method, (p) -> {
			writeI64(p, 1, request.sessionId());
			writeString(p, 2, request.statement());
			writeI64(p, 3, request.statementId());
			writeI32(p, 4, request.fetchSize());
			if (request.timeoutMillis() > 0) {
				writeI64(p, 5, request.timeoutMillis());
			}
			endStruct(p);
		});
		return receive(method, (p, budget) -> readExecuteStatementResponse(p, budget, query));
	}

	/**
	 * Fetches the next blocks of a query, parsed and checked against its layout as the
	 * answer arrives.
	 * @param layout the layout of the query's answer
	 * @throws TProtocolException when the blocks are malformed or do not fit the layout
	 */
	public FetchResultsResponse fetchResults(long sessionId, String statement, int fetchSize, long queryId,
			long timeoutMillis, ResultLayout layout) throws TException {
		sendRequest("fetchResultsV2", (p) -> {
			writeI64(p, 1, sessionId);
			writeString(p, 2, statement);
			writeI32(p, 3, fetchSize);
			writeI64(p, 4, queryId);
			writeBool(p, 5, true);
			if (timeoutMillis > 0) {
				writeI64(p, 6, timeoutMillis);
			}
			endStruct(p);
		});
		return receive("fetchResultsV2", (p, budget) -> {
			Status status = null;
			boolean hasResultSet = false;
			List<ByteBuffer> blocks = List.of();
			boolean moreData = false;
			p.readStructBegin();
			for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
				if (f.id == 1 && f.type == TType.STRUCT) {
					status = readStatus(p, 1, budget);
				}
				else if (f.id == 2 && f.type == TType.BOOL) {
					hasResultSet = p.readBool();
				}
				else if (f.id == 6 && f.type == TType.LIST) {
					blocks = readBinaryList(p, budget);
				}
				else if (f.id == 7 && f.type == TType.BOOL) {
					moreData = p.readBool();
				}
				else {
					TProtocolUtil.skip(p, f.type);
				}
				p.readFieldEnd();
			}
			p.readStructEnd();
			Status checked = required(status, "fetchResultsV2");
			List<TsBlock> parsed = checked.isSuccess() ? layout.parse(blocks, budget) : List.of();
			return new FetchResultsResponse(checked, hasResultSet, parsed, moreData);
		});
	}

	public Status closeOperation(long sessionId, long queryId, long statementId) throws TException {
		sendRequest("closeOperation", (p) -> {
			writeI64(p, 1, sessionId);
			writeI64(p, 2, queryId);
			writeI64(p, 3, statementId);
			endStruct(p);
		});
		return receive("closeOperation", RpcClient::readStatus);
	}

	public Status insertTablet(InsertTabletRequest request) throws TException {
		sendRequest("insertTablet", (p) -> {
			writeI64(p, 1, request.sessionId());
			writeString(p, 2, request.tableName());
			p.writeFieldBegin(new TField("", TType.LIST, (short) 3));
			p.writeListBegin(new TList(TType.STRING, request.columnNames().size()));
			for (String name : request.columnNames()) {
				p.writeString(name);
			}
			p.writeListEnd();
			p.writeFieldEnd();
			writeBinary(p, 4, request.values());
			writeBinary(p, 5, request.timestamps());
			p.writeFieldBegin(new TField("", TType.LIST, (short) 6));
			p.writeListBegin(new TList(TType.I32, request.dataTypes().length));
			for (byte type : request.dataTypes()) {
				p.writeI32(type);
			}
			p.writeListEnd();
			p.writeFieldEnd();
			writeI32(p, 7, request.rowCount());
			writeBool(p, 8, false);
			writeBool(p, 9, true);
			p.writeFieldBegin(new TField("", TType.LIST, (short) 10));
			p.writeListBegin(new TList(TType.BYTE, request.columnCategories().length));
			for (byte category : request.columnCategories()) {
				p.writeByte(category);
			}
			p.writeListEnd();
			p.writeFieldEnd();
			endStruct(p);
		});
		return receive("insertTablet", RpcClient::readStatus);
	}

	/** A cheap round trip that proves the connection and the server answer. */
	public Status testConnection() throws TException {
		send("testConnectionEmptyRPC", RpcClient::writeEmptyArgs);
		return receive("testConnectionEmptyRPC", RpcClient::readStatus);
	}

	/**
	 * Sends a call whose single argument is a request struct (field 1, {@code req});
	 * {@code request} writes the struct's fields and ends it.
	 */
	private void sendRequest(String method, Writer request) throws TException {
		send(method, (p) -> {
			p.writeStructBegin(ARGS);
			p.writeFieldBegin(REQUEST_FIELD);
			p.writeStructBegin(REQUEST);
			request.write(p);
			p.writeFieldEnd();
			endStruct(p);
		});
	}

	private void send(String method, Writer args) throws TException {
		this.sequenceId++;
		this.protocol.writeMessageBegin(new TMessage(method, TMessageType.CALL, this.sequenceId));
		args.write(this.protocol);
		this.protocol.writeMessageEnd();
		this.transport.flush();
	}

	/**
	 * Reads an answer, which must fill its frame. A malformed answer, as a reader refuses
	 * it with an {@link IllegalArgumentException}, fails as a {@link TProtocolException}:
	 * the connection is out of step, not the caller's request at fault.
	 */
	private <T> T receive(String method, Reader<T> successReader) throws TException {
		try {
			return receiveFramed(method, successReader);
		}
		catch (IllegalArgumentException ex) {
			throw new TProtocolException(TProtocolException.INVALID_DATA, ex.getMessage(), ex);
		}
	}

	private <T> T receiveFramed(String method, Reader<T> successReader) throws TException {
		TMessage message = this.protocol.readMessageBegin();
		DecodeBudget budget = DecodeBudget.forFrame(this.transport.frameLength());
		if (message.type == TMessageType.EXCEPTION) {
			TApplicationException ex = TApplicationException.readFrom(this.protocol);
			this.protocol.readMessageEnd();
			this.transport.endFrame();
			throw ex;
		}
		if (message.seqid != this.sequenceId) {
			throw new TApplicationException(TApplicationException.BAD_SEQUENCE_ID,
					method + " answered out of sequence");
		}
		T result = null;
		this.protocol.readStructBegin();
		for (TField f = this.protocol.readFieldBegin(); f.type != TType.STOP; f = this.protocol.readFieldBegin()) {
			if (f.id == 0 && result == null) {
				result = successReader.read(this.protocol, budget);
			}
			else {
				TProtocolUtil.skip(this.protocol, f.type);
			}
			this.protocol.readFieldEnd();
		}
		this.protocol.readStructEnd();
		this.protocol.readMessageEnd();
		this.transport.endFrame();
		if (result == null) {
			throw new TApplicationException(TApplicationException.MISSING_RESULT, method + " returned no result");
		}
		return result;
	}

	private static ExecuteStatementResponse readExecuteStatementResponse(TProtocol p, DecodeBudget budget,
			boolean query) throws TException {
		Status status = null;
		long queryId = -1;
		List<String> columns = List.of();
		List<String> dataTypes = List.of();
		List<Integer> columnIndex = List.of();
		List<ByteBuffer> blocks = List.of();
		boolean moreData = false;
		String database = null;
		p.readStructBegin();
		for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
			switch (f.id) {
				case 1 -> status = (f.type == TType.STRUCT) ? readStatus(p, 1, budget) : skipNullable(p, f, status);
				case 2 -> queryId = (f.type == TType.I64) ? p.readI64() : skip(p, f, queryId);
				case 3 -> columns = (f.type == TType.LIST) ? readStringList(p, budget) : skip(p, f, columns);
				case 6 -> dataTypes = (f.type == TType.LIST) ? readStringList(p, budget) : skip(p, f, dataTypes);
				case 13 -> blocks = (f.type == TType.LIST && query) ? readBinaryList(p, budget) : skip(p, f, blocks);
				case 14 -> moreData = (f.type == TType.BOOL) ? p.readBool() : skip(p, f, moreData);
				case 15 -> database = (f.type == TType.STRING) ? p.readString() : skipNullable(p, f, database);
				case 17 -> columnIndex = (f.type == TType.LIST) ? readI32List(p, budget) : skip(p, f, columnIndex);
				default -> TProtocolUtil.skip(p, f.type);
			}
			p.readFieldEnd();
		}
		p.readStructEnd();
		Status checked = required(status, "executeStatement");
		ResultLayout layout = null;
		List<TsBlock> parsed = List.of();
		if (query && checked.isSuccess()) {
			layout = ResultLayout.of(columns, dataTypes, columnIndex);
			parsed = layout.parse(blocks, budget);
		}
		return new ExecuteStatementResponse(checked, queryId, columns, dataTypes, layout, parsed, moreData, database);
	}

	private static Status readStatus(TProtocol p, DecodeBudget budget) throws TException {
		return readStatus(p, 1, budget);
	}

	/**
	 * Reads a status at a depth of nesting, 1 for a status that is no sub-status.
	 */
	private static Status readStatus(TProtocol p, int depth, DecodeBudget budget) throws TException {
		if (depth > MAX_STATUS_DEPTH) {
			throw new TProtocolException(TProtocolException.DEPTH_LIMIT,
					"status nested deeper than " + MAX_STATUS_DEPTH + " levels");
		}
		Integer code = null;
		String message = null;
		List<Status> subStatus = List.of();
		Endpoint redirectNode = null;
		boolean needRetry = false;
		p.readStructBegin();
		for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
			if (f.id == 1 && f.type == TType.I32) {
				code = p.readI32();
			}
			else if (f.id == 2 && f.type == TType.STRING) {
				message = readString(p, budget);
			}
			else if (f.id == 3 && f.type == TType.LIST) {
				TList list = readListBegin(p, TType.STRUCT, "sub-statuses");
				List<Status> subs = new ArrayList<>(presize(list.size));
				for (int i = 0; i < list.size; i++) {
					subs.add(readStatus(p, depth + 1, budget));
				}
				p.readListEnd();
				subStatus = subs;
			}
			else if (f.id == 4 && f.type == TType.STRUCT) {
				redirectNode = readEndpoint(p, budget);
			}
			else if (f.id == 5 && f.type == TType.BOOL) {
				needRetry = p.readBool();
			}
			else {
				TProtocolUtil.skip(p, f.type);
			}
			p.readFieldEnd();
		}
		p.readStructEnd();
		if (code == null) {
			// required: without it a status could take a single byte
			throw new TProtocolException(TProtocolException.INVALID_DATA, "a status without its code");
		}
		if (message == null && subStatus.isEmpty() && redirectNode == null && !needRetry && Status.isShared(code)) {
			// a status per row of an insert is mostly a bare code: one object for each
			// code
			budget.charge(DecodeBudget.SHARED_STATUS);
			return Status.ofCode(code);
		}
		budget.charge(DecodeBudget.STATUS);
		return new Status(code, message, subStatus, redirectNode, needRetry);
	}

	private static Endpoint readEndpoint(TProtocol p, DecodeBudget budget) throws TException {
		String host = "";
		int port = 0;
		p.readStructBegin();
		for (TField f = p.readFieldBegin(); f.type != TType.STOP; f = p.readFieldBegin()) {
			if (f.id == 1 && f.type == TType.STRING) {
				host = readString(p, budget);
			}
			else if (f.id == 2 && f.type == TType.I32) {
				port = p.readI32();
			}
			else {
				TProtocolUtil.skip(p, f.type);
			}
			p.readFieldEnd();
		}
		p.readStructEnd();
		budget.charge(DecodeBudget.ENDPOINT);
		return new Endpoint(host, port);
	}

	/**
	 * Reads a string, charged after it was made: its contents come from the frame, which
	 * bounds them.
	 */
	private static String readString(TProtocol p, DecodeBudget budget) throws TException {
		String value = p.readString();
		budget.charge(DecodeBudget.STRING);
		return value;
	}

	private static List<String> readStringList(TProtocol p, DecodeBudget budget) throws TException {
		TList list = readListBegin(p, TType.STRING, "strings");
		List<String> values = new ArrayList<>(presize(list.size));
		for (int i = 0; i < list.size; i++) {
			values.add(readString(p, budget));
		}
		p.readListEnd();
		return values;
	}

	private static List<Integer> readI32List(TProtocol p, DecodeBudget budget) throws TException {
		TList list = readListBegin(p, TType.I32, "column indexes");
		List<Integer> values = new ArrayList<>(presize(list.size));
		for (int i = 0; i < list.size; i++) {
			budget.charge(DecodeBudget.INTEGER);
			values.add(p.readI32());
		}
		p.readListEnd();
		return values;
	}

	private static List<ByteBuffer> readBinaryList(TProtocol p, DecodeBudget budget) throws TException {
		TList list = readListBegin(p, TType.STRING, "TsBlocks");
		List<ByteBuffer> values = new ArrayList<>(presize(list.size));
		for (int i = 0; i < list.size; i++) {
			budget.charge(DecodeBudget.BLOCK);
			// readBinary may wrap the frame buffer at an offset; slice so that index 0 is
			// the first byte
			values.add(p.readBinary().slice());
		}
		p.readListEnd();
		return values;
	}

	private static Map<String, String> readStringMap(TProtocol p, DecodeBudget budget) throws TException {
		TMap map = p.readMapBegin();
		if (map.size > 0 && (map.keyType != TType.STRING || map.valueType != TType.STRING)) {
			throw new TProtocolException(TProtocolException.INVALID_DATA,
					"a map of types " + map.keyType + " to " + map.valueType + " where strings to strings belong");
		}
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < map.size; i++) {
			values.put(readString(p, budget), readString(p, budget));
		}
		p.readMapEnd();
		return values;
	}

	/**
	 * Begins reading a list whose elements must be of a type; an empty list may declare
	 * any.
	 * @param what what the list holds, for the message
	 */
	private static TList readListBegin(TProtocol p, byte elementType, String what) throws TException {
		TList list = p.readListBegin();
		if (list.size > 0 && list.elemType != elementType) {
			throw new TProtocolException(TProtocolException.INVALID_DATA,
					"a list of type " + list.elemType + " where type " + elementType + " belongs (" + what + ")");
		}
		return list;
	}

	/**
	 * The capacity to give a list of a size the server sent: the protocol checks that the
	 * frame holds at least a byte per element, but the references would take several.
	 */
	private static int presize(int size) {
		return Math.max(0, Math.min(size, MAX_PRESIZE));
	}

	/** Skips a field of an unexpected type, keeping the value read so far. */
	private static <T> T skip(TProtocol p, TField field, T kept) throws TException {
		TProtocolUtil.skip(p, field.type);
		return kept;
	}

	private static <T> @Nullable T skipNullable(TProtocol p, TField field, @Nullable T kept) throws TException {
		TProtocolUtil.skip(p, field.type);
		return kept;
	}

	private static <T> T required(@Nullable T value, String what) throws TApplicationException {
		if (value == null) {
			throw new TApplicationException(TApplicationException.MISSING_RESULT, what + " answered without a status");
		}
		return value;
	}

	private static void writeEmptyArgs(TProtocol p) throws TException {
		p.writeStructBegin(ARGS);
		endStruct(p);
	}

	private static void endStruct(TProtocol p) throws TException {
		p.writeFieldStop();
		p.writeStructEnd();
	}

	private static void writeI32(TProtocol p, int id, int value) throws TException {
		p.writeFieldBegin(new TField("", TType.I32, (short) id));
		p.writeI32(value);
		p.writeFieldEnd();
	}

	private static void writeI64(TProtocol p, int id, long value) throws TException {
		p.writeFieldBegin(new TField("", TType.I64, (short) id));
		p.writeI64(value);
		p.writeFieldEnd();
	}

	private static void writeBool(TProtocol p, int id, boolean value) throws TException {
		p.writeFieldBegin(new TField("", TType.BOOL, (short) id));
		p.writeBool(value);
		p.writeFieldEnd();
	}

	private static void writeString(TProtocol p, int id, String value) throws TException {
		p.writeFieldBegin(new TField("", TType.STRING, (short) id));
		p.writeString(value);
		p.writeFieldEnd();
	}

	private static void writeBinary(TProtocol p, int id, ByteBuffer value) throws TException {
		p.writeFieldBegin(new TField("", TType.STRING, (short) id));
		p.writeBinary(value);
		p.writeFieldEnd();
	}

	@FunctionalInterface
	private interface Writer {

		void write(TProtocol protocol) throws TException;

	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(TProtocol protocol, DecodeBudget budget) throws TException;

	}

}
