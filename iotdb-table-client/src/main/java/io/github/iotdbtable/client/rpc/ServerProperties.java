package io.github.iotdbtable.client.rpc;

import org.jspecify.annotations.Nullable;

/**
 * What {@code getProperties} says about the server.
 *
 * @param version the server version
 * @param timestampPrecision the timestamp precision, {@code ms}, {@code us} or {@code ns}
 * @param maxFrameSize the largest frame the server accepts, 0 when not told
 * @param readOnly whether the server is read-only
 * @param buildInfo the build information
 */
public record ServerProperties(@Nullable String version, @Nullable String timestampPrecision, int maxFrameSize,
		boolean readOnly, @Nullable String buildInfo) {
}
