package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The whole Shopflow stack on one machine, each part its own process, started in
 * dependency order and waited for by health: Kafka (from Kafka's own jars), the
 * psp-simulator, the three services, then the gateway in the {@code local} profile. Used
 * by the {@code ./shopflow} command and by the system tests alike.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	/**
	 * The applications' JVM options unless {@code SHOPFLOW_JAVA_OPTS} says otherwise: on
	 * a small machine the C1 compiler alone (TieredStopAtLevel=1) gives both the fastest
	 * start and, for the first many minutes, the highest throughput, because six JVMs' C2
	 * compilations would compete with the work for the same cores (docs/performance.md).
	 */
	public static final String JAVA_OPTIONS = "-XX:+UseSerialGC -Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -Xss512k";

	/**
	 * The broker's JVM options unless {@code SHOPFLOW_KAFKA_JAVA_OPTS} says otherwise.
	 */
	public static final String KAFKA_JAVA_OPTIONS = "-XX:+UseSerialGC -Xms128m -Xmx384m -XX:TieredStopAtLevel=1";

	private static final List<String> APPLICATIONS = List.of("psp-simulator", "inventory-service", "payment-service",
			"order-service", "gateway");

	private final StackSettings settings;

	private final List<StackProcess> processes = new ArrayList<>();

	private final Map<String, StackProcess> byName = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Postgres postgres;

	private boolean redis;

	private LocalStack(StackSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts everything and waits until the gateway is ready.
	 * @param settings where and on which ports
	 * @return the running stack
	 */
	public static LocalStack start(StackSettings settings) {
		LocalStack stack = new LocalStack(settings);
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll() {
		Path logs = this.settings.runDir().resolve("logs");
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		stopLeftovers(this.settings.runDir());
		this.postgres = Postgres.startOrConnect(this.settings.runDir());
		List<String> databases = List.of(this.settings.database("order"), this.settings.database("payment"),
				this.settings.database("inventory"));
		if (this.settings.fresh()) {
			this.postgres.dropDatabases(databases);
			deleteRecursively(this.settings.runDir().resolve("kafka"));
		}
		this.postgres.createDatabases(databases);
		this.redis = "127.0.0.1".equals(redisHost()) && Postgres.answers("127.0.0.1", 6379);
		List<String> kafka = new ArrayList<>(options("SHOPFLOW_KAFKA_JAVA_OPTS", KAFKA_JAVA_OPTIONS));
		kafka.addAll(List.of("-cp", localRunClasspath(), KafkaBroker.class.getName(),
				this.settings.runDir().resolve("kafka").toString(), Integer.toString(this.settings.kafkaPort())));
		launch("kafka", kafka, Map.of());
		// the simulator and the gateway need no broker, and the gateway needs the
		// services
		// only to route calls (its circuit breakers answer 503 until they are up): they
		// start while the broker does
		launch("psp-simulator", jar("psp-simulator"), Map.of("PSP_PORT", Integer.toString(this.settings.pspPort())));
		launch("gateway", jar("gateway"), gatewayEnvironment());
		awaitPort("kafka", this.settings.kafkaPort());
		launch("inventory-service", jar("inventory-service"),
				serviceEnvironment("INVENTORY", "inventory", this.settings.inventoryPort()));
		launch("payment-service", jar("payment-service"), paymentEnvironment());
		launch("order-service", jar("order-service"), serviceEnvironment("ORDER", "order", this.settings.orderPort()));
		awaitReady("psp-simulator", this.settings.pspPort());
		awaitReady("inventory-service", this.settings.inventoryPort());
		awaitReady("payment-service", this.settings.paymentPort());
		awaitReady("order-service", this.settings.orderPort());
		awaitReady("gateway", this.settings.gatewayPort());
		writePids();
	}

	/**
	 * Prepares the applications' start-up caches (extracted jars trained into a JDK AOT
	 * cache) that are missing or older than the jars; later starts of this stack use
	 * them.
	 * @param settings the stack
	 * @return how many caches were prepared (0 when all were current)
	 */
	public static int prepareStartupCaches(StackSettings settings) {
		LocalStack stack = new LocalStack(settings);
		Map<String, Path> jars = new LinkedHashMap<>();
		for (String module : APPLICATIONS) {
			jars.put(module, stack.jarFile(module));
		}
		// the environment matters only where it selects beans (the gateway's local
		// profile)
		Map<String, Map<String, String>> environment = Map.of("gateway", stack.gatewayEnvironment());
		Path logs = settings.runDir().resolve("logs");
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, List<String>> options = new LinkedHashMap<>();
		APPLICATIONS.forEach((module) -> options.put(module, javaOptions(module)));
		return StartupCaches.prepare(settings.runDir().resolve("cache"), jars, options, environment, logs);
	}

	private Map<String, String> paymentEnvironment() {
		Map<String, String> payment = serviceEnvironment("PAYMENT", "payment", this.settings.paymentPort());
		payment.put("PSP_URL", this.settings.pspUrl());
		return payment;
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<String, String> serviceEnvironment(String prefix, String service, int port) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(prefix + "_PORT", Integer.toString(port));
		environment.put(prefix + "_DB_URL", this.postgres.jdbcUrl(this.settings.database(service)));
		environment.put(prefix + "_DB_USER", this.postgres.user());
		environment.put(prefix + "_DB_PASSWORD", System.getenv().getOrDefault("PGPASSWORD", ""));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + this.settings.kafkaPort());
		environment.put("JWT_JWK_SET_URI", this.settings.gatewayUrl() + "/.well-known/jwks.json");
		return environment;
	}

	private Map<String, String> gatewayEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", "local");
		environment.put("GATEWAY_PORT", Integer.toString(this.settings.gatewayPort()));
		environment.put("INVENTORY_SERVICE_URL", "http://127.0.0.1:" + this.settings.inventoryPort());
		environment.put("ORDER_SERVICE_URL", "http://127.0.0.1:" + this.settings.orderPort());
		environment.put("PAYMENT_SERVICE_URL", "http://127.0.0.1:" + this.settings.paymentPort());
		environment.put("DEV_ISSUER_KEY_FILE", this.settings.runDir().resolve("dev-signing-key.json").toString());
		if (this.redis) {
			environment.put("REDIS_HOST", "127.0.0.1");
		}
		return environment;
	}

	private static String redisHost() {
		return System.getenv().getOrDefault("SHOPFLOW_REDIS_HOST", "127.0.0.1");
	}

	private List<String> jar(String module) {
		List<String> arguments = new ArrayList<>(javaOptions(module));
		arguments.addAll(StartupCaches.launchArguments(this.settings.runDir().resolve("cache"), module, jarFile(module),
				javaOptions(module)));
		return arguments;
	}

	private Path jarFile(String module) {
		Path target = this.settings.projectDir().resolve(module).resolve("target");
		// a module whose plain jar is also a library keeps its runnable jar under the
		// "exec" classifier
		Path exec = target.resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
		Path jar = Files.isRegularFile(exec) ? exec : target.resolve(module + "-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + ": build first (./mvnw -DskipTests package)");
		}
		return jar;
	}

	/**
	 * An application's JVM options: {@code SHOPFLOW_JAVA_OPTS} (or the default), then
	 * what {@code SHOPFLOW_JAVA_OPTS_<MODULE>} adds for that one (e.g.
	 * {@code SHOPFLOW_JAVA_OPTS_GATEWAY}; a later option wins).
	 */
	private static List<String> javaOptions(String module) {
		List<String> options = new ArrayList<>(options("SHOPFLOW_JAVA_OPTS", JAVA_OPTIONS));
		String own = System.getenv("SHOPFLOW_JAVA_OPTS_" + module.replace('-', '_').toUpperCase(Locale.ROOT));
		if (own != null && !own.isBlank()) {
			options.addAll(List.of(own.trim().split("\\s+")));
		}
		return options;
	}

	private static List<String> options(String variable, String defaults) {
		String options = System.getenv().getOrDefault(variable, defaults);
		return List.of(options.trim().split("\\s+"));
	}

	private String localRunClasspath() {
		Path module = this.settings.projectDir().resolve("local-run").resolve("target");
		return module.resolve("classes") + java.io.File.pathSeparator + module.resolve("lib") + "/*";
	}

	/**
	 * Starts one more process of the stack (also used to restart a stopped service).
	 * @param name the process name
	 * @param arguments the java arguments
	 * @param environment extra environment variables
	 */
	private void launch(String name, List<String> arguments, Map<String, String> environment) {
		Map<String, String> all = new LinkedHashMap<>();
		// glibc's default of one malloc arena per core and thread count adds tens of MB
		// of
		// resident memory per JVM for nothing
		all.put("MALLOC_ARENA_MAX", "2");
		all.putAll(this.settings.environment());
		all.putAll(environment);
		StackProcess process = StackProcess.start(name, arguments, all, this.settings.runDir().resolve("logs"));
		this.processes.add(process);
		this.byName.put(name, process);
	}

	private void awaitPort(String name, int port) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!Postgres.answers("127.0.0.1", port)) {
			checkAlive(name, deadline);
			pause();
		}
	}

	private void awaitReady(String name, int port) {
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!ready(readiness)) {
			checkAlive(name, deadline);
			pause();
		}
	}

	private boolean ready(URI readiness) {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the stack", ex);
		}
	}

	private void checkAlive(String name, long deadline) {
		StackProcess process = this.byName.get(name);
		if (!process.isAlive()) {
			throw new IllegalStateException(
					name + " exited during start-up. Last lines of " + process.log() + ":\n" + process.logTail(30));
		}
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(
					name + " was not ready within " + START_TIMEOUT.toSeconds() + " s. See " + process.log());
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the stack", ex);
		}
	}

	/**
	 * Stops one service (SIGTERM), e.g. to see how the rest copes.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void stopService(String name) {
		this.byName.get(name).stop();
	}

	/**
	 * Starts a stopped service again and waits until it is ready.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void restartService(String name) {
		StackProcess old = this.byName.get(name);
		old.stop();
		this.processes.remove(old);
		switch (name) {
			case "inventory-service" ->
				launch(name, jar(name), serviceEnvironment("INVENTORY", "inventory", this.settings.inventoryPort()));
			case "order-service" ->
				launch(name, jar(name), serviceEnvironment("ORDER", "order", this.settings.orderPort()));
			default -> throw new IllegalArgumentException("Restarting " + name + " is not supported");
		}
		awaitReady(name, (name.startsWith("inventory") ? this.settings.inventoryPort() : this.settings.orderPort()));
		writePids();
	}

	/**
	 * Blocks until one of the stack's processes exits (crashed, or stopped from outside).
	 * @return the name of the process that exited
	 */
	public String awaitAnyExit() throws InterruptedException {
		while (true) {
			for (StackProcess process : List.copyOf(this.processes)) {
				if (!process.isAlive()) {
					return process.name();
				}
			}
			Thread.sleep(1000);
		}
	}

	public StackSettings settings() {
		return this.settings;
	}

	/**
	 * Which PostgreSQL the stack uses, and whether rate limits live in Redis.
	 * @return a one-line description
	 */
	public String describeInfrastructure() {
		return this.postgres.describe() + ", Kafka at 127.0.0.1:" + this.settings.kafkaPort() + ", "
				+ (this.redis ? "Redis rate limits at 127.0.0.1:6379" : "in-memory rate limits (no Redis)");
	}

	/**
	 * A JDBC URL of one of the stack's databases, e.g. for checks at the end of a test
	 * suite.
	 * @param service {@code order}, {@code payment} or {@code inventory}
	 * @return the URL
	 */
	public String jdbcUrl(String service) {
		return this.postgres.jdbcUrl(this.settings.database(service));
	}

	public String databaseUser() {
		return this.postgres.user();
	}

	private void writePids() {
		String pids = this.processes.stream()
			.map((process) -> process.name() + " " + process.pid())
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.writeString(this.settings.runDir().resolve("pids"), pids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the processes a previous run left behind, by the PIDs it recorded, and only
	 * those that are still processes of a Shopflow stack.
	 * @param runDir the run directory
	 * @return how many were stopped
	 */
	public static int stopLeftovers(Path runDir) {
		Path pids = runDir.resolve("pids");
		if (!Files.exists(pids)) {
			return 0;
		}
		int stopped = 0;
		try {
			List<String> lines = Files.readAllLines(pids);
			for (int i = lines.size() - 1; i >= 0; i--) {
				String[] parts = lines.get(i).trim().split(" ");
				if (parts.length == 2) {
					ProcessHandle handle = ProcessHandle.of(Long.parseLong(parts[1])).orElse(null);
					if (handle != null && StackProcess.isOurs(handle)) {
						StackProcess.stop(handle);
						stopped++;
					}
				}
			}
			// the run being stopped may remove its own file first
			Files.deleteIfExists(pids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return stopped;
	}

	@Override
	public void close() {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			this.processes.get(i).stop();
		}
		this.processes.clear();
		try {
			Files.deleteIfExists(this.settings.runDir().resolve("pids"));
			if (this.postgres != null) {
				this.postgres.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
