package dev.shopflow.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shopflow.common.TopicAccess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of docker-compose.yml that an operator relies on, checked on the file itself
 * (the running stack is {@link ComposeSystemTests}).
 */
class ComposeFileTests {

	/** {@code ${NAME}}, {@code ${NAME-default}} or {@code ${NAME:-default}}. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z0-9_]+(?::?-([^}]*))?}");

	private final Path project = Project.root();

	private final Map<String, Object> compose = YamlFiles.read(this.project.resolve("docker-compose.yml"));

	private final Map<String, Object> services = YamlFiles.map(this.compose.get("services"));

	@Test
	void neverEnablesTheDevTokenIssuer() throws Exception {
		String text = java.nio.file.Files.readString(this.project.resolve("docker-compose.yml"));
		assertThat(text).doesNotContain("SPRING_PROFILES_ACTIVE").doesNotContain("DEV_ISSUER");
		assertThat(java.nio.file.Files.readString(this.project.resolve("deploy/compose.ci.yml"))).contains("TEST ONLY")
			.contains("SPRING_PROFILES_ACTIVE: local");
	}

	@Test
	void publishesOnlyTheGatewayOutsideTheObservabilityProfile() {
		this.services.forEach((name, definition) -> {
			Map<String, Object> service = YamlFiles.map(definition);
			boolean observability = YamlFiles.list(service.get("profiles")).contains("observability");
			if (!name.equals("gateway") && !observability) {
				assertThat(service).as(name).doesNotContainKey("ports");
			}
		});
		assertThat(YamlFiles.list(YamlFiles.map(this.services.get("gateway")).get("ports"))).hasSize(1);
	}

	@Test
	void publishesObservabilityAndAdminPortsOnLoopbackOnlyByDefault() {
		List<String> published = new ArrayList<>();
		this.services.forEach((name, definition) -> {
			if (!name.equals("gateway")) {
				for (Object port : YamlFiles.list(YamlFiles.map(definition).get("ports"))) {
					String hostIp = hostIp(port);
					assertThat(hostIp).as("%s publishes %s on (empty: all interfaces)", name, port)
						.isIn("127.0.0.1", "::1", "[::1]");
					published.add(name);
				}
			}
		});
		assertThat(published).as("services checked").contains("grafana");
	}

	/**
	 * The host address a port is published on, with the variables of the entry at their
	 * defaults (an empty environment); empty for all interfaces.
	 */
	private static String hostIp(Object port) {
		if (port instanceof Map<?, ?> longSyntax) {
			Object hostIp = longSyntax.get("host_ip");
			return (hostIp != null) ? withDefaults(hostIp.toString()) : "";
		}
		String entry = withDefaults(String.valueOf(port));
		if (entry.startsWith("[")) {
			return entry.substring(0, entry.indexOf(']') + 1);
		}
		String[] parts = entry.split(":");
		return (parts.length == 3) ? parts[0] : "";
	}

	private static String withDefaults(String value) {
		return VARIABLE.matcher(value)
			.replaceAll((match) -> Matcher.quoteReplacement((match.group(1) != null) ? match.group(1) : ""));
	}

