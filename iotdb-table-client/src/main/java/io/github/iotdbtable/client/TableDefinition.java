package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a table as a {@link TableWriter} takes its rows, declared up front so
 * that each row is checked before it is buffered.
 *
 * <pre>{@code
 * TableDefinition sensors = TableDefinition.builder("sensors")
 *     .tag("device")
 *     .attribute("site")
 *     .field("temperature", DataType.DOUBLE)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TableDefinition {

	private final TabletSchema schema;

	private TableDefinition(TabletSchema schema) {
		this.schema = schema;
	}

	/**
	 * Starts describing the columns of a table.
	 * @param table the table
	 * @return a builder
	 */
	public static Builder builder(String table) {
		return new Builder(table);
	}

	/**
	 * The definition of the columns of a tablet.
	 * @param table the table and its columns
	 * @param columnNames the column names, without the time column
	 * @param dataTypes the type of each column
	 * @param columnCategories the category of each column
	 * @return the definition
	 * @throws IllegalArgumentException when the columns are empty, duplicated or of
	 * different counts
	 */
	public static TableDefinition of(String table, List<String> columnNames, List<DataType> dataTypes,
			List<ColumnCategory> columnCategories) {
		return new TableDefinition(new TabletSchema(table, columnNames, dataTypes, columnCategories));
	}

	public String getTable() {
		return this.schema.tableName();
	}

	public List<String> getColumnNames() {
		return this.schema.columnNames();
	}

	public List<DataType> getDataTypes() {
		return this.schema.dataTypes();
	}

	public List<ColumnCategory> getColumnCategories() {
		return this.schema.columnCategories();
	}

	TabletSchema schema() {
		return this.schema;
	}

	@Override
	public String toString() {
		return "TableDefinition{table='" + getTable() + "', columns=" + getColumnNames() + "}";
	}

	/**
	 * Describes the columns of a {@link TableDefinition}, in order.
	 */
	public static final class Builder {

		private final String table;

		private final List<String> names = new ArrayList<>();

		private final List<DataType> types = new ArrayList<>();

		private final List<ColumnCategory> categories = new ArrayList<>();

		private Builder(String table) {
			this.table = table;
		}

		/** Adds a TAG column of type STRING. */
		public Builder tag(String name) {
			return column(name, DataType.STRING, ColumnCategory.TAG);
		}

		/** Adds an ATTRIBUTE column of type STRING. */
		public Builder attribute(String name) {
			return column(name, DataType.STRING, ColumnCategory.ATTRIBUTE);
		}

		/** Adds a FIELD column. */
		public Builder field(String name, DataType type) {
			return column(name, type, ColumnCategory.FIELD);
		}

		public Builder column(String name, DataType type, ColumnCategory category) {
			this.names.add(name);
			this.types.add(type);
			this.categories.add(category);
			return this;
		}

		/**
		 * Builds the definition.
		 * @return the definition
		 * @throws IllegalArgumentException when the columns are empty or duplicated
		 */
		public TableDefinition build() {
			return of(this.table, this.names, this.types, this.categories);
		}

	}

}
