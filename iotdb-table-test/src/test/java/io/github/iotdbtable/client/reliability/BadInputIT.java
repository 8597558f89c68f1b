package io.github.iotdbtable.client.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.iotdbtable.client.ColumnCategory;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.StatementExecutionException;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;
import io.github.iotdbtable.client.Tablet;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A catalogue of bad input, one case a line: each is refused with the expected exception,
 * whose message names the culprit (setting, column, row, status code), and afterwards the
 * same session and the same pool still write and read. Settings and tablets are refused
 * by the client before any I/O; statements by the real server.
 */
@IoTDBTest
class BadInputIT {

	private static final String SELECT_ONE = "SELECT time, device, temperature FROM readings WHERE time = 1";

	private static final AtomicLong nextTime = new AtomicLong(1_000);

	private static TableSession session;

	private static TableSessionPool pool;

	@BeforeAll
	static void openSessionAndPool(TestDatabase database) {
		session = database.openSession();
		session.executeNonQueryStatement(
				"CREATE TABLE readings (device STRING TAG, site STRING ATTRIBUTE, temperature DOUBLE FIELD)");
		session.insert(Tablet.builder("readings")
			.tag("device")
			.attribute("site")
			.field("temperature", DataType.DOUBLE)
			.build()
			.addRow(1L, "d1", "north", 20.5));
		pool = new TableSessionPool(database.poolConfig().maxPoolSize(2).build());
	}

	@AfterAll
	static void close() {
		pool.close();
		session.close();
	}

