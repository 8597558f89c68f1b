package io.github.iotdbtable.benchmarks.official;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.github.iotdbtable.benchmarks.data.NarrowData;
import io.github.iotdbtable.benchmarks.data.ScenarioClient;
import io.github.iotdbtable.benchmarks.data.ScenarioRunner;
import io.github.iotdbtable.benchmarks.data.WideData;
import org.apache.iotdb.isession.ITableSession;
import org.apache.iotdb.isession.SessionDataSet;
import org.apache.iotdb.isession.pool.ITableSessionPool;
import org.apache.iotdb.rpc.IoTDBConnectionException;
import org.apache.iotdb.session.TableSessionBuilder;
import org.apache.iotdb.session.pool.TableSessionPoolBuilder;
import org.apache.tsfile.enums.ColumnCategory;
import org.apache.tsfile.enums.TSDataType;
import org.apache.tsfile.write.record.Tablet;

/**
 * The official client's side of the scenarios of {@link ScenarioRunner}, the counterpart
 * of {@code io.github.iotdbtable.benchmarks.Scenarios}, with the same data. Tablets are
 * filled with the official tablet's typed {@code addValue} calls and reused from batch to
 * batch; a null is a cell left unset.
 */
public final class OfficialScenarios implements ScenarioClient {

	private static final List<String> NARROW_COLUMNS = List.of("device", "s1", "s2", "s3");

	private static final List<TSDataType> NARROW_TYPES = List.of(TSDataType.STRING, TSDataType.DOUBLE,
			TSDataType.DOUBLE, TSDataType.DOUBLE);

	private static final List<ColumnCategory> NARROW_CATEGORIES = List.of(ColumnCategory.TAG, ColumnCategory.FIELD,
			ColumnCategory.FIELD, ColumnCategory.FIELD);

	/** Each writing thread fills a tablet of its own. */
	private static final ThreadLocal<Tablet> NARROW_TABLETS = new ThreadLocal<>();

	private static final ThreadLocal<Tablet> WIDE_TABLETS = new ThreadLocal<>();

	private final String nodeUrl;

	private final ITableSession session;

	private OfficialScenarios(String nodeUrl) throws Exception {
		this.nodeUrl = nodeUrl;
		this.session = new TableSessionBuilder().nodeUrls(List.of(nodeUrl))
			.database("bench")
			.fetchSize(NarrowData.BATCH)
			.enableCompression(false)
			.build();
	}

	public static void main(String[] args) throws Exception {
		ScenarioRunner.run(args, OfficialScenarios::new);
	}

	@Override
	public void execute(String sql) throws Exception {
		this.session.executeNonQueryStatement(sql);
	}

	@Override
	public void insertNarrow(String table, NarrowData data, int batch) throws Exception {
		this.session.insert(narrowTablet(table, data, batch));
	}

	private Tablet narrowTablet(String table, NarrowData data, int batch) {
		Tablet tablet = NARROW_TABLETS.get();
		if (tablet == null || !tablet.getTableName().equals(table)) {
			tablet = new Tablet(table, NARROW_COLUMNS, NARROW_TYPES, NARROW_CATEGORIES, NarrowData.BATCH);
			NARROW_TABLETS.set(tablet);
		}
		long[] times = data.times().get(batch);
		String[] devices = data.devices().get(batch);
		double[] s1 = data.s1().get(batch);
		double[] s2 = data.s2().get(batch);
		double[] s3 = data.s3().get(batch);
		tablet.reset();
		for (int i = 0; i < times.length; i++) {
			tablet.addTimestamp(i, times[i]);
			tablet.addValue(i, 0, devices[i]);
			tablet.addValue(i, 1, s1[i]);
			tablet.addValue(i, 2, s2[i]);
			tablet.addValue(i, 3, s3[i]);
		}
		return tablet;
	}

	@Override
	public void insertWide(String table, WideData.Batch batch) throws Exception {
		Tablet tablet = WIDE_TABLETS.get();
		if (tablet == null || !tablet.getTableName().equals(table)) {
			tablet = wideTablet(table);
			WIDE_TABLETS.set(tablet);
		}
		tablet.reset();
		BitSet[] nulls = batch.nulls();
		for (int i = 0; i < batch.size(); i++) {
			tablet.addTimestamp(i, batch.times()[i]);
			tablet.addValue(i, 0, batch.devices()[i]);
			if (!nulls[0].get(i)) {
				tablet.addValue(i, 1, batch.booleans()[i]);
			}
			if (!nulls[1].get(i)) {
				tablet.addValue(i, 2, batch.ints()[i]);
			}
			if (!nulls[2].get(i)) {
				tablet.addValue(i, 3, batch.longs()[i]);
			}
			if (!nulls[3].get(i)) {
				tablet.addValue(i, 4, batch.floats()[i]);
			}
			if (!nulls[4].get(i)) {
				tablet.addValue(i, 5, batch.doubles()[i]);
			}
			if (!nulls[5].get(i)) {
				tablet.addValue(i, 6, batch.texts()[i]);
			}
			if (!nulls[6].get(i)) {
				tablet.addValue(i, 7, batch.strings()[i]);
			}
			if (!nulls[7].get(i)) {
				tablet.addValue(i, 8, batch.blobs()[i]);
			}
			if (!nulls[8].get(i)) {
				tablet.addValue(i, 9, batch.dates()[i]);
			}
			if (!nulls[9].get(i)) {
				tablet.addValue(i, 10, batch.timestamps()[i]);
			}
		}
		this.session.insert(tablet);
	}

	private static Tablet wideTablet(String table) {
		List<String> columns = new ArrayList<>(List.of("device"));
		columns.addAll(WideData.FIELD_NAMES);
		List<TSDataType> types = new ArrayList<>(List.of(TSDataType.STRING));
		List<ColumnCategory> categories = new ArrayList<>(List.of(ColumnCategory.TAG));
		for (String type : WideData.FIELD_TYPES) {
			types.add(TSDataType.valueOf(type));
			categories.add(ColumnCategory.FIELD);
		}
		return new Tablet(table, columns, types, categories, NarrowData.BATCH);
	}

	@Override
	public PoolWriter openPool(int size) {
		ITableSessionPool pool = new TableSessionPoolBuilder().nodeUrls(List.of(this.nodeUrl))
			.database("bench")
			.maxSize(size)
			.enableIoTDBRpcCompression(false)
			.enableThriftCompression(false)
			.build();
		return new PoolWriter() {

			@Override
			public void insertNarrow(String table, NarrowData data, int batch) throws Exception {
				Tablet tablet = narrowTablet(table, data, batch);
				try (ITableSession session = pool.getSession()) {
					session.insert(tablet);
				}
			}

			@Override
			public void close() {
				pool.close();
			}

		};
	}

	@Override
	public long scan(String table) throws Exception {
		long rows = 0;
		double sum = 0;
		try (SessionDataSet result = this.session.executeQueryStatement(NarrowData.SELECT_ALL.formatted(table))) {
			SessionDataSet.DataIterator iterator = result.iterator();
			while (iterator.next()) {
				sum += iterator.getLong(1) + iterator.getString(2).length() + iterator.getDouble(3)
						+ iterator.getDouble(4) + iterator.getDouble(5);
				rows++;
			}
		}
		if (sum == 42) {
			System.out.println();
		}
		return rows;
	}

	@Override
	public void close() throws IoTDBConnectionException {
		this.session.close();
	}

}
