package io.github.iotdbtable.samples.sensors;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readings in and out: a batch write, the latest reading per device, a device's readings
 * in a time range, and aggregates over time buckets.
 */
@RestController
public class ReadingController {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private static final Pattern BUCKET = Pattern.compile("[1-9][0-9]{0,5}(ms|s|m|h|d)");

	private static final int MAX_BATCH = 10_000;

	private final ReadingRepository readings;

	public ReadingController(ReadingRepository readings) {
		this.readings = readings;
	}

	/**
	 * Stores a batch of readings in one write; a bad reading rejects the batch, naming it
	 * and its field.
	 */
	@PostMapping("/readings")
	@ResponseStatus(HttpStatus.CREATED)
	public Map<String, Integer> store(@RequestBody @Nullable List<@Nullable Reading> batch) {
		if (batch == null || batch.isEmpty()) {
			throw new BadRequestException("the body must be a non-empty JSON array of readings");
		}
		if (batch.size() > MAX_BATCH) {
			throw new BadRequestException("at most " + MAX_BATCH + " readings per request, got " + batch.size());
		}
		List<Reading> checked = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			checked.add(check(i, batch.get(i)));
		}
		this.readings.insert(checked);
		return Map.of("stored", batch.size());
	}

	@GetMapping("/devices/latest")
	public List<Reading> latest() {
		return this.readings.latestPerDevice();
	}

	@GetMapping("/devices/{deviceId}/readings")
	public List<Reading> range(@PathVariable String deviceId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		name("deviceId", deviceId);
		if (page < 0 || size < 1 || size > 1000) {
			throw new BadRequestException("page must be 0 or more and size between 1 and 1000");
		}
		return this.readings.range(deviceId, instant("from", from, Instant.EPOCH),
				instant("to", to, Instant.now().plusSeconds(86_400)), page, size);
	}

	@GetMapping("/devices/{deviceId}/aggregates")
	public List<ReadingRepository.Bucket> aggregates(@PathVariable String deviceId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "1h") String bucket) {
		name("deviceId", deviceId);
		if (!BUCKET.matcher(bucket).matches()) {
			throw new BadRequestException("bucket must be a duration such as 30s, 15m, 1h or 1d, was '" + bucket + "'");
		}
		return this.readings.aggregate(deviceId, instant("from", from, Instant.EPOCH),
				instant("to", to, Instant.now().plusSeconds(86_400)), bucket);
	}

	@ExceptionHandler(BadRequestException.class)
	ProblemDetail badRequest(BadRequestException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private static Reading check(int index, @Nullable Reading reading) {
		String where = "reading " + index + ": ";
		if (reading == null) {
			throw new BadRequestException(where + "is null");
		}
		if (reading.deviceId() == null || !NAME.matcher(reading.deviceId()).matches()) {
			throw new BadRequestException(where + "deviceId must be 1 to 64 letters, digits or _.:- ");
		}
		if (reading.site() == null || !NAME.matcher(reading.site()).matches()) {
			throw new BadRequestException(where + "site must be 1 to 64 letters, digits or _.:-");
		}
		if (reading.model() != null && !NAME.matcher(reading.model()).matches()) {
			throw new BadRequestException(where + "model must be 1 to 64 letters, digits or _.:-");
		}
		if (reading.time() == null) {
			throw new BadRequestException(where + "time is missing");
		}
		if (reading.temperature() == null) {
			throw new BadRequestException(where + "temperature is missing");
		}
		if (!Double.isFinite(reading.temperature())) {
			throw new BadRequestException(where + "temperature must be a finite number");
		}
		if (reading.humidity() != null && (reading.humidity() < 0 || reading.humidity() > 100)) {
			throw new BadRequestException(where + "humidity must be between 0 and 100, was " + reading.humidity());
		}
		return reading;
	}

	private static void name(String what, String value) {
		if (!NAME.matcher(value).matches()) {
			throw new BadRequestException(what + " must be 1 to 64 letters, digits or _.:-");
		}
	}

	private static Instant instant(String what, @Nullable String value, Instant fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(what + " must be an ISO-8601 instant such as 2024-05-01T00:00:00Z");
		}
	}

	/** A request the service refuses, with the reason for the caller. */
	static final class BadRequestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BadRequestException(String message) {
			super(message);
		}

	}

}
