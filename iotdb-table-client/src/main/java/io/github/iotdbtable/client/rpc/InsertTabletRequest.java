package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A table-model tablet to insert ({@code TSInsertTabletReq} with {@code writeToTable}
 * set).
 *
 * @param sessionId the session
 * @param tableName the table
 * @param columnNames the column names, without the time column
 * @param dataTypes the data type code of each column
 * @param columnCategories the category code of each column (TAG 0, FIELD 1, ATTRIBUTE 2)
 * @param values the encoded values, see {@link TabletBuffer}
 * @param timestamps the encoded timestamps, one big-endian int64 per row
 * @param rowCount the number of rows
 */
// built for one send and never compared, so the arrays' identity equality does no harm
@SuppressWarnings("ArrayRecordComponent")
public record InsertTabletRequest(long sessionId, String tableName, List<String> columnNames, byte[] dataTypes,
		byte[] columnCategories, ByteBuffer values, ByteBuffer timestamps, int rowCount) {
}
