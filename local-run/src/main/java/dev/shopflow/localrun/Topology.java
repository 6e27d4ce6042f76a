package dev.shopflow.localrun;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack's processes as data, in start order (eShop's AppHost declares its
 * system the same way): the broker, the psp-simulator, the gateway, then each instance of
 * each service, with the command line and environment each one starts with.
 * {@link LocalStack} drives start, readiness, restart and stop from these rows.
 */
final class Topology {

	/** The services in start order (the consumers of a service's events after it). */
	private static final List<Service> SERVICES = List.of(new Service("inventory-service", "INVENTORY", "inventory"),
			new Service("payment-service", "PAYMENT", "payment"), new Service("order-service", "ORDER", "order"));

	/** Every Spring Boot application of the stack (one start-up cache each). */
	static final List<String> APPLICATIONS = Stream
		.of(Stream.of("psp-simulator"), SERVICES.stream().map(Service::module), Stream.of("gateway"))
		.flatMap((modules) -> modules)
		.toList();

	/** The services' connection pool size ({@code <SERVICE>_DB_POOL_SIZE} default). */
	private static final int DEFAULT_POOL_SIZE = 20;

	private final StackSettings settings;

	private final boolean redis;

	/**
	 * The topology of a stack.
	 * @param settings where, on which ports, how many instances
	 * @param redis whether the gateway keeps its rate limits in Redis
	 */
	Topology(StackSettings settings, boolean redis) {
		this.settings = settings;
		this.redis = redis;
	}

	/**
	 * The databases of the stack's services.
	 * @param settings the stack
	 * @return their names
	 */
	static List<String> databases(StackSettings settings) {
		return SERVICES.stream().map((service) -> settings.database(service.database())).toList();
	}

	/**
	 * The local topology as data: one row per process, in start order.
	 * @param postgres the PostgreSQL the services use
	 */
	List<StackPart> parts(Postgres postgres) {
		List<StackPart> topology = new ArrayList<>();
		List<String> kafka = new ArrayList<>(options("SHOPFLOW_KAFKA_JAVA_OPTS", LocalStack.KAFKA_JAVA_OPTIONS));
		kafka.addAll(List.of("-cp", localRunClasspath(), KafkaBroker.class.getName(),
				this.settings.runDir().resolve("kafka").toString(), Integer.toString(this.settings.kafkaPort())));
		topology.add(new StackPart("kafka", "kafka", this.settings.kafkaPort(), StackPart.Probe.PORT, List.of(), kafka,
				Map.of()));
		topology.add(application("psp-simulator", this.settings.pspPort(), List.of(), Map.of("PSP_PORT",
				Integer.toString(this.settings.pspPort()), "PSP_ADMIN_TOKEN", this.settings.pspAdminToken())));
		topology.add(application("gateway", this.settings.gatewayPort(), List.of(), gatewayEnvironment()));
		for (Service service : SERVICES) {
			for (int instance = 1; instance <= this.settings.instances(); instance++) {
				int port = StackSettings.instancePort(service.firstPort(this.settings), instance);
				String name = (instance == 1) ? service.module() : service.module() + "-" + instance;
				topology.add(new StackPart(name, service.module(), port, StackPart.Probe.READINESS, List.of("kafka"),
						jar(service.module()), withManagementPort(serviceEnvironment(service, port, postgres), port)));
			}
		}
		return topology;
	}

	private StackPart application(String module, int port, List<String> needs, Map<String, String> environment) {
		return new StackPart(module, module, port, StackPart.Probe.READINESS, needs, jar(module),
				withManagementPort(environment, port));
	}

	/**
	 * Every application process gets its own management port, so that the instances of a
	 * service (and another stack's processes, at another offset) never share one.
	 */
	private static Map<String, String> withManagementPort(Map<String, String> environment, int port) {
		Map<String, String> withPort = new LinkedHashMap<>(environment);
		withPort.put("MANAGEMENT_PORT", Integer.toString(StackSettings.managementPort(port)));
		return withPort;
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

	private Map<String, String> serviceEnvironment(Service service, int port, Postgres postgres) {
		String prefix = service.prefix();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(prefix + "_PORT", Integer.toString(port));
		environment.put(prefix + "_DB_URL", postgres.jdbcUrl(this.settings.database(service.database())));
		environment.put(prefix + "_DB_USER", postgres.user());
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

	Map<String, String> gatewayEnvironment() {
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

	static String redisHost() {
		return System.getenv().getOrDefault("SHOPFLOW_REDIS_HOST", "127.0.0.1");
	}

	private List<String> jar(String module) {
		List<String> arguments = new ArrayList<>(javaOptions(module));
		arguments.addAll(StartupCaches.launchArguments(this.settings.runDir().resolve("cache"), module, jarFile(module),
				javaOptions(module)));
		return arguments;
	}

	Path jarFile(String module) {
		return ApplicationJars.of(this.settings.projectDir(), module);
	}

	/**
	 * An application's JVM options: {@code SHOPFLOW_JAVA_OPTS} (or the default), then
	 * what {@code SHOPFLOW_JAVA_OPTS_<MODULE>} adds for that one (e.g.
	 * {@code SHOPFLOW_JAVA_OPTS_GATEWAY}; a later option wins).
	 */
	static List<String> javaOptions(String module) {
		List<String> options = new ArrayList<>(options("SHOPFLOW_JAVA_OPTS", LocalStack.JAVA_OPTIONS));
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

}
