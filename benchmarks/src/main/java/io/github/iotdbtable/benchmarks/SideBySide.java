package io.github.iotdbtable.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotdbtable.test.IoTDBCluster;
import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmarks of this client and of the official client against the same real
 * IoTDB, alternating the two (ours, official, ours, official…) in JVMs of their own, and
 * writes the medians and the per-pair ratios to {@code benchmarks/RESULTS.md} and
 * {@code benchmarks/results.csv}: the pool (JMH), narrow and wide ingest, ingest by four
 * threads through the pool, and a full scan.
 *
 * <p>
 * Run from the project folder, after
 * {@code mvn -B -q -pl benchmarks,benchmarks/official -am package -DskipTests}: <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.github.iotdbtable.benchmarks.SideBySide [pairs] [all|pool,narrow,wide,concurrent,scan]
 * </pre> {@code -Diotdb.nodeUrls=host:port} uses a running server instead of starting
 * one.
 */
public final class SideBySide {

	private static final Pattern ENTRY = Pattern.compile("\"benchmark\"\\s*:\\s*\"[^\"]*\\.([A-Za-z]+)\"");

	private static final Pattern MODE = Pattern.compile("\"mode\"\\s*:\\s*\"(\\w+)\"");

	private static final Pattern SCORE = Pattern
		.compile("\"primaryMetric\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.Ee+-]+)");

	private static final Pattern WORST = Pattern.compile("\"100\\.0\"\\s*:\\s*([0-9.Ee+-]+)");

	private static final Pattern P9999 = Pattern.compile("\"99\\.99\"\\s*:\\s*([0-9.Ee+-]+)");

	private static final int CONTENDED_THREADS = 8;

	private SideBySide() {
	}

	/** The ingest and query scenarios: name, rows, what it does. */
	private static final String[][] SCENARIOS = {
			{ "narrow", "1000000", "Narrow ingest, 1M rows (time, tag, 3 DOUBLE) in tablets of 10,000, 1 thread" },
			{ "wide", "200000", "Wide ingest, 200k rows (time, tag, all 10 types, ~10% nulls) in tablets of 10,000" },
			{ "concurrent", "1000000", "Narrow ingest of 1M rows by 4 threads through the pool, a session per tablet" },
			{ "scan", "0", "Full scan of 1M narrow rows, fetch size 10,000, typed getters" } };

	private static final int SCAN_ROWS = 1_000_000;

	/** The heading of the part of {@code RESULTS.md} that a run leaves as it is. */
	private static final String NOTES = "## Against the targets";

	public static void main(String[] args) throws Exception {
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		List<String> groups = (args.length > 1 && !args[1].equals("all")) ? List.of(args[1].split(","))
				: List.of("pool", "narrow", "wide", "concurrent", "scan");
		Path benchmarks = Path.of("benchmarks");
		String nodeUrls = System.getProperty("iotdb.nodeUrls");
		IoTDBCluster cluster = null;
		if (nodeUrls == null) {
			cluster = IoTDBCluster.builder().build().start();
			nodeUrls = String.join(",", cluster.nodeUrls());
		}
		String nodeUrl = nodeUrls.split(",", -1)[0];
		// the DataNode's process, whose CPU time the scenarios report when this runner
		// started it
		long serverPid = (cluster != null) ? cluster.dataNode(0).pid() : -1;
		Client ours = new Client("ours", benchmarks.resolve("target"), "io.github.iotdbtable.benchmarks.PoolBenchmark",
				"io.github.iotdbtable.benchmarks.Scenarios", serverPid);
		Client official = new Client("official", benchmarks.resolve("official/target"),
				"io.github.iotdbtable.benchmarks.official.OfficialPoolBenchmark",
				"io.github.iotdbtable.benchmarks.official.OfficialScenarios", serverPid);
		try {
			prepare(nodeUrl);
			if (groups.contains("scan")) {
				ours.scenario("narrow", nodeUrl, "scan_source", SCAN_ROWS, 0);
			}
			List<Map<String, Double>> ourRuns = new ArrayList<>();
			List<Map<String, Double>> officialRuns = new ArrayList<>();
			for (int pair = 1; pair <= pairs; pair++) {
				Map<String, Double> our = new LinkedHashMap<>();
				Map<String, Double> their = new LinkedHashMap<>();
				if (groups.contains("pool")) {
					our.putAll(ours.run(nodeUrls, pair));
					their.putAll(official.run(nodeUrls, pair));
				}
				for (String[] scenario : SCENARIOS) {
					if (groups.contains(scenario[0])) {
						int rows = Integer.parseInt(scenario[1]);
						boolean scan = scenario[0].equals("scan");
						our.putAll(ours.scenario(scenario[0], nodeUrl,
								scan ? "scan_source" : scenario[0] + "_ours_" + pair, rows, pair));
						their.putAll(official.scenario(scenario[0], nodeUrl,
								scan ? "scan_source" : scenario[0] + "_official_" + pair, rows, pair));
					}
				}
				ourRuns.add(our);
				officialRuns.add(their);
				System.out.printf(Locale.ROOT, "pair %d: ours %s%n        official %s%n", pair, our, their);
			}
			write(benchmarks, ourRuns, officialRuns);
		}
		finally {
			if (cluster != null) {
				cluster.close();
			}
		}
	}