	@Test
	void givesEveryApplicationAHealthCheckARestartPolicyAndHealthyDependencies() {
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> service = YamlFiles.map(this.services.get(application));
			assertThat(service.get("image")).as(application).asString().startsWith("shopflow/" + application + ":");
			assertThat(YamlFiles.list(YamlFiles.map(service.get("healthcheck")).get("test"))).as(application)
				.contains("healthcheck");
			assertThat(service.get("restart")).as(application).isEqualTo("unless-stopped");
			YamlFiles.map(service.get("depends_on"))
				.forEach((dependency, condition) -> assertThat(YamlFiles.map(condition).get("condition"))
					.as(application + " -> " + dependency)
					.isEqualTo(
							dependency.equals("kafka-setup") ? "service_completed_successfully" : "service_healthy"));
		}
		for (String infrastructure : List.of("kafka", "postgres", "redis")) {
			assertThat(YamlFiles.map(this.services.get(infrastructure))).as(infrastructure).containsKey("healthcheck");
		}
	}

	@Test
	void probesEachApplicationsPublicReadinessAndPublishesNoManagementPort() throws Exception {
		assertThat(java.nio.file.Files.readString(this.project.resolve("deploy/docker/healthcheck")))
			.contains("path=\"${2:-/readyz}\"");
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> service = YamlFiles.map(this.services.get(application));
			Map<String, Object> environment = YamlFiles.map(service.get("environment"));
			String publicPort = environment.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith("_PORT")
						&& !List.of("REDIS_PORT", "MANAGEMENT_PORT").contains(entry.getKey()))
				.map((entry) -> String.valueOf(entry.getValue()))
				.findFirst()
				.orElseThrow();
			String managementPort = String.valueOf(environment.get("MANAGEMENT_PORT"));
			assertThat(managementPort).as(application).matches("\\d+").isNotEqualTo(publicPort);
			List<Object> test = YamlFiles.list(YamlFiles.map(service.get("healthcheck")).get("test"));
			assertThat(test.subList(1, 3)).as(application).containsExactly("healthcheck", publicPort);
			if (test.size() > 3) {
				assertThat(test.get(3)).as(application).isEqualTo("/readyz");
			}
			for (Object port : YamlFiles.list(service.get("ports"))) {
				assertThat(String.valueOf(port)).as(application).doesNotContain(managementPort);
			}
		}
	}

	@Test
	void requiresTheSimulatorsAdminTokenFromTheOperator() {
		// no default: compose refuses to start without it, as without the passwords
		Map<String, Object> environment = YamlFiles
			.map(YamlFiles.map(this.services.get("psp-simulator")).get("environment"));
		assertThat(environment.get("PSP_ADMIN_TOKEN")).asString().startsWith("${PSP_ADMIN_TOKEN:?");
	}

	@Test
	void protectsRedisWithThePasswordTheGatewaySends() {
		// one operator's variable, without a default: Redis requires it, the gateway and
		// the healthcheck's redis-cli send it
		Map<String, Object> redis = YamlFiles.map(this.services.get("redis"));
		List<Object> command = YamlFiles.list(redis.get("command"));
		assertThat(command).contains("--requirepass");
		assertThat(command.get(command.indexOf("--requirepass") + 1)).asString().startsWith("${REDIS_PASSWORD:?");
		assertThat(YamlFiles.map(redis.get("environment")).get("REDISCLI_AUTH")).asString()
			.startsWith("${REDIS_PASSWORD:?");
		assertThat(YamlFiles.list(YamlFiles.map(redis.get("healthcheck")).get("test"))).contains("redis-cli");
		Map<String, Object> gateway = YamlFiles.map(YamlFiles.map(this.services.get("gateway")).get("environment"));
		assertThat(gateway.get("REDIS_PASSWORD")).asString().startsWith("${REDIS_PASSWORD:?");
	}

	@Test
	void letsEachServiceUseKafkaOnlyAsItsOwnUserAfterTheSetUp() {
		// the set-up (SCRAM users, topics, ACLs) completes before a service starts, and
		// each service authenticates with its own user, whose password the operator must
		// give
		for (TopicAccess access : TopicAccess.SERVICES) {
			Map<String, Object> service = YamlFiles.map(this.services.get(access.principal()));
			Map<String, Object> environment = YamlFiles.map(service.get("environment"));
			String variable = "KAFKA_" + access.principal().toUpperCase(java.util.Locale.ROOT).replace('-', '_')
					+ "_PASSWORD";
			assertThat(environment).as(access.principal())
				.containsEntry("KAFKA_USERNAME", access.principal())
				.containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("KAFKA_CREATE_TOPICS", "false");
			assertThat(environment.get("KAFKA_PASSWORD")).as(access.principal())
				.asString()
				.startsWith("${" + variable + ":?");
			assertThat(YamlFiles.map(YamlFiles.map(service.get("depends_on")).get("kafka-setup")))
				.as(access.principal())
				.containsEntry("condition", "service_completed_successfully");
			assertThat(YamlFiles.map(YamlFiles.map(this.services.get("kafka-setup")).get("environment")).get(variable))
				.asString()
				.startsWith("${" + variable + ":?");
		}
		Map<String, Object> kafka = YamlFiles.map(this.services.get("kafka"));
		assertThat(YamlFiles.map(kafka.get("environment")).get("KAFKA_ADMIN_PASSWORD")).asString()
			.startsWith("${KAFKA_ADMIN_PASSWORD:?");
		assertThat(YamlFiles.list(kafka.get("command")).get(0)).asString()
			.contains("--add-scram \"SCRAM-SHA-512=[name=admin,password=$$KAFKA_ADMIN_PASSWORD]\"");
	}

	@Test
	void keepsStateInNamedVolumes() {
		assertThat(YamlFiles.map(this.compose.get("volumes"))).containsKeys("kafka-data", "postgres-data",
				"redis-data");
		assertThat(this.compose).doesNotContainKey("version");
	}

	@Test
	void logsEcsJsonInContainersAndTextOutsideThem() throws Exception {
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> environment = YamlFiles
				.map(YamlFiles.map(this.services.get(application)).get("environment"));
			assertThat(environment).as(application).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
			assertThat(java.nio.file.Files
				.readString(this.project.resolve(application + "/src/main/resources/application.yml")))
				.as(application + "'s local default")
				.doesNotContain("structured");
		}
		assertThat(java.nio.file.Files
			.readString(this.project.resolve("service-defaults/src/main/resources/shopflow-defaults.properties")))
			.doesNotContain("logging.structured");
	}

	@Test
	void configuresTheApplicationsOnlyThroughVariablesTheyRead() {
		Map<String, java.util.Set<String>> read = AppConfiguration.load(this.project).variablesByApplication();
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> environment = YamlFiles
				.map(YamlFiles.map(this.services.get(application)).get("environment"));
			for (String variable : environment.keySet()) {
				assertThat(AppConfiguration.isRead(read.get(application), variable))
					.as(application + " reads " + variable)
					.isTrue();
			}
		}
	}

}
