package dev.shopflow.benchmark;

import dev.shopflow.localrun.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.shopflow.benchmark.BookAudit.Books;
import dev.shopflow.benchmark.OrderJourney.Customer;

/**
 * The benchmark command ({@code benchmark/run fixed|ramp|overload ...}): calibrates the
 * machine, starts a fresh local stack (or targets a running one), seeds its catalogue,
 * offers orders at fixed rates (open model), in a ramp of rising rates or at a multiple
 * of a rate (overload), checks the books, and writes what it measured, also per completed
 * saga. It measures and reports; it is not a test.
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path project = Path.of(System.getProperty("shopflow.project", ".")).toAbsolutePath().normalize();
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args, project);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("benchmark: " + ex.getMessage() + "\n" + BenchmarkOptions.USAGE);
			System.exit(2);
			return;
		}
		Calibration calibration = calibrate(options);
		OtlpSink sink = null;
		if (options.otlpSink() && options.freshStack()) {
			sink = new OtlpSink();
			options = options
				.withEnvironment(Map.of("SHOPFLOW_TRACING_EXPORT", "true", "SHOPFLOW_OTLP_ENDPOINT", sink.endpoint()));
		}
		System.out
			.println(options.freshStack() ? "Starting a fresh stack on ports " + (8080 + StackUnderTest.PORT_OFFSET)
					+ ".. (databases *_bench) ..." : "Benchmarking the stack at " + options.gateway());
		BenchmarkReport report;
		try (StackUnderTest stack = StackUnderTest.of(options)) {
			report = run(options, stack, calibration);
			System.out.println("Stopping the stack ...");
		}
		System.out.println("\n" + report.summary());
		if (sink != null) {
			System.out.println(sink.summary());
			sink.close();
		}
		System.out
			.println("Results: " + options.out().resolve("result.json") + ", " + options.out().resolve("report.html"));
		System.exit(report.books().balanced() ? 0 : 1);
	}

	/**
	 * Before the stack starts, so that nothing else of the benchmark competes with it.
	 */
	private static Calibration calibrate(BenchmarkOptions options) {
		if (!options.calibrate()) {
			return Calibration.skipped();
		}
		Calibration calibration = options.freshStack()
				? Calibration.measure(System.getenv().getOrDefault("PGHOST", "127.0.0.1"),
						Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432")), options.dbUser())
				: Calibration.measure(JdbcUrls.host(options.orderDb()), JdbcUrls.port(options.orderDb()),
						options.dbUser());
		System.out.printf("  nproc %d, pgbench -N %s tps, SHA-256 %.0f MB/s on one thread%n", calibration.nproc(),
				(calibration.pgbenchTps() != null) ? "%.0f".formatted(calibration.pgbenchTps())
						: "(" + calibration.pgbench() + ")",
				calibration.sha256MbPerSecond());
		return calibration;
	}

	private static BenchmarkReport run(BenchmarkOptions options, StackUnderTest stack, Calibration calibration)
			throws Exception {
		Map<String, Object> settings = settings(options, stack);
		Files.createDirectories(options.out());
		if (Files.isRegularFile(stack.pidsFile())) {
			// the JFR recordings are named by PID; this says which is which
			Files.copy(stack.pidsFile(), options.out().resolve("pids"), StandardCopyOption.REPLACE_EXISTING);
		}
		try (ShopClient shop = new ShopClient(stack.gateway(), stack.psp())) {
			List<String> skus = BenchmarkCatalogue.seed(shop, shop.token("bench-admin", "admin"), options.skus());
			List<Customer> customers = customers(shop, options.customers());
			System.out.println("Seeded " + skus.size() + " products, " + customers.size() + " customers.");
			Timeline timeline = new Timeline(System.nanoTime());
			try (ProcessMonitor monitor = new ProcessMonitor(stack.pidsFile(), timeline);
					Costs costs = Costs.open(stack, monitor.pids())) {
				monitor.start();
				LoadGenerator generator = new LoadGenerator(shop, customers, skus, timeline,
						new ShopClient.Polling(options.pollInterval(), Duration.ofSeconds(2), options.outcomeWait()),
						options.declineRatio());
				List<PhaseResult> phases = new ArrayList<>();
				Run run = new Run(generator, options, timeline, monitor, costs, phases);
				double firstRate = options.mode().equals("ramp") ? options.rampStart() : options.rates().getFirst();
				double warmUpRate = options.mode().equals("overload") ? firstRate : Math.max(1, firstRate / 2);
				if (!options.warmUp().isZero()) {
					run.phase("warm-up", warmUpRate, options.warmUp());
				}
				costs.startMeasuring();
				double maxSustained = switch (options.mode()) {
					case "ramp" -> ramp(run);
					case "overload" -> overload(run);
					default -> fixed(run);
				};
				SagaCosts runCosts = costs.sinceStartOfMeasuring(phases.stream()
					.filter((phase) -> !phase.name().equals("warm-up"))
					.mapToLong(PhaseResult::completed)
					.sum());
				System.out.println("Checking the books ...");
				Books books = new BookAudit(shop, stack.orderDb(), stack.inventoryDb(), stack.dbUser())
					.auditUntilSettled(Duration.ofSeconds(90));
				BenchmarkReport report = new BenchmarkReport(settings, calibration, phases, maxSustained, runCosts,
						books, monitor.rssSeries(), timeline.series(System.nanoTime()));
				report.write(options.out());
				return report;
			}
		}
	}

	private static double fixed(Run run) {
		double maxSustained = 0;
		for (double rate : run.options().rates()) {
			PhaseResult result = run.phase("fixed-" + format(rate), rate, run.options().duration());
			if (result.sustained()) {
				maxSustained = Math.max(maxSustained, rate);
			}
		}
		return maxSustained;
	}

	/**
	 * Raises the rate step by step until a step is not sustained (completion stops
	 * following the offered rate, orders stay pending, errors or p99 latencies explode).
	 */
	private static double ramp(Run run) {
		BenchmarkOptions options = run.options();
		double maxSustained = 0;
		for (double rate = options.rampStart(); rate <= options.rampMax(); rate += options.rampStep()) {
			PhaseResult result = run.phase("ramp-" + format(rate), rate, options.rampStepDuration());
			if (!result.sustained()) {
				break;
			}
			maxSustained = rate;
		}
		return maxSustained;
	}

	/**
	 * After the warm-up at the rate, offers a multiple of it: what matters then is the
	 * goodput (orders decided within the saga deadline), how the stack refuses the rest,
	 * and that the books still balance.
	 */
	private static double overload(Run run) {
		BenchmarkOptions options = run.options();
		double rate = options.rates().getFirst() * options.overloadFactor();
		PhaseResult result = run.phase("overload-" + format(rate), rate, options.duration());
		return result.sustained() ? rate : 0;
	}

	/**
	 * What every phase needs, and the phases so far.
	 */
	private record Run(LoadGenerator generator, BenchmarkOptions options, Timeline timeline, ProcessMonitor monitor,
			Costs costs, List<PhaseResult> phases) {

		PhaseResult phase(String name, double rate, Duration duration) {
			Phase phase = new Phase(name, rate, duration,
					SagaDeadline.of(this.options.stackEnvironment(), this.options.projectDir()));
			System.out.printf("%s: %s orders/s for %d s ...%n", phase.name(), format(phase.rate()),
					phase.duration().toSeconds());
			CostSnapshot before = this.costs.snapshot();
			this.generator.run(phase, this.options.drainTimeout());
			SagaCosts spent = this.costs.since(before, phase.completed.sum());
			PhaseResult result = PhaseResult.of(phase, this.timeline, this.monitor, spent);
			System.out.printf(
					"  %d offered, %d completed, %.1f sagas/s, %d not final, POST p99 %.1f ms, to final p99 %.1f ms%s%n",
					result.offered(), result.completed(), result.completedPerSecond(), result.notFinal(),
					result.placementMs().p99(), result.toFinalMs().p99(),
					result.sustained() ? "" : " -- NOT sustained: " + String.join("; ", result.verdict()));
			if (spent != null && spent.stackCpuMsPerSaga() != null) {
				System.out.printf("  per saga: %s transactions, %s rows, %s WAL syncs, %s Kafka records, %.1f CPU ms%n",
						spent.transactionsPerSaga(), spent.rowsWrittenPerSaga(), spent.walSyncsPerSaga(),
						spent.kafkaRecordsPerSaga(), spent.stackCpuMsPerSaga());
			}
			this.phases.add(result);
			return result;
		}

	}

	private static List<Customer> customers(ShopClient shop, int count) throws Exception {
		String run = Long.toString(System.currentTimeMillis(), 36);
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = "bench-" + run + "-" + i;
			customers.add(new Customer(id, shop.token(id, "customer")));
		}
		return List.copyOf(customers);
	}

	private static Map<String, Object> settings(BenchmarkOptions options, StackUnderTest stack) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("mode", options.mode());
		settings.put("startedAt", Instant.now().toString());
		settings.put("gateway", stack.gateway());
		settings.put("freshStack", options.freshStack());
		String javaOptions = System.getenv("SHOPFLOW_JAVA_OPTS");
		settings.put("javaOptions",
				(javaOptions != null) ? javaOptions : "(LocalStack default: " + LocalStack.JAVA_OPTIONS + ")");
		Map<String, String> perApplication = new TreeMap<>();
		System.getenv().forEach((name, value) -> {
			if (name.startsWith("SHOPFLOW_JAVA_OPTS_")) {
				perApplication.put(name, value);
			}
		});
		if (!perApplication.isEmpty()) {
			settings.put("javaOptionsPerApplication", perApplication);
		}
		String kafkaOptions = System.getenv("SHOPFLOW_KAFKA_JAVA_OPTS");
		settings.put("kafkaJavaOptions",
				(kafkaOptions != null) ? kafkaOptions : "(LocalStack default: " + LocalStack.KAFKA_JAVA_OPTIONS + ")");
		settings.put("cores", Runtime.getRuntime().availableProcessors());
		settings.put("loadAverageAtStart", loadAverage());
		settings.put("customers", options.customers());
		settings.put("skus", options.skus());
		settings.put("pollIntervalMs", options.pollInterval().toMillis());
		settings.put("pollBackOff", "orders older than 2 s are polled at doubling intervals, up to 2 s");
		settings.put("waitSeconds", options.outcomeWait().toSeconds());
		if (!options.stackEnvironment().isEmpty()) {
			settings.put("stackEnvironment", options.stackEnvironment());
		}
		settings.put("drainTimeoutSeconds", options.drainTimeout().toSeconds());
		settings.put("declineRatio", options.declineRatio());
		settings.put("sagaDeadlineSeconds",
				SagaDeadline.of(options.stackEnvironment(), options.projectDir()).toMillis() / 1000.0);
		settings.put("clockTicksPerSecond", ClockTicks.perSecond());
		settings.put("warmUpSeconds", options.warmUp().toSeconds());
		if (options.mode().equals("overload")) {
			settings.put("overload",
					"warm-up at %s orders/s, then %s x for %d s, no retries of refusals".formatted(
							format(options.rates().getFirst()), format(options.overloadFactor()),
							options.duration().toSeconds()));
		}
		else if (options.mode().equals("ramp")) {
			settings.put("ramp", "start %s, step %s, %d s per step, max %s".formatted(format(options.rampStart()),
					format(options.rampStep()), options.rampStepDuration().toSeconds(), format(options.rampMax())));
		}
		else {
			settings.put("rates", options.rates());
			settings.put("durationSeconds", options.duration().toSeconds());
		}
		if (options.jfrDir() != null) {
			settings.put("jfr", options.jfrDir().toString());
		}
		return settings;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	static String format(double rate) {
		return (rate == Math.rint(rate)) ? Long.toString((long) rate) : Double.toString(rate);
	}

}