	static Stream<Case> cases() {
		return Stream.of(
				// settings of a session
				bad("node url without a port", (t) -> TableSessionConfig.builder().nodeUrls("127.0.0.1").build(),
						IllegalArgumentException.class, "node url '127.0.0.1'"),
				bad("node url with port 0", (t) -> TableSessionConfig.builder().nodeUrls("127.0.0.1:0").build(),
						IllegalArgumentException.class, "node url '127.0.0.1:0'"),
				bad("node url with port 70000", (t) -> TableSessionConfig.builder().nodeUrls("127.0.0.1:70000").build(),
						IllegalArgumentException.class, "node url '127.0.0.1:70000'"),
				bad("node url with a port that is no number",
						(t) -> TableSessionConfig.builder().nodeUrls("host:abc").build(),
						IllegalArgumentException.class, "node url 'host:abc'"),
				bad("node url that is blank",
						(t) -> TableSessionConfig.builder().nodeUrls("127.0.0.1:6667", " ").build(),
						IllegalArgumentException.class, "node url must not be empty"),
				bad("node url that is null among good ones",
						(t) -> TableSessionConfig.builder().nodeUrls("127.0.0.1:6667", null).build(),
						IllegalArgumentException.class, "node url must not be empty"),
				bad("empty list of node urls", (t) -> TableSessionConfig.builder().nodeUrls(List.of()).build(),
						IllegalArgumentException.class, "nodeUrls"),
				bad("null list of node urls", (t) -> TableSessionConfig.builder().nodeUrls((List<String>) null).build(),
						IllegalArgumentException.class, "nodeUrls"),
				bad("fetch size 0", (t) -> TableSessionConfig.builder().fetchSize(0).build(),
						IllegalArgumentException.class, "fetchSize", "was 0"),
				bad("negative fetch size", (t) -> TableSessionConfig.builder().fetchSize(-5).build(),
						IllegalArgumentException.class, "fetchSize", "was -5"),
				bad("negative connect timeout",
						(t) -> TableSessionConfig.builder().connectTimeout(Duration.ofSeconds(-1)).build(),
						IllegalArgumentException.class, "connectTimeout must not be negative"),
				bad("null read timeout", (t) -> TableSessionConfig.builder().readTimeout(null).build(),
						IllegalArgumentException.class, "readTimeout must not be null"),
				bad("read timeout beyond what a socket takes",
						(t) -> TableSessionConfig.builder().readTimeout(Duration.ofDays(30)).build(),
						IllegalArgumentException.class, "readTimeout must be at most"),
				bad("query timeout below a millisecond",
						(t) -> TableSessionConfig.builder().queryTimeout(Duration.ofNanos(10)).build(),
						IllegalArgumentException.class, "queryTimeout must be at least 1 ms"),
				bad("empty user name", (t) -> TableSessionConfig.builder().username("").build(),
						IllegalArgumentException.class, "username must not be empty"),
				bad("null user name", (t) -> TableSessionConfig.builder().username(null).build(),
						IllegalArgumentException.class, "username must not be empty"),
				bad("null password", (t) -> TableSessionConfig.builder().password(null).build(),
						IllegalArgumentException.class, "password must not be null"),
				bad("blank database name", (t) -> TableSessionConfig.builder().database("  ").build(),
						IllegalArgumentException.class, "database must not be blank"),
				bad("unknown time zone", (t) -> TableSessionConfig.builder().timeZone("Mars/Olympus"),
						IllegalArgumentException.class, "timeZone 'Mars/Olympus'"),
				bad("null time zone", (t) -> TableSessionConfig.builder().timeZone((ZoneId) null).build(),
						IllegalArgumentException.class, "timeZone must not be null"),
				bad("trust store that does not exist",
						(t) -> TableSessionConfig.builder().trustStore(Path.of("no-such-trust.p12"), "x"),
						IllegalArgumentException.class, "trust store 'no-such-trust.p12'"),
				// settings of a pool
				bad("pool size 0", (t) -> TableSessionPoolConfig.builder().maxPoolSize(0).build(),
						IllegalArgumentException.class, "maxPoolSize must be at least 1, was 0"),
				bad("negative pool size", (t) -> TableSessionPoolConfig.builder().maxPoolSize(-3).build(),
						IllegalArgumentException.class, "maxPoolSize must be at least 1, was -3"),
				bad("more idle sessions than the pool holds",
						(t) -> TableSessionPoolConfig.builder().maxPoolSize(2).minIdle(3).build(),
						IllegalArgumentException.class, "minIdle", "was 3"),
				bad("negative idle sessions", (t) -> TableSessionPoolConfig.builder().minIdle(-1).build(),
						IllegalArgumentException.class, "minIdle", "was -1"),
				bad("negative retries", (t) -> TableSessionPoolConfig.builder().maxRetry(-1).build(),
						IllegalArgumentException.class, "maxRetry must not be negative"),
				bad("negative wait timeout", (t) -> TableSessionPoolConfig.builder().waitTimeoutInMs(-1).build(),
						IllegalArgumentException.class, "waitTimeout must not be negative"),
				bad("null idle timeout", (t) -> TableSessionPoolConfig.builder().idleTimeout(null).build(),
						IllegalArgumentException.class, "idleTimeout must not be null"),
				bad("negative lifetime",
						(t) -> TableSessionPoolConfig.builder().maxLifetime(Duration.ofMinutes(-1)).build(),
						IllegalArgumentException.class, "maxLifetime must not be negative"),
				bad("blank pool name", (t) -> TableSessionPoolConfig.builder().poolName(" ").build(),
						IllegalArgumentException.class, "poolName must not be blank"),
				bad("bad node url of a pool",
						(t) -> TableSessionPoolConfig.builder().nodeUrls("10.0.0.1:6667", "10.0.0.2").build(),
						IllegalArgumentException.class, "node url '10.0.0.2'"),
				bad("fetch size 0 of a pool", (t) -> TableSessionPoolConfig.builder().fetchSize(0).build(),
						IllegalArgumentException.class, "fetchSize"),
				// row-wise tablets
				bad("tablet: row with fewer values than columns", (t) -> readings().addRow(1L, "d1", "north"),
						IllegalArgumentException.class, "row 0 has 2 values for 3 columns"),
				bad("tablet: String into a DOUBLE column", (t) -> readings().addRow(1L, "d1", "north", "hot"),
						IllegalArgumentException.class, "column 'temperature'", "got String"),
				bad("tablet: Integer into a DOUBLE column", (t) -> readings().addRow(1L, "d1", "north", 20),
						IllegalArgumentException.class, "column 'temperature'", "got Integer"),
				bad("tablet: Double into a tag", (t) -> readings().addRow(1L, 1.5, "north", 20.5),
						IllegalArgumentException.class, "column 'device'", "got Double"),
				bad("tablet: bad value in the third row", BadInputIT::badThirdRow, IllegalArgumentException.class,
						"row 2", "column 'temperature'"),
				bad("tablet: duplicate column names",
						(t) -> Tablet.builder("readings")
							.tag("device")
							.field("temperature", DataType.DOUBLE)
							.field("Temperature", DataType.FLOAT)
							.build(),
						IllegalArgumentException.class, "column name 'Temperature' appears twice"),
				bad("tablet: empty column name",
						(t) -> Tablet.builder("readings").tag("device").field("", DataType.DOUBLE).build(),
						IllegalArgumentException.class, "column 1 has an empty name"),
				bad("tablet: null table name", (t) -> Tablet.builder(null).tag("device").build(),
						IllegalArgumentException.class, "table name must not be empty"),
				bad("tablet: no columns", (t) -> Tablet.builder("readings").build(), IllegalArgumentException.class,
						"tablet 'readings' has no columns"),
				bad("tablet: column without a type",
						(t) -> Tablet.builder("readings").field("temperature", null).build(),
						IllegalArgumentException.class, "column 'temperature' has no data type"),
				bad("tablet: more column names than types",
						(t) -> new Tablet("readings", List.of("device", "temperature"), List.of(DataType.STRING),
								List.of(ColumnCategory.TAG, ColumnCategory.FIELD)),
						IllegalArgumentException.class, "2 column names but 1 data types"),
				bad("tablet: a null timestamp", BadInputIT::nullTimestamp, IllegalArgumentException.class,
						"row 1 has no timestamp"),
				bad("tablet: fewer timestamps than rows", BadInputIT::fewerTimestamps, IllegalArgumentException.class,
						"1 timestamps for 2 rows"),
				bad("tablet: a null instant", (t) -> readings().addRow((Instant) null, "d1", "north", 1.0),
						IllegalArgumentException.class, "row 0 has no timestamp"),
				bad("tablet: a date after the year 9999",
						(t) -> Tablet.builder("dates")
							.field("day", DataType.DATE)
							.build()
							.addRow(1L, LocalDate.of(10_000, 1, 1)),
						IllegalArgumentException.class, "column 'day'", "outside the years"),
				bad("tablet: an instant beyond the server's precision, on insert", BadInputIT::instantOutOfRange,
						IllegalArgumentException.class, "row 0", "does not fit the server's ms timestamps"),
				bad("tablet: a value of a type the table's column does not have", BadInputIT::stringIntoDoubleTable,
						StatementExecutionException.class, "507", "temperature"),
				// columnar tablets
				bad("columnar: too large for one request", BadInputIT::tooLargeForOneRequest,
						IllegalArgumentException.class, "tablet 'readings' of 80 rows is too large", "frame limit"),
				bad("columnar: value array shorter than timestamps", BadInputIT::shortColumn,
						IllegalArgumentException.class, "column 'temperature'", "1 values for 2 rows"),
				bad("columnar: String[] for a DOUBLE column",
						(t) -> ColumnarTablet.builder("readings", new long[] { 1 })
							.field("temperature", DataType.DOUBLE, new String[] { "hot" })
							.build(),
						IllegalArgumentException.class, "column 'temperature'", "expected double[], got String[]"),
				bad("columnar: null timestamps",
						(t) -> ColumnarTablet.builder("readings", null)
							.field("temperature", DataType.DOUBLE, new double[0])
							.build(),
						IllegalArgumentException.class, "tablet 'readings' has no timestamps"),
				bad("columnar: null value array",
						(t) -> ColumnarTablet.builder("readings", new long[] { 1 })
							.field("temperature", DataType.DOUBLE, null)
							.build(),
						IllegalArgumentException.class, "column 'temperature'", "has no value array"),
				bad("columnar: more rows than timestamps",
						(t) -> ColumnarTablet.builder("readings", new long[] { 1, 2, 3 }, 5)
							.field("temperature", DataType.DOUBLE, new double[5])
							.build(),
						IllegalArgumentException.class, "row count 5 but 3 timestamps"),
				bad("columnar: negative row count",
						(t) -> ColumnarTablet.builder("readings", new long[] { 1 }, -1)
							.field("temperature", DataType.DOUBLE, new double[1])
							.build(),
						IllegalArgumentException.class, "row count -1"),
				bad("columnar: int date that is no date",
						(t) -> ColumnarTablet.builder("dates", new long[] { 1 })
							.field("day", DataType.DATE, new int[] { 20241341 })
							.build(),
						IllegalArgumentException.class, "column 'day'", "20241341 is not a date"),
				bad("columnar: fewer null masks than columns", BadInputIT::fewerNullMasks,
						IllegalArgumentException.class, "2 value arrays and 1 null masks"),
				// statements
				bad("SQL: syntax error",
						(t) -> t.session().executeNonQueryStatement("CREAT TABLE oops (a INT32 FIELD)"),
						StatementExecutionException.class, "700"),
				bad("SQL: unknown table", (t) -> query(t.session(), "SELECT * FROM no_such_table"),
						StatementExecutionException.class, "550", "no_such_table"),
				bad("SQL: unknown column", (t) -> query(t.session(), "SELECT no_such_column FROM readings"),
						StatementExecutionException.class, "616", "no_such_column"),
				bad("SQL: text into a DOUBLE column",
						(t) -> t.session()
							.executeNonQueryStatement(
									"INSERT INTO readings(time, device, temperature) VALUES (5, 'd1', 'hot')"),
						StatementExecutionException.class, "507", "temperature"),
				bad("SQL: USE of an unknown database",
						(t) -> t.session().executeNonQueryStatement("USE no_such_database"),
						StatementExecutionException.class, "500", "no_such_database"),
				bad("SQL: empty statement", (t) -> t.session().executeNonQueryStatement(""),
						IllegalArgumentException.class, "sql must not be empty"),
				bad("SQL: blank query", (t) -> query(t.session(), "  "), IllegalArgumentException.class,
						"sql must not be empty"),
				bad("SQL: negative query timeout", (t) -> t.session().executeQueryStatement(SELECT_ONE, -1).close(),
						IllegalArgumentException.class, "query timeout must not be negative"),
				bad("SQL through the pool: syntax error",
						(t) -> pooled(t, (s) -> s.executeNonQueryStatement("SELEC 1")),
						StatementExecutionException.class, "700"),
				bad("SQL through the pool: unknown table",
						(t) -> pooled(t, (s) -> query(s, "SELECT * FROM no_such_table")),
						StatementExecutionException.class, "550", "no_such_table"),
				bad("SQL through the pool: bad tablet",
						(t) -> pooled(t,
								(s) -> s.insert(ColumnarTablet.builder("readings", new long[] { 1, 2 })
									.field("temperature", DataType.DOUBLE, new double[1])
									.build())),
						IllegalArgumentException.class, "column 'temperature'"),
				// data sets
				bad("data set: getDouble on a STRING column",
						(t) -> firstRow(t, (rows) -> rows.next().getDouble("device")), IllegalArgumentException.class,
						"column 'device' is STRING", "getDouble"),
				bad("data set: getInt on a DOUBLE column", (t) -> firstRow(t, (rows) -> rows.next().getInt(2)),
						IllegalArgumentException.class, "column 'temperature' is DOUBLE", "getInt"),
				bad("data set: getTimestamp on a DOUBLE column",
						(t) -> firstRow(t, (rows) -> rows.next().getTimestamp("temperature")),
						IllegalArgumentException.class, "column 'temperature' is DOUBLE"),
				bad("data set: unknown column name", (t) -> firstRow(t, (rows) -> rows.next().getString("nope")),
						IllegalArgumentException.class, "no column 'nope'"),
				bad("data set: column index out of range", (t) -> firstRow(t, (rows) -> rows.next().getObject(7)),
						IndexOutOfBoundsException.class, "column 7 of a result with 3 columns"),
				bad("data set: negative column index", (t) -> firstRow(t, (rows) -> rows.next().isNull(-1)),
						IndexOutOfBoundsException.class, "column -1"),
				bad("data set: row read after the end was reached", BadInputIT::rowAfterTheEnd,
						IllegalStateException.class, "no current row"),
				bad("data set: next() past the end", (t) -> firstRow(t, (rows) -> rows.next() + "" + rows.next()),
						NoSuchElementException.class, "no more rows"),
				bad("data set: next() after close", BadInputIT::nextAfterClose, NoSuchElementException.class,
						"the data set is closed"),
				bad("data set: getter after close", BadInputIT::readAfterClose, IllegalStateException.class,
						"the data set is closed"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void isRefusedNamingTheCulpritAndTheSessionAndPoolStillWork(Case bad) {
		Throwable thrown = catchThrowable(() -> bad.action().run(new Target(session, pool)));
		assertThat(thrown).as(bad.description()).isInstanceOf(bad.type());
		for (String culprit : bad.culprits()) {
			assertThat(thrown).as(bad.description()).hasMessageContaining(culprit);
		}
		assertStillWorks();
	}

	@Test
	void catalogueHasFortyCasesOrMore() {
		assertThat(cases().count()).isGreaterThanOrEqualTo(40);
	}

	@Test
	void rowsOutOfTimeOrderAreSortedByTheClientAndAllWritten() {
		Tablet tablet = readings();
		tablet.addRow(30_003L, "sorted", "north", 3.0)
			.addRow(30_001L, "sorted", "north", 1.0)
			.addRow(30_002L, "sorted", "north", 2.0);
		session.insert(tablet);
		assertThat(doubles("SELECT temperature FROM readings WHERE device = 'sorted' ORDER BY time"))
			.containsExactly(1.0, 2.0, 3.0);
	}

	@Test
	void aNullTagIsWrittenAndReadBackAsNull() {
		session.insert(readings().addRow(40_000L, null, "north", 4.5));
		try (SessionDataSet rows = session
			.executeQueryStatement("SELECT device, temperature FROM readings WHERE time = 40000")) {
			assertThat(rows.hasNext()).isTrue();
			Row row = rows.next();
			assertThat(row.isNull("device")).isTrue();
			assertThat(row.getDouble("temperature")).isEqualTo(4.5);
		}
	}

	/**
	 * The shared session and pool write a row each and read it back, and the pool has
	 * nothing borrowed.
	 */
	private static void assertStillWorks() {
		assertThat(session.isOpen()).isTrue();
		long time = nextTime.incrementAndGet();
		session.insert(readings().addRow(time, "check", "north", (double) time));
		assertThat(doubles("SELECT temperature FROM readings WHERE device = 'check' AND time = " + time))
			.containsExactly((double) time);
		assertThat(pool.getStats().active()).isZero();
		long pooledTime = nextTime.incrementAndGet();
		try (TableSession borrowed = pool.getSession()) {
			borrowed.insert(readings().addRow(pooledTime, "check", "north", (double) pooledTime));
			try (SessionDataSet rows = borrowed.executeQueryStatement(
					"SELECT temperature FROM readings WHERE device = 'check' AND time = " + pooledTime)) {
				assertThat(rows.hasNext()).isTrue();
				assertThat(rows.next().getDouble(0)).isEqualTo(pooledTime);
			}
		}
		assertThat(pool.getStats().active()).isZero();
	}

	private static List<Double> doubles(String sql) {
		List<Double> values = new ArrayList<>();
		try (SessionDataSet rows = session.executeQueryStatement(sql)) {
			while (rows.hasNext()) {
				values.add(rows.next().getDouble(0));
			}
		}
		return values;
	}

	private static Tablet readings() {
		return Tablet.builder("readings").tag("device").attribute("site").field("temperature", DataType.DOUBLE).build();
	}

	private static void query(TableSession session, String sql) {
		session.executeQueryStatement(sql).close();
	}

	private static void pooled(Target target, SessionAction action) throws Exception {
		try (TableSession borrowed = target.pool().getSession()) {
			action.run(borrowed);
		}
	}

	private static void firstRow(Target target, DataSetAction action) throws Exception {
		try (SessionDataSet rows = target.session().executeQueryStatement(SELECT_ONE)) {
			action.run(rows);
		}
	}

	private static void rowAfterTheEnd(Target target) {
		try (SessionDataSet rows = target.session().executeQueryStatement(SELECT_ONE)) {
			Row row = rows.next();
			assertThat(rows.hasNext()).isFalse();
			row.getDouble("temperature");
		}
	}

	private static void badThirdRow(Target target) {
		Tablet tablet = readings();
		tablet.addRow(1L, "d1", "north", 1.0).addRow(2L, "d1", "north", 2.0);
		tablet.addRow(3L, "d1", "north", "3.0");
	}

	private static void nullTimestamp(Target target) {
		new Tablet("readings", List.of("device", "temperature"), List.of(DataType.STRING, DataType.DOUBLE),
				List.of(List.of("d1", 1.0), List.of("d1", 2.0)), Arrays.asList(1L, null),
				List.of(ColumnCategory.TAG, ColumnCategory.FIELD));
	}

	private static void fewerTimestamps(Target target) {
		new Tablet("readings", List.of("device", "temperature"), List.of(DataType.STRING, DataType.DOUBLE),
				List.of(List.of("d1", 1.0), List.of("d1", 2.0)), List.of(1L),
				List.of(ColumnCategory.TAG, ColumnCategory.FIELD));
	}

	private static void instantOutOfRange(Target target) {
		target.session().insert(readings().addRow(Instant.MAX, "d1", "north", 1.0));
	}

	private static void stringIntoDoubleTable(Target target) {
		target.session()
			.insert(Tablet.builder("readings")
				.tag("device")
				.field("temperature", DataType.STRING)
				.build()
				.addRow(7L, "d1", "hot"));
	}

	private static void tooLargeForOneRequest(Target target) {
		byte[] mebibyte = new byte[1024 * 1024];
		byte[][] blobs = new byte[80][];
		Arrays.fill(blobs, mebibyte);
		long[] times = new long[80];
		Arrays.setAll(times, (i) -> nextTime.incrementAndGet());
		try (TableSession borrowed = target.pool().getSession()) {
			borrowed.insert(ColumnarTablet.builder("readings", times).field("payload", DataType.BLOB, blobs).build());
		}
	}

	private static void shortColumn(Target target) {
		ColumnarTablet.builder("readings", new long[] { 1, 2 })
			.tag("device", new String[] { "d1", "d1" })
			.field("temperature", DataType.DOUBLE, new double[] { 1.0 })
			.build();
	}

	private static void fewerNullMasks(Target target) {
		new ColumnarTablet("readings", List.of("device", "temperature"), List.of(DataType.STRING, DataType.DOUBLE),
				List.of(ColumnCategory.TAG, ColumnCategory.FIELD), new long[] { 1 },
				List.of(new String[] { "d1" }, new double[] { 1.0 }), List.of(new BitSet()));
	}

	private static void nextAfterClose(Target target) {
		SessionDataSet rows = target.session().executeQueryStatement(SELECT_ONE);
		rows.close();
		rows.next();
	}

	private static void readAfterClose(Target target) {
		SessionDataSet rows = target.session().executeQueryStatement(SELECT_ONE);
		Row row = rows.next();
		rows.close();
		row.getDouble("temperature");
	}

	private static Case bad(String description, Action action, Class<? extends Throwable> type, String... culprits) {
		return new Case(description, action, type, List.of(culprits));
	}

	/** What a bad input acts on: the shared session and pool, which must survive it. */
	record Target(TableSession session, TableSessionPool pool) {
	}

	@FunctionalInterface
	interface Action {

		void run(Target target) throws Exception;

	}

	@FunctionalInterface
	interface SessionAction {

		void run(TableSession session) throws Exception;

	}

	@FunctionalInterface
	interface DataSetAction {

		Object run(SessionDataSet rows) throws Exception;

	}

	record Case(String description, Action action, Class<? extends Throwable> type, List<String> culprits) {

		@Override
		public String toString() {
			return this.description;
		}

	}

}
