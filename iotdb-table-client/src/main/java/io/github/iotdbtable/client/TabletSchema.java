package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The table name and columns of a tablet, validated once: the parts both tablet shapes
 * share.
 */
final class TabletSchema {

	private final String tableName;

	private final List<String> columnNames;

	private final List<DataType> dataTypes;

	private final List<ColumnCategory> columnCategories;

	private final byte[] typeCodes;

	private final byte[] categoryCodes;

	TabletSchema(@Nullable String tableName, @Nullable List<String> columnNames, @Nullable List<DataType> dataTypes,
			@Nullable List<ColumnCategory> columnCategories) {
		if (tableName == null || tableName.isBlank()) {
			throw new IllegalArgumentException("tablet table name must not be empty");
		}
		this.tableName = tableName;
		if (columnNames == null || dataTypes == null || columnCategories == null) {
			throw new IllegalArgumentException(
					"tablet '" + tableName + "' needs column names, data types and column categories");
		}
		if (columnNames.isEmpty()) {
			throw new IllegalArgumentException("tablet '" + tableName + "' has no columns");
		}
		if (dataTypes.size() != columnNames.size() || columnCategories.size() != columnNames.size()) {
			throw new IllegalArgumentException(
					"tablet '" + tableName + "' has " + columnNames.size() + " column names but " + dataTypes.size()
							+ " data types and " + columnCategories.size() + " column categories");
		}
		int count = columnNames.size();
		Map<String, Integer> seen = new HashMap<>();
		this.typeCodes = new byte[count];
		this.categoryCodes = new byte[count];
		List<String> names = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String name = columnNames.get(i);
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("tablet '" + tableName + "': column " + i + " has an empty name");
			}
			Integer previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
			if (previous != null) {
				throw new IllegalArgumentException("tablet '" + tableName + "': column name '" + name
						+ "' appears twice (columns " + previous + " and " + i + ")");
			}
			DataType type = dataTypes.get(i);
			if (type == null) {
				throw new IllegalArgumentException(
						"tablet '" + tableName + "': column '" + name + "' has no data type");
			}
			if (type == DataType.UNKNOWN) {
				throw new IllegalArgumentException("tablet '" + tableName + "': column '" + name
						+ "' is of type UNKNOWN, which only result columns have: give it the column's type");
			}
			ColumnCategory category = columnCategories.get(i);
			if (category == null) {
				throw new IllegalArgumentException(
						"tablet '" + tableName + "': column '" + name + "' has no column category");
			}
			names.add(name);
			this.typeCodes[i] = type.code();
			this.categoryCodes[i] = category.code();
		}
		this.columnNames = List.copyOf(names);
		this.dataTypes = List.copyOf(dataTypes);
		this.columnCategories = List.copyOf(columnCategories);
	}

	String tableName() {
		return this.tableName;
	}

	int columnCount() {
		return this.columnNames.size();
	}

	List<String> columnNames() {
		return this.columnNames;
	}

	List<DataType> dataTypes() {
		return this.dataTypes;
	}

	List<ColumnCategory> columnCategories() {
		return this.columnCategories;
	}

	String columnName(int column) {
		return this.columnNames.get(column);
	}

	DataType dataType(int column) {
		return this.dataTypes.get(column);
	}

	byte[] typeCodes() {
		return this.typeCodes;
	}

	byte[] categoryCodes() {
		return this.categoryCodes;
	}

	/**
	 * Describes a column for error messages: {@code column 'm1' (DOUBLE) of tablet 't'}.
	 */
	String describe(int column) {
		return "column '" + columnName(column) + "' (" + dataType(column) + ") of tablet '" + this.tableName + "'";
	}

}
