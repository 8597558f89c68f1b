package io.github.iotdbtable.benchmarks;

import java.util.List;

import io.github.iotdbtable.benchmarks.data.NarrowData;
import io.github.iotdbtable.benchmarks.data.ScenarioClient;
import io.github.iotdbtable.benchmarks.data.ScenarioRunner;
import io.github.iotdbtable.benchmarks.data.WideData;
import io.github.iotdbtable.client.ColumnarTablet;
import io.github.iotdbtable.client.DataType;
import io.github.iotdbtable.client.Row;
import io.github.iotdbtable.client.SessionDataSet;
import io.github.iotdbtable.client.TableSession;
import io.github.iotdbtable.client.TableSessionConfig;
import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.client.TableSessionPoolConfig;

/**
 * This client's side of the ingest and query scenarios of {@link ScenarioRunner}, run in
 * a JVM of its own by {@link SideBySide}. Tablets are built from the primitive arrays,
 * nulls marked in each column's mask.
 */
public final class Scenarios implements ScenarioClient {

	private final String nodeUrl;

	private final TableSession session;

	private Scenarios(String nodeUrl) {
		this.nodeUrl = nodeUrl;
		this.session = TableSession
			.open(TableSessionConfig.builder().nodeUrls(nodeUrl).database("bench").fetchSize(NarrowData.BATCH).build());
	}

	public static void main(String[] args) throws Exception {
		ScenarioRunner.run(args, Scenarios::new);
	}

	@Override
	public void execute(String sql) {
		this.session.executeNonQueryStatement(sql);
	}

	@Override
	public void insertNarrow(String table, NarrowData data, int batch) {
		this.session.insert(narrowTablet(table, data, batch));
	}

	static ColumnarTablet narrowTablet(String table, NarrowData data, int batch) {
		return ColumnarTablet.builder(table, data.times().get(batch))
			.tag("device", data.devices().get(batch))
			.field("s1", DataType.DOUBLE, data.s1().get(batch))
			.field("s2", DataType.DOUBLE, data.s2().get(batch))
			.field("s3", DataType.DOUBLE, data.s3().get(batch))
			.build();
	}

	@Override
	public void insertWide(String table, WideData.Batch batch) {
		List<String> names = WideData.FIELD_NAMES;
		this.session.insert(ColumnarTablet.builder(table, batch.times())
			.tag("device", batch.devices())
			.field(names.get(0), DataType.BOOLEAN, batch.booleans(), batch.nulls()[0])
			.field(names.get(1), DataType.INT32, batch.ints(), batch.nulls()[1])
			.field(names.get(2), DataType.INT64, batch.longs(), batch.nulls()[2])
			.field(names.get(3), DataType.FLOAT, batch.floats(), batch.nulls()[3])
			.field(names.get(4), DataType.DOUBLE, batch.doubles(), batch.nulls()[4])
			.field(names.get(5), DataType.TEXT, batch.texts(), batch.nulls()[5])
			.field(names.get(6), DataType.STRING, batch.strings(), batch.nulls()[6])
			.field(names.get(7), DataType.BLOB, batch.blobs(), batch.nulls()[7])
			.field(names.get(8), DataType.DATE, batch.dates(), batch.nulls()[8])
			.field(names.get(9), DataType.TIMESTAMP, batch.timestamps(), batch.nulls()[9])
			.build());
	}

	@Override
	public PoolWriter openPool(int size) {
		TableSessionPool pool = new TableSessionPool(
				TableSessionPoolConfig.builder().nodeUrls(this.nodeUrl).database("bench").maxPoolSize(size).build());
		return new PoolWriter() {

			@Override
			public void insertNarrow(String table, NarrowData data, int batch) {
				try (TableSession session = pool.getSession()) {
					session.insert(narrowTablet(table, data, batch));
				}
			}

			@Override
			public void close() {
				pool.close();
			}

		};
	}

	@Override
	public long scan(String table) {
		long rows = 0;
		double sum = 0;
		try (SessionDataSet result = this.session.executeQueryStatement(NarrowData.SELECT_ALL.formatted(table))) {
			while (result.hasNext()) {
				Row row = result.next();
				sum += row.getLong(0) + row.getString(1).length() + row.getDouble(2) + row.getDouble(3)
						+ row.getDouble(4);
				rows++;
			}
		}
		if (sum == 42) {
			System.out.println();
		}
		return rows;
	}

	@Override
	public void close() {
		this.session.close();
	}

}
