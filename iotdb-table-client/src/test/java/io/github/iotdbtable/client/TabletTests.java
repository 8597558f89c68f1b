package io.github.iotdbtable.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TabletTests {

	private static final List<DataType> ALL_TYPES = List.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64,
			DataType.FLOAT, DataType.DOUBLE, DataType.TEXT, DataType.STRING, DataType.BLOB, DataType.DATE,
			DataType.TIMESTAMP);

	@Test
	void seedShapedConstructorTakesRowsAndTimestamps() {
		Tablet tablet = new Tablet("table1", List.of("id1", "attr1", "m1"),
				List.of(DataType.STRING, DataType.STRING, DataType.DOUBLE),
				List.of(List.of("a", "x", 1.5), Arrays.asList("b", null, null)), List.of(10L, 20L),
				List.of(ColumnCategory.ID, ColumnCategory.ATTRIBUTE, ColumnCategory.MEASUREMENT));
		assertThat(tablet.rowCount()).isEqualTo(2);
		assertThat(tablet.getColumnCategories()).containsExactly(ColumnCategory.TAG, ColumnCategory.ATTRIBUTE,
				ColumnCategory.FIELD);
		assertThat(tablet.getValue(0, 2)).isEqualTo(1.5);
		assertThat(tablet.getValue(1, 1)).isNull();
		assertThat(tablet.getTimestamp(1)).isEqualTo(20L);
	}

	@Test
	void noTabletHoldsAColumnOfUnknownType() {
		String refused = "tablet 't': column 'x' is of type UNKNOWN, which only result columns have: "
				+ "give it the column's type";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Tablet.builder("t").tag("device").field("x", DataType.UNKNOWN).build())
			.withMessage(refused);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnarTablet.builder("t", new long[] { 1 })
				.field("x", DataType.UNKNOWN, new long[] { 2 })
				.build())
			.withMessage(refused);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Tablet("t", List.of("x"), List.of(DataType.UNKNOWN), List.of(List.of(2L)),
					List.of(1L), List.of(ColumnCategory.FIELD)))
			.withMessage(refused);
	}

	@Test
	void everyTypeTakesItsJavaValuesAndNull() {
		Tablet tablet = allTypes();
		tablet.addRow(1L, true, 1, 2L, 3f, 4d, "t", "s", new byte[] { 1 }, LocalDate.of(2024, 2, 29), 5L);
		tablet.addRow(Instant.ofEpochMilli(2), null, null, 7, null, 8f, null, null, null, null,
				Instant.ofEpochMilli(9));
		assertThat(tablet.rowCount()).isEqualTo(2);
		assertThat(tablet.getTimestamp(1)).isEqualTo(Instant.ofEpochMilli(2));
		assertThat(tablet.timestamps(TimestampPrecision.MICROSECONDS)).startsWith(1L, 2_000L);
	}

	@Test
	void aValueOfTheWrongTypeNamesRowAndColumn() {
		Tablet tablet = Tablet.builder("t").tag("id").field("temperature", DataType.FLOAT).build();
		tablet.addRow(1L, "a", 1.5f);
		assertThatIllegalArgumentException().isThrownBy(() -> tablet.addRow(2L, "a", 1.5d))
			.withMessage("row 1, column 'temperature' (FLOAT) of tablet 't': expected Float, got Double");
		assertThat(tablet.rowCount()).isEqualTo(1);
	}

	@Test
	void aRowOfTheWrongLengthIsRefused() {
		Tablet tablet = Tablet.builder("t").tag("id").field("v", DataType.INT64).build();
		assertThatIllegalArgumentException().isThrownBy(() -> tablet.addRow(1L, "a"))
			.withMessage("tablet 't': row 0 has 1 values for 2 columns [id, v]");
	}

	@Test
	void aNullTimestampIsRefused() {
		Tablet tablet = Tablet.builder("t").field("v", DataType.INT64).build();
		assertThatIllegalArgumentException().isThrownBy(() -> tablet.addRow((Instant) null, 1L))
			.withMessage("tablet 't': row 0 has no timestamp");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Tablet("t", List.of("v"), List.of(DataType.INT64), List.of(List.of(1L)),
					Arrays.asList((Long) null), List.of(ColumnCategory.FIELD)))
			.withMessage("tablet 't': row 0 has no timestamp");
	}

	@Test
	void columnListsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> Tablet.builder("t").build())
			.withMessage("tablet 't' has no columns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Tablet.builder("t").tag("Id").field("id", DataType.INT32).build())
			.withMessage("tablet 't': column name 'id' appears twice (columns 0 and 1)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Tablet("t", List.of("a", "b"), List.of(DataType.INT32),
					List.of(ColumnCategory.FIELD, ColumnCategory.FIELD)))
			.withMessage("tablet 't' has 2 column names but 1 data types and 2 column categories");
		assertThatIllegalArgumentException().isThrownBy(() -> Tablet.builder(" ").tag("id").build())
			.withMessage("tablet table name must not be empty");
	}

	@Test
	void datesOutsideTheServersRangeAreRefused() {
		Tablet tablet = Tablet.builder("t").field("day", DataType.DATE).build();
		assertThatIllegalArgumentException().isThrownBy(() -> tablet.addRow(1L, LocalDate.of(999, 12, 31)))
			.withMessageStartingWith("row 0, column 'day' (DATE) of tablet 't': date 0999-12-31 is outside");
	}

	@Test
	void resetEmptiesTheTabletForReuse() {
		Tablet tablet = Tablet.builder("t").field("v", DataType.INT64).build();
		for (int i = 0; i < 100; i++) {
			tablet.addRow(i, (long) i);
		}
		tablet.reset();
		assertThat(tablet.rowCount()).isZero();
		tablet.addRow(5L, 6L);
		assertThat(tablet.getValue(0, 0)).isEqualTo(6L);
	}

	static Tablet allTypes() {
		Tablet.Builder builder = Tablet.builder("all");
		for (DataType type : ALL_TYPES) {
			builder.field("c_" + type.name().toLowerCase(), type);
		}
		return builder.build();
	}

}
