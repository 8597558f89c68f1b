package io.github.iotdbtable.samples.sensors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.spring.core.TableTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

/**
 * The readings table: {@code device_id} and {@code site} TAGs, {@code model} ATTRIBUTE,
 * {@code temperature} and {@code humidity} FIELDs. Every value put into SQL here is
 * checked by the controller or is a number.
 */
@Repository
public class ReadingRepository {

	private final TableTemplate template;

	public ReadingRepository(TableTemplate template) {
		this.template = template;
	}

	/** Creates the database and the table when missing. */
	public void createSchema(String database) {
		this.template.execute("CREATE DATABASE IF NOT EXISTS " + database);
		this.template.execute("CREATE TABLE IF NOT EXISTS " + database + ".readings (device_id STRING TAG, "
				+ "site STRING TAG, model STRING ATTRIBUTE, temperature DOUBLE FIELD, humidity DOUBLE FIELD)");
	}

	/** Writes readings, already checked, in one columnar tablet. */
	public void insert(List<Reading> readings) {
		int rows = readings.size();
		long[] times = new long[rows];
		String[] devices = new String[rows];
		String[] sites = new String[rows];
		String[] models = new String[rows];
		Double[] temperatures = new Double[rows];
		Double[] humidities = new Double[rows];
		for (int i = 0; i < rows; i++) {
			Reading reading = readings.get(i);
			times[i] = Objects.requireNonNull(reading.time(), "time").toEpochMilli();
			devices[i] = reading.deviceId();
			sites[i] = reading.site();
			models[i] = reading.model();
			temperatures[i] = reading.temperature();
			humidities[i] = reading.humidity();
		}
		this.template.insert(ColumnarTablet.builder("readings", times)
			.tag("device_id", devices)
			.tag("site", sites)
			.attribute("model", models)
			.field("temperature", DataType.DOUBLE, unboxed(temperatures), nulls(temperatures))
			.field("humidity", DataType.DOUBLE, unboxed(humidities), nulls(humidities))
			.build());
	}

	/** The last reading of each device. */
	public List<Reading> latestPerDevice() {
		// last_by gives the values at the latest time, null included, rather than each
		// field's latest non-null value
		return this.template.query("SELECT device_id, site, model, max(time) AS time, "
				+ "last_by(temperature, time) AS temperature, last_by(humidity, time) AS humidity FROM readings "
				+ "GROUP BY device_id, site, model ORDER BY device_id, site",
				(row, n) -> new Reading(row.getString("device_id"), row.getString("site"), row.getString("model"),
						row.getTimestamp("time"), number(row.isNull("temperature"), row.getDouble("temperature")),
						number(row.isNull("humidity"), row.getDouble("humidity"))));
	}

	/** Readings of one device in a time range, oldest first, one page of them. */
	public List<Reading> range(String deviceId, Instant from, Instant to, int page, int size) {
		return this.template.query(
				"SELECT time, device_id, site, model, temperature, humidity FROM readings " + "WHERE device_id = '"
						+ deviceId + "' AND time >= " + from.toEpochMilli() + " AND time < " + to.toEpochMilli()
						+ " ORDER BY time OFFSET " + ((long) page * size) + " LIMIT " + size,
				(row, n) -> new Reading(row.getString("device_id"), row.getString("site"), row.getString("model"),
						row.getTimestamp("time"), number(row.isNull("temperature"), row.getDouble("temperature")),
						number(row.isNull("humidity"), row.getDouble("humidity"))));
	}

	/**
	 * Count, mean, minimum and maximum temperature and mean humidity of one device per
	 * time bucket.
	 */
	public List<Bucket> aggregate(String deviceId, Instant from, Instant to, String bucket) {
		return this.template.query("SELECT date_bin(" + bucket + ", time) AS bucket, count(*) AS readings, "
				+ "avg(temperature) AS avg_temperature, min(temperature) AS min_temperature, "
				+ "max(temperature) AS max_temperature, avg(humidity) AS avg_humidity FROM readings WHERE device_id = '"
				+ deviceId + "' AND time >= " + from.toEpochMilli() + " AND time < " + to.toEpochMilli()
				+ " GROUP BY date_bin(" + bucket + ", time) ORDER BY bucket",
				(row, n) -> new Bucket(row.getTimestamp("bucket"), row.getLong("readings"),
						number(row.isNull("avg_temperature"), row.getDouble("avg_temperature")),
						number(row.isNull("min_temperature"), row.getDouble("min_temperature")),
						number(row.isNull("max_temperature"), row.getDouble("max_temperature")),
						number(row.isNull("avg_humidity"), row.getDouble("avg_humidity"))));
	}

	public long count() {
		Long count = this.template.queryForObject("SELECT count(*) FROM readings", Long.class);
		return (count != null) ? count : 0;
	}

	private static @Nullable Double number(boolean isNull, double value) {
		return isNull ? null : value;
	}

	private static double[] unboxed(@Nullable Double[] values) {
		double[] unboxed = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			unboxed[i] = (values[i] != null) ? values[i] : 0;
		}
		return unboxed;
	}

	private static java.util.BitSet nulls(@Nullable Double[] values) {
		java.util.BitSet nulls = new java.util.BitSet(values.length);
		for (int i = 0; i < values.length; i++) {
			nulls.set(i, values[i] == null);
		}
		return nulls;
	}

	/** One time bucket of {@link #aggregate}. */
	public record Bucket(@Nullable Instant start, long readings, @Nullable Double avgTemperature,
			@Nullable Double minTemperature, @Nullable Double maxTemperature, @Nullable Double avgHumidity) {
	}

}
