package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * The applications' JVM options unless {@code SHOPFLOW_JAVA_OPTS} says otherwise: on
	 * a small machine the C1 compiler alone (TieredStopAtLevel=1) gives both the fastest
	 * start and, for the first many minutes, the highest throughput, because six JVMs' C2
	 * compilations would compete with the work for the same cores (docs/performance.md).
	 * The heap is fixed at 192 MB with a 64 MB young generation: the largest live set
	 * measured under overload is about 100 MB (gateway, order-service), and a heap that
	 * never resizes needs no full collection to grow (docs/performance.md, session 7).
	 */
	public static final String JAVA_OPTIONS = "-XX:+UseSerialGC -Xms192m -Xmx192m -Xmn64m -XX:TieredStopAtLevel=1 -Xss512k";

	/**
	 * The broker's JVM options unless {@code SHOPFLOW_KAFKA_JAVA_OPTS} says otherwise.
	 */
	public static final String KAFKA_JAVA_OPTIONS = "-XX:+UseSerialGC -Xms128m -Xmx384m -XX:TieredStopAtLevel=1";

	private final StackSettings settings;

	/** The topology, in start order. */
	private final List<StackPart> parts = new ArrayList<>();

	private StackProcesses processes;

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
		try {
			Files.createDirectories(this.settings.runDir().resolve("logs"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PidFiles.stopLeftovers(this.settings.runDir());
		this.postgres = Postgres.startOrConnect(this.settings.runDir());
		List<String> databases = Topology.databases(this.settings);
		if (this.settings.fresh()) {
			this.postgres.dropDatabases(databases);
			deleteRecursively(this.settings.runDir().resolve("kafka"));
		}
		this.postgres.createDatabases(databases);
		this.redis = "127.0.0.1".equals(Topology.redisHost()) && Ports.answers("127.0.0.1", 6379);
		this.parts.addAll(new Topology(this.settings, this.redis).parts(this.postgres));
		this.processes = new StackProcesses(this.settings, this.parts);
		// the simulator and the gateway need no broker, and the gateway needs the
		// services only to route calls (its circuit breakers answer 503 until they are
		// up): they start while the broker does
		this.processes.startAll(this::part);
	}

	/**
	 * Prepares the applications' start-up caches (extracted jars trained into a JDK AOT
	 * cache) that are missing or older than the jars; later starts of this stack use
	 * them.
	 * @param settings the stack
	 * @return how many caches were prepared (0 when all were current)
	 */
	public static int prepareStartupCaches(StackSettings settings) {
		// the caches are trained with rate limits in memory; Redis selects no other bean
		Topology topology = new Topology(settings, false);
		Map<String, Path> jars = new LinkedHashMap<>();
		for (String module : Topology.APPLICATIONS) {
			jars.put(module, topology.jarFile(module));
		}
		// the environment matters only where it selects beans (the gateway's local
		// profile)
		Map<String, Map<String, String>> environment = Map.of("gateway", topology.gatewayEnvironment());
		Path logs = settings.runDir().resolve("logs");
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, List<String>> options = new LinkedHashMap<>();
		Topology.APPLICATIONS.forEach((module) -> options.put(module, Topology.javaOptions(module)));
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
	 */
	public long pid(StackPart part) {
		return this.processes.pid(part);
	}

	/**
	 * SIGKILL of a part's process, as a crash: no shutdown at all. The supervisor starts
	 * it again (see {@link #awaitReady}).
	 * @return the PID killed
	 */
	public long kill(StackPart part) {
		return this.processes.kill(part);
	}

	/**
	 * SIGSTOP of a part's process: it freezes, holding its connections and locks.
	 */
	public void pause(StackPart part) {
		this.processes.pause(part);
	}

	/**
	 * SIGCONT of a part's frozen process.
	 */
	public void resume(StackPart part) {
		this.processes.resume(part);
	}

	/**
	 * Stops a part gracefully (SIGTERM), starts it again and waits until it is ready; for
	 * the broker, a restart of Kafka.
	 */
	public void restart(StackPart part) {
		try {
			this.processes.stopAndHold(part);
		}
		finally {
			this.processes.release(part);
		}
		this.processes.relaunch(part);
		awaitReady(part);
	}

	/**
	 * How often the supervisor restarted a part.
	 */
	public int restarts(StackPart part) {
		return this.processes.restarts(part);
	}

	/**
	 * Stops one service (SIGTERM), e.g. to see how the rest copes; the supervisor leaves
	 * it stopped until {@link #restartService}.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void stopService(String name) {
		this.processes.stopAndHold(part(name));
	}

	/**
	 * Starts a stopped service again and waits until it is ready.
	 * @param name the process name, e.g. {@code inventory-service}
	 */
	public void restartService(String name) {
		restart(part(name));
	}

	/**
	 * Waits until a part's current process is ready (its port answers, or its readiness
	 * probe says 200), also while the supervisor is still to start it again.
	 */
	public void awaitReady(StackPart part) {
		this.processes.awaitReady(part);
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

	/**
	 * Stops the processes a previous run left behind, by the PIDs it recorded, and only
	 * those that are still processes of a Shopflow stack.
	 * @param runDir the run directory
	 * @return how many were stopped
	 */
	public static int stopLeftovers(Path runDir) {
		return PidFiles.stopLeftovers(runDir);
	}

	@Override
	public void close() {
		if (this.processes != null) {
			this.processes.stopAll();
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
