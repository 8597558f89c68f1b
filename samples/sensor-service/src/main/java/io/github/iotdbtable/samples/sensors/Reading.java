package io.github.iotdbtable.samples.sensors;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One measurement of a sensor. {@code site} identifies the device together with
 * {@code deviceId}; {@code model} is an attribute of the device.
 */
public record Reading(@Nullable String deviceId, @Nullable String site, @Nullable String model, @Nullable Instant time,
		@Nullable Double temperature, @Nullable Double humidity) {
}
