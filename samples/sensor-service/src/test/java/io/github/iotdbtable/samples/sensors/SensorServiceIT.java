package io.github.iotdbtable.samples.sensors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.iotdbtable.client.TableSessionPool;
import io.github.iotdbtable.test.IoTDBCluster;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample service on a real IoTDB: every endpoint, a bad payload, the demo, the load
 * generator, health and metrics. No server is configured, so the embedded module starts
 * one for the application, as in development.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "iotdb.table.database=sensors_it")
class SensorServiceIT {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private TableSessionPool pool;

	@Autowired
	private IoTDBCluster embedded;

	@Test
	void storesAndAnswersQuestionsAboutReadings() throws Exception {
		String batch = """
				[
				  {"deviceId": "boiler-1", "site": "north", "model": "T100", "time": "2024-05-01T10:00:00Z", "temperature": 60.5, "humidity": 30},
				  {"deviceId": "boiler-1", "site": "north", "model": "T100", "time": "2024-05-01T10:30:00Z", "temperature": 61.5},
				  {"deviceId": "boiler-1", "site": "north", "model": "T100", "time": "2024-05-01T11:15:00Z", "temperature": 63.0},
				  {"deviceId": "fridge-7", "site": "south", "time": "2024-05-01T10:05:00Z", "temperature": 4.0, "humidity": 70}
				]
				""";
		HttpResponse<String> stored = post("/readings", batch);
		assertThat(stored.statusCode()).isEqualTo(201);
		assertThat(this.json.readTree(stored.body()).get("stored").asInt()).isEqualTo(4);

		JsonNode latest = get("/devices/latest");
		assertThat(latest.size()).isEqualTo(2);
		assertThat(latest.get(0).get("deviceId").asString()).isEqualTo("boiler-1");
		assertThat(latest.get(0).get("temperature").asDouble()).isEqualTo(63.0);
		assertThat(latest.get(0).get("time").asString()).isEqualTo("2024-05-01T11:15:00Z");
		assertThat(latest.get(0).get("humidity").isNull()).as("the latest reading has no humidity").isTrue();
		assertThat(latest.get(0).get("model").asString()).isEqualTo("T100");
		assertThat(latest.get(1).get("deviceId").asString()).isEqualTo("fridge-7");

		String range = "/devices/boiler-1/readings?from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&size=2";
		JsonNode firstPage = get(range + "&page=0");
		JsonNode secondPage = get(range + "&page=1");
		assertThat(firstPage.size()).isEqualTo(2);
		assertThat(firstPage.get(0).get("model").asString()).isEqualTo("T100");
		assertThat(firstPage.get(1).get("humidity").isNull()).isTrue();
		assertThat(secondPage.size()).isEqualTo(1);
		assertThat(secondPage.get(0).get("temperature").asDouble()).isEqualTo(63.0);

		JsonNode buckets = get(
				"/devices/boiler-1/aggregates?from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&bucket=1h");
		assertThat(buckets.size()).isEqualTo(2);
		assertThat(buckets.get(0).get("start").asString()).isEqualTo("2024-05-01T10:00:00Z");
		assertThat(buckets.get(0).get("readings").asLong()).isEqualTo(2);
		assertThat(buckets.get(0).get("avgTemperature").asDouble()).isEqualTo(61.0);
		assertThat(buckets.get(1).get("maxTemperature").asDouble()).isEqualTo(63.0);
	}

	@Test
	void aBadPayloadIsRefusedNamingTheReadingAndFieldAndNothingIsStored() throws Exception {
		long before = this.readings.count();
		HttpResponse<String> refused = post("/readings", """
				[
				  {"deviceId": "pump-2", "site": "east", "time": "2024-05-01T10:00:00Z", "temperature": 20.0},
				  {"deviceId": "pump-2", "site": "east", "time": "2024-05-01T10:01:00Z"}
				]
				""");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(refused.body()).get("detail").asString())
			.isEqualTo("reading 1: temperature is missing");
		assertThat(this.readings.count()).isEqualTo(before);
		HttpResponse<String> badDevice = this.http.send(
				HttpRequest.newBuilder(uri("/devices/x'%20OR%20'1/readings")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(badDevice.statusCode()).isEqualTo(400);
		assertThat(post("/readings", "[]").statusCode()).isEqualTo(400);
	}

	@Test
	void theDemoRunsTheSeedExampleThroughThePool() throws Exception {
		List<String> rows = new SeedDemo(this.pool).run();
		assertThat(rows).hasSize(60);
		assertThat(rows).contains("table0 [1970-01-01T00:00:00Z, id:0, attr:0, 0.0]",
				"table1 [1970-01-01T00:00:00.029Z, id:29, attr:29, 29.0]");
		assertThat(this.pool.getStats().active()).isZero();
	}

	@Test
	void theLoadGeneratorWritesEveryReading() throws Exception {
		long before = this.readings.count();
		double rate = new LoadGenerator(this.readings, 5_000, 3, 700).run();
		assertThat(rate).isPositive();
		assertThat(this.readings.count()).isEqualTo(before + 5_000);
	}

	@Test
	void theEmbeddedServerServesTheApplication() {
		assertThat(this.pool.getConfig().getSessionConfig().getNodeUrls()).isEqualTo(this.embedded.nodeUrls());
		assertThat(this.embedded.dataNode(0).isRunning()).isTrue();
	}

	@Test
	void healthAndMetricsAreExposed() throws Exception {
		JsonNode health = get("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode iotdb = health.get("components").get("iotdb");
		assertThat(iotdb.get("status").asString()).isEqualTo("UP");
		assertThat(iotdb.get("details").get("version").asString()).isEqualTo("2.0.1-beta");
		assertThat(iotdb.get("details").get("max").asInt()).isEqualTo(8);
		JsonNode acquire = get("/actuator/metrics/iotdb.table.pool.acquire");
		assertThat(acquire.get("measurements").get(0).get("value").asDouble()).isPositive();
		JsonNode sessions = get("/actuator/metrics/iotdb.table.pool.sessions");
		assertThat(sessions.get("availableTags").toString()).contains("idle", "active");
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
