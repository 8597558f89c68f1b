package io.github.iotdbtable.spring.it;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.spring.core.DataSetExtractor;
import io.github.iotdbtable.spring.core.RowCallbackHandler;
import io.github.iotdbtable.spring.core.RowMapper;
import io.github.iotdbtable.spring.core.SessionCallback;
import io.github.iotdbtable.spring.core.TableTemplate;
import io.github.iotdbtable.spring.core.TabletMapper;
import io.github.iotdbtable.test.IoTDBTest;
import io.github.iotdbtable.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a user's callback throws reaches the caller unchanged, as with JdbcTemplate: only
 * the client's own exceptions are translated. Whatever is thrown, an {@link Error}
 * included, the session goes back to the pool and the data set is closed.
 */
@IoTDBTest
class CallbackExceptionsIT {

	private static final String QUERY = "SELECT time, device, temperature FROM readings ORDER BY time";

	private static TableSessionPool pool;

	private static TableTemplate template;

	@BeforeAll
	static void openThePool(TestDatabase database) {
		pool = new TableSessionPool(database.poolConfig().poolName("callbacks-it").build());
		template = new TableTemplate(pool);
		template.execute("CREATE TABLE IF NOT EXISTS readings (device STRING TAG, temperature DOUBLE FIELD)");
		template.execute("INSERT INTO readings (time, device, temperature) VALUES (1, 'd1', 1.5), (2, 'd1', 2.5)");
	}

	@AfterAll
	static void closeThePool() {
		pool.close();
	}

	@AfterEach
	void everySessionIsBack() {
		assertThat(pool.getStats().active()).as("sessions still borrowed").isZero();
	}

	@Test
	void aUsersRuntimeExceptionFromEachCallbackArrivesUnchanged() {
		for (RuntimeException thrown : List.of(new UserException(), new IllegalArgumentException("user's argument"),
				new IllegalStateException("user's state"), new IndexOutOfBoundsException("user's index"))) {
			assertThrownUnchanged(thrown, (ex) -> template.query(QUERY, rowMapper(ex)));
			assertThrownUnchanged(thrown, (ex) -> template.queryForObject(QUERY + " LIMIT 1", rowMapper(ex)));
			assertThrownUnchanged(thrown, (ex) -> {
				try (Stream<Object> rows = template.queryForStream(QUERY, rowMapper(ex))) {
					rows.forEach((row) -> {
					});
				}
			});
			assertThrownUnchanged(thrown, (ex) -> template.query(QUERY, (RowCallbackHandler) (row) -> {
				throw ex;
			}));
			assertThrownUnchanged(thrown, (ex) -> template.query(QUERY, (DataSetExtractor<Object>) (dataSet) -> {
				throw ex;
			}));
			assertThrownUnchanged(thrown, (ex) -> template.execute((SessionCallback<Object>) (session) -> {
				throw ex;
			}));
			assertThrownUnchanged(thrown, (ex) -> template.insert(List.of(Instant.EPOCH), mapperFailingWith(ex)));
		}
	}

	@Test
	void aCheckedExceptionThrownSneakilyArrivesUnchanged() {
		IOException thrown = new IOException("user's I/O");
		Throwable caught = catchThrowable(() -> template.execute((SessionCallback<Object>) (session) -> {
			throw CallbackExceptionsIT.<RuntimeException>sneaky(thrown);
		}));
		assertThat(caught).isSameAs(thrown);
	}

	@Test
	void anErrorReturnsTheSessionAndClosesTheDataSet() {
		AtomicReference<SessionDataSet> seen = new AtomicReference<>();
		Error error = new AssertionError("user's error");
		assertThat(catchThrowable(() -> template.query(QUERY, (DataSetExtractor<Object>) (dataSet) -> {
			seen.set(dataSet);
			throw error;
		}))).isSameAs(error);
		assertThat(seen.get().isClosed()).isTrue();
		assertThat(pool.getStats().active()).isZero();

		assertThat(catchThrowable(() -> template.query(QUERY, (RowCallbackHandler) (row) -> {
			throw error;
		}))).isSameAs(error);
		assertThat(pool.getStats().active()).isZero();

		assertThat(catchThrowable(() -> template.execute((SessionCallback<Object>) (session) -> {
			seen.set(session.executeQueryStatement(QUERY));
			throw new OutOfMemoryError("user's allocation");
		}))).isInstanceOf(OutOfMemoryError.class);
		assertThat(seen.get().isClosed()).as("closed with its session").isTrue();
		assertThat(pool.getStats().active()).isZero();

		// a stream whose mapper failed gives its session back even though it is never
		// closed
		Stream<Object> rows = template.queryForStream(QUERY, (row, rowNumber) -> {
			throw error;
		});
		assertThat(catchThrowable(() -> rows.forEach((row) -> {
		}))).isSameAs(error);
		assertThat(pool.getStats().active()).isZero();
	}

	@Test
	void theClientsOwnExceptionsInsideACallbackAreStillTranslated() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> template.query(QUERY, (row, rowNumber) -> row.getDouble("no_such_column")))
			.withMessageContaining("no_such_column")
			.withCauseInstanceOf(IllegalArgumentException.class);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> template.query(QUERY, (row, rowNumber) -> row.getInt("device")))
			.withMessageContaining("device");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> template.insert(List.of(Instant.EPOCH),
					TabletMapper.<Instant>forTable("readings")
						.time((at) -> at)
						.field("temperature", DataType.DOUBLE, (at) -> "not a number")
						.build()))
			.withMessageContaining("temperature");
	}

	private static void assertThrownUnchanged(RuntimeException thrown, Consumer<RuntimeException> call) {
		assertThat(catchThrowable(() -> call.accept(thrown))).as("%s", thrown).isSameAs(thrown);
		assertThat(pool.getStats().active()).as("sessions borrowed after %s", thrown).isZero();
	}

	private static RowMapper<Object> rowMapper(RuntimeException ex) {
		return (row, rowNumber) -> {
			throw ex;
		};
	}

	private static TabletMapper<Instant> mapperFailingWith(RuntimeException ex) {
		return TabletMapper.<Instant>forTable("readings").time((at) -> at).tag("device", (at) -> {
			throw ex;
		}).field("temperature", DataType.DOUBLE, (at) -> 1.0).build();
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E sneaky(Throwable ex) throws E {
		throw (E) ex;
	}

	static final class UserException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UserException() {
			super("user's own failure");
		}

	}

}
