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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The whole Shopflow stack on one machine, each part its own process, started in
 * dependency order and waited for by health: Kafka (from Kafka's own jars), the
 * psp-simulator, the gateway in the {@code local} profile, then one or more instances of
 * each service. The topology is one table of {@link StackPart}s ({@link #parts()}), from
 * which start, readiness, restart and stop are driven. Once up, a {@link Supervisor}
 * restarts any process that dies. Used by the {@code ./shopflow} command and by the
 * system tests alike, which also use its control calls: {@link #kill}, {@link #pause},
 * {@link #resume}, {@link #restart}, {@link #awaitReady}.
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

	/** The services' connection pool size ({@code <SERVICE>_DB_POOL_SIZE} default). */
	private static final int DEFAULT_POOL_SIZE = 20;

	/** Where {@code ./shopflow run} keeps its own PID in the run directory. */
	static final String LAUNCHER_PID = "launcher.pid";

	private static final List<String> APPLICATIONS = List.of("psp-simulator", "inventory-service", "payment-service",
			"order-service", "gateway");

	private final StackSettings settings;

	/** The topology, in start order. */
	private final List<StackPart> parts = new ArrayList<>();

	/** The current process of each part, by name. */
	private final Map<String, StackProcess> running = new ConcurrentHashMap<>();

	/** Parts stopped on purpose, which the supervisor leaves alone. */
	private final Set<String> held = ConcurrentHashMap.newKeySet();

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	private final Supervisor supervisor = new Supervisor(this::relaunch);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile boolean supervising;

	private volatile boolean closing;

	private Postgres postgres;

	private boolean redis;

	private LocalStack(StackSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts everything and waits until every part is ready; from then on a process that
	 * dies is restarted.
	 * @param settings where, on which ports, how many instances
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
		List<String> databases = SERVICES.stream()
			.map((service) -> this.settings.database(service.database()))
			.toList();
		if (this.settings.fresh()) {
			this.postgres.dropDatabases(databases);
			deleteRecursively(this.settings.runDir().resolve("kafka"));
		}
		this.postgres.createDatabases(databases);
		this.redis = "127.0.0.1".equals(redisHost()) && Postgres.answers("127.0.0.1", 6379);
		this.parts.addAll(topology());
		// the simulator and the gateway need no broker, and the gateway needs the
		// services
		// only to route calls (its circuit breakers answer 503 until they are up): they
		// start while the broker does
		for (StackPart part : this.parts) {
			part.needs().forEach((need) -> awaitReady(part(need)));
			launch(part);
		}
		this.parts.forEach(this::awaitReady);
		writePids();
		this.supervising = true;
	}

	/**
	 * The local topology as data: one row per process, in start order.
	 */
	private List<StackPart> topology() {
		List<StackPart> topology = new ArrayList<>();
		List<String> kafka = new ArrayList<>(options("SHOPFLOW_KAFKA_JAVA_OPTS", KAFKA_JAVA_OPTIONS));
		kafka.addAll(List.of("-cp", localRunClasspath(), KafkaBroker.class.getName(),
				this.settings.runDir().resolve("kafka").toString(), Integer.toString(this.settings.kafkaPort())));
		topology.add(new StackPart("kafka", "kafka", this.settings.kafkaPort(), StackPart.Probe.PORT, List.of(), kafka,
				Map.of()));
		topology.add(application("psp-simulator", this.settings.pspPort(), List.of(),
				Map.of("PSP_PORT", Integer.toString(this.settings.pspPort()))));
		topology.add(application("gateway", this.settings.gatewayPort(), List.of(), gatewayEnvironment()));
		for (Service service : SERVICES) {
			for (int instance = 1; instance <= this.settings.instances(); instance++) {
				int port = StackSettings.instancePort(service.firstPort(this.settings), instance);
				String name = (instance == 1) ? service.module() : service.module() + "-" + instance;
				topology.add(new StackPart(name, service.module(), port, StackPart.Probe.READINESS, List.of("kafka"),
						jar(service.module()), serviceEnvironment(service, port)));
			}
		}
		return topology;
	}

	private StackPart application(String module, int port, List<String> needs, Map<String, String> environment) {
		return new StackPart(module, module, port, StackPart.Probe.READINESS, needs, jar(module), environment);
	}

	/**
	 * A service of the stack: its module, the prefix of its environment variables, its
	 * database and where its first instance listens.
	 */
	private record Service(String module, String prefix, String database) {

		int firstPort(StackSettings settings) {
			return switch (this.database) {
				case "order" -> settings.orderPort();
				case "payment" -> settings.paymentPort();
				default -> settings.inventoryPort();
			};
		}

	}

	/** The services in start order (the consumers of a service's events after it). */
	private static final List<Service> SERVICES = List.of(new Service("inventory-service", "INVENTORY", "inventory"),
			new Service("payment-service", "PAYMENT", "payment"), new Service("order-service", "ORDER", "order"));

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

	private Map<String, String> serviceEnvironment(Service service, int port) {
		String prefix = service.prefix();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(prefix + "_PORT", Integer.toString(port));
		environment.put(prefix + "_DB_URL", this.postgres.jdbcUrl(this.settings.database(service.database())));
		environment.put(prefix + "_DB_USER", this.postgres.user());
		environment.put(prefix + "_DB_PASSWORD", System.getenv().getOrDefault("PGPASSWORD", ""));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + this.settings.kafkaPort());
		environment.put("JWT_JWK_SET_URI", this.settings.gatewayUrl() + "/.well-known/jwks.json");
		if ("payment".equals(service.database())) {
			environment.put("PSP_URL", this.settings.pspUrl());
		}
		// the instances of a service share its connections (20 by default), so that
		// --instances 2 holds no more of PostgreSQL's 100 than one instance did
		String poolSize = prefix + "_DB_POOL_SIZE";
		if (this.settings.instances() > 1 && !this.settings.environment().containsKey(poolSize)
				&& System.getenv(poolSize) == null) {
			environment.put(poolSize, Integer.toString(Math.max(4, DEFAULT_POOL_SIZE / this.settings.instances())));
		}
		return environment;
	}

	private Map<String, String> gatewayEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", "local");
		environment.put("GATEWAY_PORT", Integer.toString(this.settings.gatewayPort()));
		// every instance of a service, between which the gateway balances
		for (Service service : SERVICES) {
			environment.put(service.prefix() + "_SERVICE_URL", instanceUrls(service.firstPort(this.settings)));
		}
		environment.put("DEV_ISSUER_KEY_FILE", this.settings.runDir().resolve("dev-signing-key.json").toString());
		if (this.redis) {
			environment.put("REDIS_HOST", "127.0.0.1");
		}
		return environment;
	}

	private String instanceUrls(int firstPort) {
		List<String> urls = new ArrayList<>();
		for (int instance = 1; instance <= this.settings.instances(); instance++) {
			urls.add("http://127.0.0.1:" + StackSettings.instancePort(firstPort, instance));
		}
		return String.join(",", urls);
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
	 * Starts the process of one part (also to restart it).
	 * @param part the part
	 */
	private synchronized void launch(StackPart part) {
		Map<String, String> all = new LinkedHashMap<>();
		// glibc's default of one malloc arena per core and thread count adds tens of MB
		// of resident memory per JVM for nothing
		all.put("MALLOC_ARENA_MAX", "2");
		all.putAll(this.settings.environment());
		all.putAll(part.environment());
		StackProcess process = StackProcess.start(part.name(), part.arguments(), all,
				this.settings.runDir().resolve("logs"));
		Instant started = Instant.now();
		this.running.put(part.name(), process);
		process.onExit().thenRun(() -> exited(part, process, started));
	}

	private void exited(StackPart part, StackProcess process, Instant started) {
		if (this.supervising && !this.closing && !this.held.contains(part.name())
				&& this.running.get(part.name()) == process) {
			this.supervisor.exited(part, process, started);
		}
	}

	private synchronized void relaunch(StackPart part) {
		StackProcess current = this.running.get(part.name());
		if (this.closing || this.held.contains(part.name()) || (current != null && current.isAlive())) {
			return;
		}
		this.paused.remove(part.name());
		launch(part);
		writePids();
	}

	/**
	 * The stack's topology, in start order.
	 * @return every part
	 */
	public List<StackPart> parts() {
		return List.copyOf(this.parts);
	}

	/**
	 * The instances of one service.
	 * @param service e.g. {@code order-service}
	 * @return its parts, the first instance first
	 */
	public List<StackPart> instances(String service) {
		return this.parts.stream().filter((part) -> part.service().equals(service)).toList();
	}

	/**
	 * One part by name.
	 * @param name e.g. {@code order-service-2} or {@code kafka}
	 * @return the part
	 */
	public StackPart part(String name) {
		return this.parts.stream()
			.filter((part) -> part.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No part " + name + " in " + this.parts));
	}

	/**
	 * The PID of a part's current process.
	 * @param part the part
	 * @return its PID
	 */
	public long pid(StackPart part) {
		return this.running.get(part.name()).pid();
	}

	/**
	 * SIGKILL of a part's process, as a crash: no shutdown at all. The supervisor starts
	 * it again (see {@link #awaitReady}).
	 * @param part the part
	 * @return the PID killed
	 */
	public long kill(StackPart part) {
		StackProcess process = this.running.get(part.name());
		process.kill();
		return process.pid();
	}

	/**
	 * SIGSTOP of a part's process: it freezes, holding its connections and locks.
	 * @param part the part
	 */
	public void pause(StackPart part) {
		this.running.get(part.name()).pause();
		this.paused.add(part.name());
	}

	/**
	 * SIGCONT of a part's frozen process.
	 * @param part the part
	 */
	public void resume(StackPart part) {
		this.running.get(part.name()).resume();
		this.paused.remove(part.name());
	}

	/**
	 * Stops a part gracefully (SIGTERM), starts it again and waits until it is ready; for
	 * the broker, a restart of Kafka.
	 * @param part the part
	 */
	public void restart(StackPart part) {
		this.held.add(part.name());
		try {
			resumeIfPaused(part);
			this.running.get(part.name()).stop();
		}
		finally {
			this.held.remove(part.name());
		}
		relaunch(part);
		awaitReady(part);
	}

	/**
	 * How often the supervisor restarted a part.
	 * @param part the part
	 * @return the restart count
	 */
	public int restarts(StackPart part) {
		return this.supervisor.restarts(part);
	}

	/**
	 * Stops one service (SIGTERM), e.g. to see how the rest copes; the supervisor leaves
	 * it stopped until {@link #restartService}.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void stopService(String name) {
		this.held.add(name);
		this.running.get(name).stop();
	}

	/**
	 * Starts a stopped service again and waits until it is ready.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void restartService(String name) {
		StackPart part = part(name);
		this.held.add(name);
		this.running.get(name).stop();
		this.held.remove(name);
		relaunch(part);
		awaitReady(part);
	}

	/**
	 * Waits until a part's current process is ready (its port answers, or its readiness
	 * probe says 200), also while the supervisor is still to start it again.
	 * @param part the part
	 */
	public void awaitReady(StackPart part) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		URI readiness = URI.create("http://127.0.0.1:" + part.port() + "/actuator/health/readiness");
		while (!((part.probe() == StackPart.Probe.PORT) ? Postgres.answers("127.0.0.1", part.port())
				: ready(readiness))) {
			checkAlive(part, deadline);
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

	private void checkAlive(StackPart part, long deadline) {
		StackProcess process = this.running.get(part.name());
		// before the supervisor is on duty, a process that exits fails the start
		if (!this.supervising && !process.isAlive()) {
			throw new IllegalStateException(part.name() + " exited during start-up. Last lines of " + process.log()
					+ ":\n" + process.logTail(30));
		}
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(
					part.name() + " was not ready within " + START_TIMEOUT.toSeconds() + " s. See " + process.log());
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

	private void resumeIfPaused(StackPart part) {
		if (this.paused.contains(part.name())) {
			resume(part);
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
		String pids = this.parts.stream()
			.filter((part) -> this.running.containsKey(part.name()))
			.map((part) -> part.name() + " " + this.running.get(part.name()).pid())
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
		int stopped = stopLauncher(runDir);
		Path pids = runDir.resolve("pids");
		if (!Files.exists(pids)) {
			return stopped;
		}
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

	/**
	 * Stops a {@code ./shopflow run} of this run directory, if one is running: first its
	 * launcher, which stops the processes it started (and no supervisor restarts them).
	 * @param runDir the run directory
	 * @return the number of processes the launcher had running, 0 without one
	 */
	private static int stopLauncher(Path runDir) {
		Path launcher = runDir.resolve(LAUNCHER_PID);
		try {
			if (!Files.exists(launcher)) {
				return 0;
			}
			ProcessHandle handle = ProcessHandle.of(Long.parseLong(Files.readString(launcher).trim())).orElse(null);
			if (handle == null || !handle.isAlive() || handle.pid() == ProcessHandle.current().pid()
					|| !handle.info().commandLine().orElse("").contains(Shopflow.class.getName())) {
				return 0;
			}
			Path pids = runDir.resolve("pids");
			int children = Files.exists(pids) ? Files.readAllLines(pids).size() : 0;
			handle.destroy();
			handle.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
			return children;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			// the launcher did not go in time: its processes are stopped one by one below
			return 0;
		}
	}

	@Override
	public void close() {
		this.closing = true;
		this.supervisor.close();
		for (int i = this.parts.size() - 1; i >= 0; i--) {
			StackPart part = this.parts.get(i);
			if (this.running.containsKey(part.name())) {
				resumeIfPaused(part);
				this.running.remove(part.name()).stop();
			}
		}
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
