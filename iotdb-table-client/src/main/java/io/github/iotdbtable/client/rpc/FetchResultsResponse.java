package io.github.iotdbtable.client.rpc;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The answer to {@code fetchResultsV2}.
 *
 * @param status the status
 * @param hasResultSet whether the query still has a result set
 * @param queryResult the next serialized TsBlocks
 * @param moreData whether more blocks can be fetched after these
 */
public record FetchResultsResponse(Status status, boolean hasResultSet, List<ByteBuffer> queryResult,
		boolean moreData) {
}
