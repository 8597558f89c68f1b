package io.github.iotdbtable.client;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ColumnarTabletTests {

	private static final long[] TIMES = { 1, 2, 3 };

	@Test
	void seedShapedConstructorTakesArraysAndNullMasks() {
		BitSet nulls = new BitSet();
		nulls.set(1);
		ColumnarTablet tablet = new ColumnarTablet("table1", List.of("id1", "m1"),
				List.of(DataType.STRING, DataType.DOUBLE), List.of(ColumnCategory.TAG, ColumnCategory.FIELD), TIMES,
				List.of(new String[] { "a", "b", "c" }, new double[] { 1, 2, 3 }),
				java.util.Arrays.asList(null, nulls));
		assertThat(tablet.rowCount()).isEqualTo(3);
		assertThat(tablet.isNull(1, 1)).isTrue();
		assertThat(tablet.isNull(1, 0)).isFalse();
		assertThat(tablet.mayHaveNulls(1)).isTrue();
	}

	@Test
	void anArrayOfTheWrongTypeNamesTheColumn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnarTablet.builder("t", TIMES).field("v", DataType.DOUBLE, new float[3]).build())
			.withMessage("column 'v' (DOUBLE) of tablet 't': expected double[], got float[]");
	}

	@Test
	void aShortArrayNamesTheColumn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnarTablet.builder("t", TIMES).field("v", DataType.INT64, new long[2]).build())
			.withMessage("column 'v' (INT64) of tablet 't' has 2 values for 3 rows");
	}

	@Test
	void aPrefixOfTheArraysCanBeUsed() {
		ColumnarTablet tablet = ColumnarTablet.builder("t", new long[10], 4)
			.field("v", DataType.INT32, new int[10])
			.build();
		assertThat(tablet.rowCount()).isEqualTo(4);
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ColumnarTablet.builder("t", new long[2], 3).field("v", DataType.INT32, new int[3]).build())
			.withMessage("tablet 't': row count 3 but 2 timestamps");
	}

	@Test
	void datesAsIntsMustBeRealDays() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnarTablet.builder("t", TIMES)
				.field("day", DataType.DATE, new int[] { 20240229, 20230229, 20240101 })
				.build())
			.withMessageStartingWith("row 1, column 'day' (DATE) of tablet 't': 20230229 is not a date");
		BitSet nulls = new BitSet();
		nulls.set(1);
		ColumnarTablet masked = ColumnarTablet.builder("t", TIMES)
			.field("day", DataType.DATE, new int[] { 20240229, 0, 20240101 }, nulls)
			.build();
		assertThat(masked.isNull(0, 1)).isTrue();
		assertThat(ColumnarTablet.builder("t", TIMES)
			.field("day", DataType.DATE, new LocalDate[] { LocalDate.of(2024, 1, 1), null, LocalDate.of(2024, 1, 3) })
			.build()
			.isNull(0, 1)).isTrue();
	}

	@Test
	void aNullTimestampArrayIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnarTablet.builder("t", null).field("v", DataType.INT32, new int[0]).build())
			.withMessage("tablet 't' has no timestamps");
	}

	@Test
	void primitiveColumnsWithoutAMaskHaveNoNulls() {
		ColumnarTablet tablet = ColumnarTablet.builder("t", TIMES)
			.field("v", DataType.INT64, new long[3])
			.field("b", DataType.BOOLEAN, new boolean[3], new BitSet())
			.build();
		assertThat(tablet.mayHaveNulls(0)).isFalse();
		assertThat(tablet.mayHaveNulls(1)).isFalse();
	}

}
