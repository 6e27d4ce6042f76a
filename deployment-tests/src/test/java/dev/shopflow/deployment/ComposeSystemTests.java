package dev.shopflow.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment as an operator runs it: the images built by {@code deploy/build-images},
 * {@code docker-compose.yml} brought up (with the test-only overlay
 * {@code deploy/compose.ci.yml}, which gives the gateway its dev token issuer), an order
 * placed through the published gateway port, and everything torn down with its volumes.
 */
class ComposeSystemTests {

	static final List<String> APPLICATIONS = List.of("psp-simulator", "inventory-service", "payment-service",
			"order-service", "gateway");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** The databases' and the Kafka users' passwords (required by the file). */
	private static final Map<String, String> PASSWORDS = Map.of("ORDER_DB_PASSWORD", "order-" + RUN,
			"PAYMENT_DB_PASSWORD", "payment-" + RUN, "INVENTORY_DB_PASSWORD", "inventory-" + RUN,
			"KAFKA_ADMIN_PASSWORD", "kafka-admin-" + RUN, "KAFKA_ORDER_SERVICE_PASSWORD", "kafka-order-" + RUN,
			"KAFKA_PAYMENT_SERVICE_PASSWORD", "kafka-payment-" + RUN, "KAFKA_INVENTORY_SERVICE_PASSWORD",
			"kafka-inventory-" + RUN);

	/**
	 * The psp-simulator's admin token ({@code PSP_ADMIN_TOKEN}, required by the file).
	 */
	private static final String PSP_ADMIN_TOKEN = "psp-admin-" + RUN;

	/** The password Redis requires of the gateway ({@code REDIS_PASSWORD}, required). */
	private static final String REDIS_PASSWORD = "redis-" + RUN;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static ComposeStack stack;

	private static String gateway;

