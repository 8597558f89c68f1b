/**
 * The wire layer: IoTDB's client RPC spoken over libthrift, and the binary formats
 * carried in it (tablet values, TsBlock query results).
 *
 * <p>
 * Internal: nothing here is part of the client's public API, and nothing here knows about
 * sessions or pools.
 */
@NullMarked
package io.github.iotdbtable.client.rpc;

import org.jspecify.annotations.NullMarked;