	/** Creates the database the ingest and query scenarios use. */
	private static void prepare(String nodeUrl) {
		try (io.github.iotdbtable.client.TableSession session = io.github.iotdbtable.client.TableSession
			.open(io.github.iotdbtable.client.TableSessionConfig.builder().nodeUrls(nodeUrl).build())) {
			session.executeNonQueryStatement("CREATE DATABASE IF NOT EXISTS bench");
		}
	}

	private static void write(Path folder, List<Map<String, Double>> ours, List<Map<String, Double>> official)
			throws IOException {
		List<String[]> figures = new ArrayList<>(List.of(
				new String[] { "uncontended", "Pool: borrow+return, 1 thread (ns/op)", "lower" },
				new String[] { "contended", "Pool: borrow+return, 8 threads on 5 sessions (ns/op per thread)",
						"lower" },
				new String[] { "contendedOpsPerSecond", "Pool: operations/s, 8 threads on 5 sessions", "higher" },
				new String[] { "contendedP9999", "Pool: p99.99 borrow+return, 8 threads on 5 sessions (ns)", "lower" },
				new String[] { "contendedWorst", "Pool: worst borrow+return, 8 threads on 5 sessions (ns)", "lower" }));
		for (String[] scenario : SCENARIOS) {
			String name = scenario[0];
			figures.add(new String[] { name + "RowsPerSecond", scenario[2] + ": rows/s", "higher" });
			figures.add(new String[] { name + "PointsPerSecond", "… points/s", "higher" });
			figures.add(new String[] { name + "CpuPerPoint", "… client CPU per point (ns)", "lower" });
			figures.add(new String[] { name + "CpuPerRow", "… client CPU per row (ns)", "lower" });
			figures.add(new String[] { name + "BytesPerRow", "… bytes allocated per row", "lower" });
			figures.add(
					new String[] { name + "ServerCpuPerPoint", "… server CPU per point (ns), for reference", "lower" });
		}
		StringBuilder csv = new StringBuilder("figure,pair,ours,official,ratio\n");
		StringBuilder table = new StringBuilder("""
				| figure | ours (median) | official (median) | ratio ours/official (median of pairs) | better is |
				|---|---:|---:|---:|---|
				""");
		for (String[] figure : figures) {
			if (!ours.get(0).containsKey(figure[0])) {
				continue;
			}
			double[] ourValues = new double[ours.size()];
			double[] officialValues = new double[ours.size()];
			double[] ratios = new double[ours.size()];
			for (int i = 0; i < ours.size(); i++) {
				ourValues[i] = ours.get(i).getOrDefault(figure[0], Double.NaN);
				officialValues[i] = official.get(i).getOrDefault(figure[0], Double.NaN);
				ratios[i] = ourValues[i] / officialValues[i];
				csv.append(String.format(Locale.ROOT, "%s,%d,%.1f,%.1f,%.3f%n", figure[0], i + 1, ourValues[i],
						officialValues[i], ratios[i]));
			}
			table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %s |%n", figure[1],
					median(ourValues), median(officialValues), median(ratios), figure[2]));
		}
		Runtime runtime = Runtime.getRuntime();
		String report = "# Benchmark results\n\n" + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on "
				+ System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
				+ runtime.availableProcessors() + " cores, Java " + System.getProperty("java.version")
				+ ", against a real IoTDB " + IoTDBCluster.DEFAULT_VERSION
				+ " on the same machine; official client: org.apache.iotdb:iotdb-session 2.0.7. " + ours.size()
				+ " pairs, each client in its own JVM, alternating. Every figure is the median over the pairs; the "
				+ "ratio is taken per pair, then its median. CPU time and allocation are those of the client threads "
				+ "doing the work, read from the JVM's thread statistics; a point is one field value (a null counts).\n\n"
				+ table + "\nRaw figures per pair: `results.csv`.\n";
		Path results = folder.resolve("RESULTS.md");
		String notes = Files.exists(results) ? Files.readString(results, StandardCharsets.UTF_8) : "";
		// the hand-written reading of the figures below the table is kept from one run to
		// the next
		int kept = notes.indexOf("\n" + NOTES);
		Files.writeString(results, report + ((kept >= 0) ? notes.substring(kept) : ""), StandardCharsets.UTF_8);
		Files.writeString(folder.resolve("results.csv"), csv, StandardCharsets.UTF_8);
		System.out.print(report);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * One client's benchmarks: its classes, its classpath, its JVM.
	 *
	 * @param serverPid the DataNode whose CPU time the scenarios report, or -1
	 */
	private record Client(String name, Path target, String benchmark, String scenarios, long serverPid) {

		/**
		 * Runs one ingest or query scenario in a JVM of its own and reads its RESULT
		 * line.
		 */
		Map<String, Double> scenario(String scenario, String nodeUrl, String table, int rows, int pair)
				throws IOException, InterruptedException {
			Path log = this.target.resolve("scenario-" + this.name + "-" + scenario + "-" + pair + ".log");
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms1g",
					"-Xmx1g", "-Dbench.serverPid=" + this.serverPid, "-cp", classpath(), this.scenarios, scenario,
					nodeUrl, table, String.valueOf(rows));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException(this.name + " " + scenario + " failed, see " + log);
			}
			String result = Files.readAllLines(log)
				.stream()
				.filter((line) -> line.startsWith("RESULT "))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no RESULT line in " + log));
			Map<String, Double> values = new LinkedHashMap<>();
			for (String pairText : result.substring(7).split(" ", -1)) {
				String[] keyValue = pairText.split("=", 2);
				values.put(keyValue[0], Double.valueOf(keyValue[1]));
			}
			double wallSeconds = values.get("wallNanos") / 1e9;
			Map<String, Double> figures = new LinkedHashMap<>();
			figures.put(scenario + "RowsPerSecond", values.get("rows") / wallSeconds);
			figures.put(scenario + "PointsPerSecond", values.get("points") / wallSeconds);
			figures.put(scenario + "CpuPerPoint", values.get("cpuNanos") / values.get("points"));
			figures.put(scenario + "CpuPerRow", values.get("cpuNanos") / values.get("rows"));
			figures.put(scenario + "BytesPerRow", values.get("allocatedBytes") / values.get("rows"));
			if (values.containsKey("serverCpuNanos")) {
				figures.put(scenario + "ServerCpuPerPoint", values.get("serverCpuNanos") / values.get("points"));
			}
			return figures;
		}

		private String classpath() throws IOException {
			return this.target.resolve("classes") + java.io.File.pathSeparator
					+ Files.readString(this.target.resolve("classpath.txt")).trim();
		}

		Map<String, Double> run(String nodeUrls, int pair) throws IOException, InterruptedException {
			Path result = this.target.resolve("jmh-" + this.name + "-" + pair + ".json");
			String classpath = classpath();
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					classpath, "org.openjdk.jmh.Main", this.benchmark, "-f", "1", "-wi", "3", "-w", "1s", "-i", "5",
					"-r", "2s", "-jvmArgsAppend", "-Xms512m -Xmx512m -Diotdb.nodeUrls=" + nodeUrls, "-rf", "json",
					"-rff", result.toString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.target.resolve("jmh-" + this.name + "-" + pair + ".log").toFile())
				.start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException(this.name + " benchmark failed, see " + this.target);
			}
			return parse(Files.readString(result));
		}

		private static Map<String, Double> parse(String json) {
			Map<String, Double> figures = new LinkedHashMap<>();
			Matcher entries = ENTRY.matcher(json);
			List<int[]> spans = new ArrayList<>();
			List<String> names = new ArrayList<>();
			while (entries.find()) {
				spans.add(new int[] { entries.start(), json.length() });
				names.add(entries.group(1));
			}
			for (int i = 0; i < spans.size(); i++) {
				int end = (i + 1 < spans.size()) ? spans.get(i + 1)[0] : json.length();
				String block = json.substring(spans.get(i)[0], end);
				String mode = find(MODE, block);
				Double score = number(find(SCORE, block));
				boolean contended = names.get(i).contains("Eight");
				if ("avgt".equals(mode) && !contended) {
					figures.put("uncontended", score);
				}
				else if ("avgt".equals(mode)) {
					figures.put("contended", score);
					figures.put("contendedOpsPerSecond", CONTENDED_THREADS * 1e9 / score);
				}
				else if ("sample".equals(mode)) {
					figures.put("contendedP9999", number(find(P9999, block)));
					figures.put("contendedWorst", number(find(WORST, block)));
				}
			}
			return figures;
		}

		private static @Nullable String find(Pattern pattern, String text) {
			Matcher matcher = pattern.matcher(text);
			return matcher.find() ? matcher.group(1) : null;
		}

		private static Double number(@Nullable String text) {
			if (text == null) {
				throw new UncheckedIOException(new IOException("unexpected JMH result format"));
			}
			return Double.valueOf(text);
		}

	}

}