	@BeforeAll
	static void bringUpTheStack() throws IOException {
		Path project = Project.root();
		long start = System.nanoTime();
		Commands.run(project, Map.of(), Duration.ofMinutes(20), List.of("deploy/build-images"))
			.orFail(List.of("deploy/build-images"));
		System.out.printf("ComposeSystemTests: images built in %d s%n", seconds(start));
		int port = freePort();
		Map<String, String> environment = new LinkedHashMap<>(PASSWORDS);
		environment.put("POSTGRES_PASSWORD", "postgres-" + RUN);
		environment.put("PSP_ADMIN_TOKEN", PSP_ADMIN_TOKEN);
		environment.put("REDIS_PASSWORD", REDIS_PASSWORD);
		environment.put("JWT_JWK_SET_URI", "http://gateway:8080/.well-known/jwks.json");
		environment.put("GATEWAY_HOST_PORT", Integer.toString(port));
		// two cores run five JVMs here: C1 only, as ./shopflow run does
		environment.put("SHOPFLOW_JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1");
		stack = new ComposeStack(project, System.getProperty("shopflow.compose.project", "shopflowci"), environment);
		stack.run(Duration.ofMinutes(2), "down", "-v", "--remove-orphans");
		start = System.nanoTime();
		Commands.Result up = stack.run(Duration.ofMinutes(8), "up", "-d");
		if (!up.succeeded()) {
			saveLogs();
			throw new IllegalStateException(stack.composeDescription() + " up failed:\n" + up.output()
					+ "\nlogs: deployment-tests/target/compose-logs.txt");
		}
		gateway = "http://127.0.0.1:" + port;
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> status(gateway + "/readyz") == 200);
		System.out.printf("ComposeSystemTests: stack up and gateway ready in %d s (%s)%n", seconds(start),
				stack.composeDescription());
	}

	private static long seconds(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
	}

	@AfterAll
	static void tearDown() {
		if (stack != null) {
			saveLogs();
			stack.run(Duration.ofMinutes(2), "down", "-v", "--remove-orphans").orFail(List.of("compose", "down", "-v"));
		}
	}

	@Test
	void confirmsAnOrderPlacedThroughTheGateway() throws Exception {
		String admin = devToken("compose-admin", "admin");
		String alice = devToken("alice-" + RUN, "customer");
		String sku = "COMPOSE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		HttpResponse<String> created = send(request("/api/products", admin).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"sku\":\"" + sku + "\",\"name\":\"Compose test\",\"unitPriceMinor\":1500,\"initialStock\":10}"))
			.build());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		HttpResponse<String> placed = send(request("/api/orders", alice).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"sku\":\"" + sku
					+ "\",\"quantity\":2}],\"paymentMethod\":{\"token\":\"tok_ok_visa\"}}"))
			.build());
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
		String orderId = JSON.readTree(placed.body()).path("id").asString();

		JsonNode order = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> JSON.readTree(send(request("/api/orders/" + orderId, alice).GET().build()).body()),
					(view) -> "CONFIRMED".equals(view.path("status").asString()));
		assertThat(order.path("totalMinor").asLong()).isEqualTo(3000);
		JsonNode product = JSON.readTree(send(request("/api/products/" + sku, null).GET().build()).body());
		assertThat(product.path("available").asInt()).isEqualTo(8);
	}

	@Test
	void acceptsTheOperatorsComposeFileWithAndWithoutTheObservabilityProfile(@TempDir Path empty) throws IOException {
		List<String> compose = ComposeStack.composeCommand();
		Map<String, String> environment = new LinkedHashMap<>(PASSWORDS);
		environment.put("POSTGRES_PASSWORD", "postgres-" + RUN);
		environment.put("PSP_ADMIN_TOKEN", PSP_ADMIN_TOKEN);
		environment.put("REDIS_PASSWORD", REDIS_PASSWORD);
		environment.put("JWT_JWK_SET_URI", "https://sso.example.com/realms/shopflow/protocol/openid-connect/certs");
		for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "observability"))) {
			List<String> command = new java.util.ArrayList<>(compose);
			command.addAll(List.of("-f", "docker-compose.yml"));
			command.addAll(profile);
			command.addAll(List.of("config"));
			String config = Commands.run(Project.root(), environment, Duration.ofMinutes(1), command)
				.orFail(command)
				.output();
			assertThat(config).doesNotContain("SPRING_PROFILES_ACTIVE");
			assertThat(config.contains("prom/prometheus")).isEqualTo(!profile.isEmpty() || compose.size() == 1);
		}
		List<String> missing = new java.util.ArrayList<>(compose);
		// an operator's .env beside the file must not supply the secrets here
		Path noEnv = Files.createFile(empty.resolve("empty.env"));
		missing.addAll(List.of("--env-file", noEnv.toString(), "-f", "docker-compose.yml", "config"));
		assertThat(Commands.run(Project.root(), Map.of(), Duration.ofMinutes(1), missing).succeeded())
			.as("refuses to start without the secrets")
			.isFalse();
	}

	@Test
	void rejectsAnOrderWhoseCardIsDeclined() throws Exception {
		String admin = devToken("compose-admin", "admin");
		String bob = devToken("bob-" + RUN, "customer");
		String sku = "DECLINE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		assertThat(send(request("/api/products", admin).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"sku\":\"" + sku + "\",\"name\":\"Compose test\",\"unitPriceMinor\":900,\"initialStock\":3}"))
			.build()).statusCode()).isEqualTo(201);
		HttpResponse<String> placed = send(request("/api/orders", bob).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"sku\":\"" + sku
					+ "\",\"quantity\":1}],\"paymentMethod\":{\"token\":\"tok_decline_visa\"}}"))
			.build());
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
		String orderId = JSON.readTree(placed.body()).path("id").asString();
		JsonNode order = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> JSON.readTree(send(request("/api/orders/" + orderId, bob).GET().build()).body()),
					(view) -> "REJECTED".equals(view.path("status").asString()));
		assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_DECLINED");
	}

	@Test
	void runsEveryApplicationHealthyAndAsNonRootUser() {
		for (String application : APPLICATIONS) {
			String container = stack.containerId(application);
			String health = Commands
				.run(Path.of("."), Map.of(), Duration.ofSeconds(30),
						List.of("docker", "inspect", "--format", "{{.State.Health.Status}}", container))
				.output()
				.trim();
			assertThat(health).as(application).isEqualTo("healthy");
			assertThat(stack.exec(application, "id", "-u").output().trim()).as(application).isEqualTo("10001");
		}
	}

	@Test
	void publishesOnlyTheGatewayPortOnTheHost() {
		for (String service : List.of("kafka", "postgres", "redis", "psp-simulator", "inventory-service",
				"payment-service", "order-service")) {
			Commands.Result ports = Commands.run(Path.of("."), Map.of(), Duration.ofSeconds(30),
					List.of("docker", "port", stack.containerId(service)));
			assertThat(ports.output().trim()).as(service).isEmpty();
		}
		assertThat(Commands
			.run(Path.of("."), Map.of(), Duration.ofSeconds(30),
					List.of("docker", "port", stack.containerId("gateway")))
			.output()).contains("8080/tcp").doesNotContain("9080");
	}

	@Test
	void servesTheActuatorOnlyOnTheManagementPorts() throws Exception {
		for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/env",
				"/actuator/health", "/actuator/health/readiness")) {
			HttpResponse<String> response = send(request(path, null).GET().build());
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(status(gateway + "/livez")).isEqualTo(200);
		Map<String, List<Integer>> ports = Map.of("gateway", List.of(8080, 9080), "order-service", List.of(8081, 9081),
				"payment-service", List.of(8082, 9082), "inventory-service", List.of(8083, 9083), "psp-simulator",
				List.of(8089, 9089));
		// the image's healthcheck script: exit 0 on a 200 only
		ports.forEach((application, publicAndManagement) -> {
			String publicPort = publicAndManagement.get(0).toString();
			String managementPort = publicAndManagement.get(1).toString();
			assertThat(stack.exec(application, "healthcheck", publicPort, "/readyz").succeeded()).as(application)
				.isTrue();
			assertThat(stack.exec(application, "healthcheck", publicPort, "/actuator/prometheus").succeeded())
				.as(application)
				.isFalse();
			assertThat(stack.exec(application, "healthcheck", managementPort, "/actuator/prometheus").succeeded())
				.as(application)
				.isTrue();
		});
	}

	@Test
	void guardsTheSimulatorsAdminEndpointsWithTheToken() {
		assertThat(simulatorStatusLine("GET /admin/faults", null)).contains(" 401 ");
		assertThat(simulatorStatusLine("GET /admin/faults", "wrong-" + PSP_ADMIN_TOKEN)).contains(" 401 ");
		assertThat(simulatorStatusLine("GET /admin/faults", PSP_ADMIN_TOKEN)).contains(" 200 ");
		// the provider's API stays open: payment-service calls it without a token
		assertThat(simulatorStatusLine("GET /v1/charges?reference=none", null)).contains(" 200 ");
	}

	/** The status line of a request to the simulator, sent from inside its container. */
	private static String simulatorStatusLine(String requestLine, String token) {
		String authorization = (token != null) ? "Authorization: Bearer " + token + "\\r\\n" : "";
		return stack
			.exec("psp-simulator", "bash", "-c",
					"exec 3<>/dev/tcp/127.0.0.1/8089; printf '" + requestLine + " HTTP/1.0\\r\\nHost: localhost\\r\\n"
							+ authorization + "\\r\\n' >&3; head -n 1 <&3")
			.output();
	}

	@Test
	void givesEachServiceADatabaseUserThatSeesOnlyItsOwnDatabase() {
		for (String service : List.of("order", "payment", "inventory")) {
			String password = PASSWORDS.get(service.toUpperCase() + "_DB_PASSWORD");
			for (String database : List.of("order", "payment", "inventory", "postgres")) {
				String name = database.equals("postgres") ? "postgres" : "shopflow_" + database;
				Commands.Result connect = stack.exec("postgres", "psql", "-tA", "-c", "select current_user",
						"postgresql://shopflow_" + service + ":" + password + "@127.0.0.1:5432/" + name);
				if (database.equals(service)) {
					assertThat(connect.output().trim()).as(service + " -> " + name).isEqualTo("shopflow_" + service);
				}
				else {
					assertThat(connect.succeeded()).as(service + " -> " + name).isFalse();
					assertThat(connect.output()).as(service + " -> " + name).contains("permission denied");
				}
			}
		}
	}

	@Test
	void servesEveryMetricTheDashboardQueries() throws Exception {
		// the order test above may run later: make sure sagas of both outcomes ran, so
		// that their meters exist
		confirmsAnOrderPlacedThroughTheGateway();
		rejectsAnOrderWhoseCardIsDeclined();
		Set<String> scraped = new HashSet<>();
		// the management ports (MANAGEMENT_PORT), where Prometheus scrapes too
		Map<String, Integer> ports = Map.of("gateway", 9080, "order-service", 9081, "payment-service", 9082,
				"inventory-service", 9083, "psp-simulator", 9089);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			ports.forEach((service, port) -> scraped.addAll(Dashboard.metricFamilies(stack
				.exec(service, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port
						+ "; printf 'GET /actuator/prometheus HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3")
				.output())));
			assertThat(scraped).containsAll(Dashboard.load(Project.root()).metricNames());
		});
	}

	private static String devToken(String subject, String role) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/dev/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],\"ttlSeconds\":3600}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("token").asString();
	}

	private static HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(30));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int status(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void saveLogs() {
		Commands.write(Project.root().resolve("deployment-tests/target/compose-logs.txt"),
				stack.run(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "300").output());
	}

}
