package dev.shopflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run, parsed from the command line of {@code benchmark/run}.
 *
 * @param mode {@code fixed}, {@code ramp} or {@code overload}
 * @param rates the fixed rates in orders per second, run one after the other
 * @param duration how long each fixed rate is offered
 * @param warmUp how long a warm-up at half the first rate runs first (not reported as a
 * phase result; zero for none)
 * @param rampStart the first rate of a ramp
 * @param rampStep how much each ramp step adds
 * @param rampStepDuration how long each ramp step is offered
 * @param rampMax the rate at which a ramp stops even if every step was sustained
 * @param customers how many virtual customers (each with its own token) share the load
 * @param skus how many products the benchmark seeds and orders from
 * @param pollInterval how often a customer asks for the status of a pending order
 * @param outcomeWait how long a customer's status request asks the stack to hold it until
 * the order is decided ({@code Prefer: wait}); zero: plain polling
 * @param drainTimeout how long, after a phase's load stops, its pending orders may still
 * take to become final
 * @param declineRatio share of orders paid with a card the simulator declines
 * @param gateway an already running stack's gateway, or {@code null} for a fresh local
 * stack
 * @param psp the simulator of an already running stack
 * @param orderDb JDBC URL of an already running stack's order database
 * @param inventoryDb JDBC URL of an already running stack's inventory database
 * @param dbUser database user of an already running stack
 * @param stackRunDir run directory of an already running stack (its {@code pids} file)
 * @param out where the results go
 * @param jfrDir where the stack's JFR recordings go ({@code null}: not recorded)
 * @param stackEnvironment extra environment variables for every process of a fresh stack
 * ({@code --env NAME=value}, repeatable), e.g. to try a tuning without changing a service
 * @param projectDir the checkout
 * @param overloadFactor how many times the rate the overload mode offers after its
 * warm-up at the rate
 * @param calibrate whether to measure the machine first ({@code pgbench -N}, a CPU loop)
 * @param kafka the broker of an already running stack ({@code null}: no Kafka figures)
 * @param otlpSink whether the fresh stack exports its spans over OTLP to a sink in the
 * benchmark's process (what tracing costs with its export; the share sampled is
 * {@code --env SHOPFLOW_TRACING_SAMPLING}, 0.1 by default)
 */
