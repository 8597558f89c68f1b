package io.github.iotdbtable.client.rpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a statement ({@code TSExecuteStatementResp}), with the parts a
 * table-model client reads.
 *
 * @param status the status
 * @param queryId the server's query id, or -1 when the statement opened no query
 * @param columns the result column names
 * @param dataTypes the result column type names, such as {@code TIMESTAMP} or
 * {@code DOUBLE}
 * @param layout where the result columns are in the blocks, for a query answered with
 * success; {@code null} otherwise
 * @param queryResult the first TsBlocks, parsed and checked against the layout; empty
 * when there is no layout
 * @param moreData whether more blocks can be fetched
 * @param database the session's database after the statement, when the statement changed
 * it
 */
public record ExecuteStatementResponse(Status status, long queryId, List<String> columns, List<String> dataTypes,
		@Nullable ResultLayout layout, List<TsBlock> queryResult, boolean moreData, @Nullable String database) {

	/**
	 * Whether the statement opened a query on the server that must be closed.
	 * @return whether there is a query to close
	 */
	public boolean hasQuery() {
		return this.queryId >= 0;
	}

}
