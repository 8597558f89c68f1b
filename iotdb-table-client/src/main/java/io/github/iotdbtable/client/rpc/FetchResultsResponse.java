package io.github.iotdbtable.client.rpc;

import java.util.List;

/**
 * The answer to {@code fetchResultsV2}.
 *
 * @param status the status
 * @param hasResultSet whether the query still has a result set
 * @param queryResult the next TsBlocks, parsed and checked against the query's layout
 * (empty when the status is no success)
 * @param moreData whether more blocks can be fetched after these
 */
public record FetchResultsResponse(Status status, boolean hasResultSet, List<TsBlock> queryResult, boolean moreData) {
}