record BenchmarkOptions(String mode, List<Double> rates, Duration duration, Duration warmUp, double rampStart,
		double rampStep, Duration rampStepDuration, double rampMax, int customers, int skus, Duration pollInterval,
		Duration outcomeWait, Duration drainTimeout, double declineRatio, String gateway, String psp, String orderDb,
		String inventoryDb, String dbUser, Path stackRunDir, Path out, Path jfrDir,
		Map<String, String> stackEnvironment, Path projectDir, double overloadFactor, boolean calibrate, String kafka,
		boolean otlpSink) {

	static final List<String> MODES = List.of("fixed", "ramp", "overload");

	static final String USAGE = """
			usage: benchmark/run fixed [--rate 100[,200,400]] [--duration 60s] [options]
			       benchmark/run ramp  [--start 100] [--step 100] [--step-duration 20s] [--max-rate 2000] [options]
			       benchmark/run overload --rate 50 [--factor 3] [--duration 60s] [options]
			                          warm-up at the rate, then --factor times the rate for --duration:
			                          goodput within the saga deadline, refusals, timeouts
			options:
			  --warmup 15s            warm-up at half the first rate before measuring (0s: none); overload:
			                          at the rate itself
			  --no-calibration        skip the machine's calibration (pgbench -N for 15 s, a CPU loop)
			  --otlp-sink             the stack exports its spans (OTLP/HTTP) to a sink in this process
			                          that counts them: what tracing costs at the sampled share
			  --customers 200         virtual customers, each with its own dev token
			  --skus 100              products BENCH-0001.. seeded with a huge stock
			  --wait 10s              GET /api/orders/{id} with Prefer: wait=10, answered when the order is
			                          decided (0s: plain polling every --poll-interval)
			  --poll-interval 250ms   how often a customer polls a pending order (backs off after 2 s)
			  --drain-timeout 60s     how long pending orders may take after a phase's load stops
			  --decline-ratio 0       share of orders paid with a declined card
			  --env NAME=value        extra environment for every process of the fresh stack (repeatable)
			  --out DIR               results directory (default benchmark/results/<time>-<mode>)
			  --jfr DIR               (set by benchmark/run --jfr) where the services' recordings go
			target an already running stack instead of starting a fresh one on ports 28080..:
			  --gateway URL  --psp URL  --order-db JDBC-URL  --inventory-db JDBC-URL  [--db-user postgres]
			  [--kafka HOST:PORT (its broker, for the Kafka records per saga)]
			  [--stack-run-dir DIR (its pids file, for memory figures; default .run)]
			""";

	static BenchmarkOptions parse(String[] args, Path projectDir) {
		if (args.length == 0 || !MODES.contains(args[0])) {
			throw new IllegalArgumentException("first argument: fixed, ramp or overload");
		}
		boolean calibrate = true;
		boolean otlpSink = false;
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--no-calibration")) {
				calibrate = false;
				continue;
			}
			if (name.equals("--otlp-sink")) {
				otlpSink = true;
				continue;
			}
			if (!name.startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value, got " + name);
			}
			String value = args[++i];
			if (name.equals("--env")) {
				int equals = value.indexOf('=');
				if (equals < 1) {
					throw new IllegalArgumentException("--env needs NAME=value, got " + value);
				}
				environment.put(value.substring(0, equals), value.substring(equals + 1));
			}
			else {
				values.put(name.substring(2), value);
			}
		}
		String mode = args[0];
		List<Double> rates = new ArrayList<>();
		for (String rate : values.getOrDefault("rate", "100").split(",")) {
			rates.add(Double.parseDouble(rate.trim()));
		}
		String gateway = values.remove("gateway");
		Path out = values.containsKey("out") ? Path.of(values.get("out"))
				: projectDir.resolve("benchmark/results").resolve(timestamp() + "-" + mode);
		BenchmarkOptions options = new BenchmarkOptions(mode, List.copyOf(rates),
				duration(values.getOrDefault("duration", "60s")), duration(values.getOrDefault("warmup", "15s")),
				number(values, "start", 100), number(values, "step", 100),
				duration(values.getOrDefault("step-duration", "20s")), number(values, "max-rate", 2000),
				(int) number(values, "customers", 200), (int) number(values, "skus", 100),
				duration(values.getOrDefault("poll-interval", "250ms")), duration(values.getOrDefault("wait", "10s")),
				duration(values.getOrDefault("drain-timeout", "60s")), number(values, "decline-ratio", 0), gateway,
				values.remove("psp"), values.remove("order-db"), values.remove("inventory-db"),
				values.getOrDefault("db-user", "postgres"),
				Path.of(values.getOrDefault("stack-run-dir", projectDir.resolve(".run").toString())), out,
				values.containsKey("jfr") ? Path.of(values.get("jfr")) : null, Map.copyOf(environment), projectDir,
				number(values, "factor", 3), calibrate, values.remove("kafka"), otlpSink);
		if (gateway != null && (options.psp() == null || options.orderDb() == null || options.inventoryDb() == null)) {
			throw new IllegalArgumentException("--gateway needs --psp, --order-db and --inventory-db too");
		}
		if (mode.equals("overload") && (rates.size() != 1 || options.overloadFactor() <= 0)) {
			throw new IllegalArgumentException("overload needs one --rate and a positive --factor");
		}
		if (options.skus() < 3 || options.skus() > 9999) {
			throw new IllegalArgumentException("--skus must be 3..9999");
		}
		return options;
	}

	/**
	 * These options with more environment for the fresh stack.
	 * @param more the variables to add
	 * @return the options
	 */
	BenchmarkOptions withEnvironment(Map<String, String> more) {
		Map<String, String> environment = new LinkedHashMap<>(this.stackEnvironment);
		environment.putAll(more);
		return new BenchmarkOptions(this.mode, this.rates, this.duration, this.warmUp, this.rampStart, this.rampStep,
				this.rampStepDuration, this.rampMax, this.customers, this.skus, this.pollInterval, this.outcomeWait,
				this.drainTimeout, this.declineRatio, this.gateway, this.psp, this.orderDb, this.inventoryDb,
				this.dbUser, this.stackRunDir, this.out, this.jfrDir, Map.copyOf(environment), this.projectDir,
				this.overloadFactor, this.calibrate, this.kafka, this.otlpSink);
	}

	boolean freshStack() {
		return this.gateway == null;
	}

	private static double number(Map<String, String> values, String name, double fallback) {
		String value = values.get(name);
		return (value != null) ? Double.parseDouble(value) : fallback;
	}

	static Duration duration(String text) {
		String value = text.trim().toLowerCase();
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
		}
		if (value.endsWith("m")) {
			return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
		}
		return Duration.ofSeconds(Long.parseLong(value));
	}

	private static String timestamp() {
		return java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

}
