package io.github.iotdbtable.client;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Column categories, data types and timestamp precisions as the seed API and the server
 * name them.
 */
class VocabularyTests {

	@Test
	void idAndMeasurementAreAliasesOfTagAndField() {
		assertThat(ColumnCategory.ID).isSameAs(ColumnCategory.TAG);
		assertThat(ColumnCategory.MEASUREMENT).isSameAs(ColumnCategory.FIELD);
		assertThat(ColumnCategory.of("id")).isSameAs(ColumnCategory.TAG);
		assertThat(ColumnCategory.of(" Measurement ")).isSameAs(ColumnCategory.FIELD);
		assertThat(ColumnCategory.of("attribute")).isSameAs(ColumnCategory.ATTRIBUTE);
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnCategory.of("time"))
			.withMessageContaining("'time'");
	}

	@Test
	void wireCodesAreTheServers() {
		assertThat(ColumnCategory.TAG.code()).isEqualTo((byte) 0);
		assertThat(ColumnCategory.FIELD.code()).isEqualTo((byte) 1);
		assertThat(ColumnCategory.ATTRIBUTE.code()).isEqualTo((byte) 2);
		assertThat(DataType.TIMESTAMP.code()).isEqualTo((byte) 8);
		assertThat(DataType.DATE.code()).isEqualTo((byte) 9);
		assertThat(DataType.BLOB.code()).isEqualTo((byte) 10);
		assertThat(DataType.STRING.code()).isEqualTo((byte) 11);
		assertThat(DataType.UNKNOWN.code()).isEqualTo((byte) 7);
		assertThat(DataType.fromName("int64")).isSameAs(DataType.INT64);
		assertThat(DataType.ofServerName("OBJECT")).isSameAs(DataType.UNKNOWN);
		assertThat(DataType.ofServerName(" Date ")).isSameAs(DataType.DATE);
		assertThatIllegalArgumentException().isThrownBy(() -> DataType.fromName("VECTOR"))
			.withMessage("unknown data type 'VECTOR'");
	}

	@Test
	void precisionsConvertInstantsBothWays() {
		Instant instant = Instant.parse("2024-05-06T07:08:09.123456789Z");
		assertThat(TimestampPrecision.of("ms").fromInstant(instant)).isEqualTo(1714979289123L);
		assertThat(TimestampPrecision.of("US").fromInstant(instant)).isEqualTo(1714979289123456L);
		assertThat(TimestampPrecision.NANOSECONDS.fromInstant(instant)).isEqualTo(1714979289123456789L);
		assertThat(TimestampPrecision.NANOSECONDS.toInstant(1714979289123456789L)).isEqualTo(instant);
		assertThat(TimestampPrecision.MICROSECONDS.toInstant(-1))
			.isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> TimestampPrecision.NANOSECONDS.fromInstant(Instant.parse("3000-01-01T00:00:00Z")));
		assertThatIllegalArgumentException().isThrownBy(() -> TimestampPrecision.of("s"));
	}

}
