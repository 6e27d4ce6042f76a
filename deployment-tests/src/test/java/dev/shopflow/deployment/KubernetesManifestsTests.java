package dev.shopflow.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.shopflow.common.TopicAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The k8s/ overlays rendered (by {@link MiniKustomize}, cross-checked against
 * {@code kubectl kustomize} where kubectl exists), every object validated strictly, and
 * the manifests checked against the applications they run.
 */
class KubernetesManifestsTests {

	private static final Path PROJECT = Project.root();

	private static final Path SCHEMAS = PROJECT.resolve("deployment-tests/src/test/resources/crd-schemas");

	private static final Map<String, String> PORT_VARIABLES = Map.of("psp-simulator", "PSP_PORT", "inventory-service",
			"INVENTORY_PORT", "payment-service", "PAYMENT_PORT", "order-service", "ORDER_PORT", "gateway",
			"GATEWAY_PORT");

	private static List<Map<String, Object>> render(String overlay) {
		return MiniKustomize.render(PROJECT.resolve("k8s/overlays/" + overlay));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void validatesEveryRenderedObjectStrictly(String overlay) {
		List<Map<String, Object>> objects = render(overlay);

		assertThat(objects).hasSizeGreaterThan(20);
		assertThat(new ManifestValidator(SCHEMAS).validate(objects)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void rendersWhatKubectlKustomizeRendersWhereKubectlExists(String overlay) {
		List<String> kubectl = List.of("kubectl", "kustomize", PROJECT.resolve("k8s/overlays/" + overlay).toString());
		Commands.Result rendered = Commands.available(List.of("kubectl", "version", "--client"))
				? Commands.run(PROJECT, Map.of(), Duration.ofMinutes(1), kubectl).orFail(kubectl) : null;
		List<Map<String, Object>> mine = render(overlay);
		if (rendered != null) {
			Map<String, Object> theirs = normalized(YamlFiles.readAll(rendered.output()));
			Map<String, Object> ours = normalized(mine);
			assertThat(ours.keySet()).isEqualTo(theirs.keySet());
			assertThat(ours.keySet().stream().filter((id) -> !ours.get(id).equals(theirs.get(id))))
				.as("objects rendered differently (kubectl first):%n%s",
						ours.keySet()
							.stream()
							.filter((id) -> !ours.get(id).equals(theirs.get(id)))
							.map((id) -> theirs.get(id) + "\n" + ours.get(id))
							.findFirst()
							.orElse(""))
				.isEmpty();
		}
		else {
			// without kubectl: the documented features only (MiniKustomize refuses
			// others)
			assertThat(mine).allSatisfy((object) -> assertThat(object).containsKeys("apiVersion", "kind", "metadata"));
		}
	}

	@Test
	void failsOnADeliberatelyWrongFieldInACopyOfTheManifests(@TempDir Path copy) throws IOException {
		copyTree(PROJECT.resolve("k8s"), copy);
		replace(copy.resolve("base/order-service.yaml"), "readinessProbe:", "readinesProbe:");
		replace(copy.resolve("base/gateway.yaml"), "revisionHistoryLimit: 5", "revisionHistoryLimit: five");
		replace(copy.resolve("overlays/prod/kafka.yaml"), "listeners:", "listener:");
		replace(copy.resolve("overlays/prod/keda.yaml"), "lagThreshold: '100'", "lagThreshold: 100");
		ManifestValidator validator = new ManifestValidator(SCHEMAS);

		List<String> problems = new ArrayList<>(
				validator.validate(MiniKustomize.render(copy.resolve("overlays/prod"))));

		assertThat(problems).anySatisfy(
				(problem) -> assertThat(problem).contains("Deployment order-service").contains("readinesProbe"));
		assertThat(problems)
			.anySatisfy((problem) -> assertThat(problem).contains("Deployment gateway").contains("five"));
		assertThat(problems).anySatisfy(
				(problem) -> assertThat(problem).contains("Kafka shopflow").contains("unknown field 'listener'"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("ScaledObject")
			.contains("lagThreshold")
			.contains("expected string"));
		assertThat(problems).hasSizeGreaterThanOrEqualTo(4);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void runsEachApplicationAsItIsBuiltAndConfigured(String overlay) {
		List<Map<String, Object>> objects = render(overlay);
		Map<String, Set<String>> readByApplication = AppConfiguration.load(PROJECT).variablesByApplication();
		for (String application : applications(overlay)) {
			Map<String, Object> deployment = find(objects, "Deployment", application);
			Map<String, Object> pod = YamlFiles.path(deployment, "spec", "template", "spec");
			Map<String, Object> container = YamlFiles.map(YamlFiles.list(pod.get("containers")).get(0));
			String name = application;
			assertThat((String) container.get("image")).as(name)
				.matches("(.+/)?shopflow/" + application + ":0\\.1\\.0");
			int port = (Integer) YamlFiles.map(YamlFiles.list(container.get("ports")).get(0)).get("containerPort");
			Map<String, Object> env = new TreeMap<>();
			for (Object variable : YamlFiles.list(container.get("env"))) {
				Map<String, Object> entry = YamlFiles.map(variable);
				assertThat(AppConfiguration.isRead(readByApplication.get(application), (String) entry.get("name")))
					.as(name + " reads " + entry.get("name"))
					.isTrue();
				env.put((String) entry.get("name"), entry);
				checkReference(objects, name, YamlFiles.path(entry, "valueFrom", "configMapKeyRef"), "ConfigMap");
				checkReference(objects, name, YamlFiles.path(entry, "valueFrom", "secretKeyRef"), "Secret");
			}
			assertThat(YamlFiles.map(env.get(PORT_VARIABLES.get(application))).get("value")).as(name)
				.isEqualTo(Integer.toString(port));
			int managementPort = containerPort(container, "management");
			assertThat(managementPort).as(name).isNotEqualTo(port);
			assertThat(YamlFiles.map(env.get("MANAGEMENT_PORT")).get("value")).as(name)
				.isEqualTo(Integer.toString(managementPort));
			// the probes: the health groups on the public port (the management port is
			// Prometheus' only)
			Map<String, String> probes = Map.of("readinessProbe", "/readyz", "livenessProbe", "/livez", "startupProbe",
					"/livez");
			probes
				.forEach((probe, path) -> assertThat(YamlFiles.path(container, probe, "httpGet")).as(name + " " + probe)
					.containsEntry("path", path)
					.containsEntry("port", "http"));
			assertThat(YamlFiles.path(deployment, "spec", "template", "metadata", "annotations"))
				.containsEntry("prometheus.io/port", Integer.toString(managementPort))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			Map<String, Object> security = YamlFiles.map(container.get("securityContext"));
			assertThat(security).containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("runAsNonRoot", true);
			assertThat(YamlFiles.list(YamlFiles.map(security.get("capabilities")).get("drop"))).containsExactly("ALL");
			assertThat(YamlFiles.list(container.get("volumeMounts")))
				.anySatisfy((mount) -> assertThat(YamlFiles.map(mount)).containsEntry("mountPath", "/tmp"));
			assertThat(YamlFiles.path(container, "resources")).containsKeys("requests", "limits");
			assertThat(YamlFiles.path(container, "lifecycle", "preStop")).isNotEmpty();
			assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(45);
			assertThat(YamlFiles.list(pod.get("topologySpreadConstraints"))).isNotEmpty();
			Map<String, Object> service = find(objects, "Service", application);
			assertThat(YamlFiles.map(YamlFiles.list(YamlFiles.path(service, "spec").get("ports")).get(0)))
				.containsEntry("port", port)
				.containsEntry("targetPort", "http");
			assertThat(YamlFiles.list(YamlFiles.path(service, "spec").get("ports"))).as(name)
				.anySatisfy((servicePort) -> assertThat(YamlFiles.map(servicePort)).containsEntry("name", "management")
					.containsEntry("port", managementPort)
					.containsEntry("targetPort", "management"));
			assertThat(YamlFiles.path(service, "spec", "selector"))
				.isEqualTo(YamlFiles.path(deployment, "spec", "template", "metadata", "labels")
					.entrySet()
					.stream()
					.filter((label) -> YamlFiles.path(service, "spec", "selector").containsKey(label.getKey()))
					.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void logsEcsJsonFromEveryApplication(String overlay) {
		List<Map<String, Object>> objects = render(overlay);
		assertThat(YamlFiles.map(find(objects, "ConfigMap", "shopflow-config").get("data")))
			.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		for (String application : applications(overlay)) {
			Map<String, Object> container = YamlFiles.map(
					YamlFiles
						.list(YamlFiles.path(find(objects, "Deployment", application), "spec", "template", "spec")
							.get("containers"))
						.get(0));
			assertThat(YamlFiles.list(container.get("env"))).as(application)
				.contains(Map.of("name", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "valueFrom", Map.of("configMapKeyRef",
						Map.of("name", "shopflow-config", "key", "LOGGING_STRUCTURED_FORMAT_CONSOLE"))));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void letsOnlyPrometheusReachTheManagementPorts(String overlay) {
		List<Map<String, Object>> objects = render(overlay);
		List<Map<String, Object>> policies = objects.stream()
			.filter((object) -> "NetworkPolicy".equals(object.get("kind")))
			.toList();
		for (String application : applications(overlay)) {
			Map<String, Object> container = YamlFiles.map(
					YamlFiles
						.list(YamlFiles.path(find(objects, "Deployment", application), "spec", "template", "spec")
							.get("containers"))
						.get(0));
			int managementPort = containerPort(container, "management");
			List<Map<String, Object>> admitting = new ArrayList<>();
			for (Map<String, Object> policy : policies) {
				Map<String, Object> selected = YamlFiles.path(policy, "spec", "podSelector", "matchLabels");
				if (!selected.isEmpty() && !application.equals(selected.get("app.kubernetes.io/name"))) {
					continue;
				}
				for (Object rule : YamlFiles.list(YamlFiles.path(policy, "spec").get("ingress"))) {
					List<Object> ports = YamlFiles.list(YamlFiles.map(rule).get("ports"));
					assertThat(ports).as(application + ": a rule without ports admits every port").isNotEmpty();
					if (ports.stream()
						.anyMatch((allowed) -> Integer.valueOf(managementPort)
							.equals(YamlFiles.map(allowed).get("port")))) {
						admitting.add(YamlFiles.map(rule));
					}
				}
			}
			assertThat(admitting).as(application).isNotEmpty();
			for (Map<String, Object> rule : admitting) {
				for (Object from : YamlFiles.list(rule.get("from"))) {
					Map<String, Object> peer = YamlFiles.map(from);
					assertThat(YamlFiles.path(peer, "namespaceSelector", "matchLabels")).as(application)
						.containsEntry("kubernetes.io/metadata.name", "monitoring");
					assertThat(YamlFiles.path(peer, "podSelector", "matchLabels")).as(application)
						.containsEntry("app.kubernetes.io/name", "prometheus");
				}
			}
		}
		if (overlay.equals("prod")) {
			Map<String, Object> endpoint = YamlFiles.map(
					YamlFiles.list(YamlFiles.path(find(objects, "ServiceMonitor", "shopflow"), "spec").get("endpoints"))
						.get(0));
			assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
		}
	}

	private static int containerPort(Map<String, Object> container, String name) {
		return YamlFiles.list(container.get("ports"))
			.stream()
			.map(YamlFiles::map)
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> (Integer) port.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.get("name") + " has no port " + name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void protectsAndScalesTheServices(String overlay) {
		List<Map<String, Object>> objects = render(overlay);
		for (String application : List.of("gateway", "order-service", "payment-service", "inventory-service")) {
			assertThat((Integer) YamlFiles.path(find(objects, "Deployment", application), "spec").get("replicas"))
				.isGreaterThanOrEqualTo(2);
			assertThat(find(objects, "PodDisruptionBudget", application)).isNotEmpty();
			boolean keda = overlay.equals("prod") && !application.equals("gateway");
			String scaler = keda ? "ScaledObject" : "HorizontalPodAutoscaler";
			assertThat(find(objects, scaler, application)).as(application).isNotEmpty();
			assertThat(objects.stream()
				.filter((object) -> object.get("kind").equals(keda ? "HorizontalPodAutoscaler" : "ScaledObject"))
				.map((object) -> YamlFiles.path(object, "metadata").get("name"))).doesNotContain(application);
		}
		Map<String, Object> deny = find(objects, "NetworkPolicy", "default-deny");
		assertThat(YamlFiles.path(deny, "spec", "podSelector")).isEmpty();
		assertThat(YamlFiles.list(YamlFiles.path(deny, "spec").get("policyTypes"))).contains("Ingress", "Egress");
		assertThat(YamlFiles.list(YamlFiles.path(find(objects, "Ingress", "gateway"), "spec").get("tls"))).isNotEmpty();
		List<Object> kinds = objects.stream().map((object) -> object.get("kind")).toList();
		if (overlay.equals("prod")) {
			assertThat(kinds).doesNotContain("StatefulSet").contains("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster");
		}
		else {
			assertThat(find(objects, "StatefulSet", "kafka")).isNotEmpty();
			assertThat(find(objects, "StatefulSet", "postgres")).isNotEmpty();
		}
	}

	@Test
	void runsNoPaymentSimulatorInProdAndNoProviderAddressButTheOperatorsThere() {
		List<Map<String, Object>> prod = render("prod");
		for (String kind : List.of("Deployment", "Service", "NetworkPolicy")) {
			assertThat(names(prod, kind)).as(kind).doesNotContain("psp-simulator");
		}
		assertThat(names(prod, "Secret")).doesNotContain("shopflow-psp-admin");
		// a placeholder payment-service refuses at start-up (service-defaults
		// PlaceholderSecrets:
		// an address whose host is CHANGE-ME), so prod cannot charge at a simulator by
		// mistake
		assertThat(config(prod).get("PSP_URL")).isEqualTo("https://CHANGE-ME.invalid");
		assertThat(envFrom(prod, "payment-service", "PSP_URL")).containsEntry("name", "shopflow-config")
			.containsEntry("key", "PSP_URL");

		List<Map<String, Object>> dev = render("dev");
		assertThat(config(dev).get("PSP_URL")).isEqualTo("http://psp-simulator:8089");
		assertThat(envFrom(dev, "psp-simulator", "PSP_ADMIN_TOKEN")).containsEntry("name", "shopflow-psp-admin")
			.containsEntry("key", "token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void protectsRedisWithThePasswordTheGatewaySends(String overlay) {
		List<Map<String, Object>> objects = render(overlay);
		Map<String, Object> redis = YamlFiles.map(YamlFiles
			.list(YamlFiles.path(find(objects, "Deployment", "redis"), "spec", "template", "spec").get("containers"))
			.get(0));
		List<Object> args = YamlFiles.list(redis.get("args"));
		assertThat(args).contains("--requirepass");
		assertThat(args.get(args.indexOf("--requirepass") + 1)).isEqualTo("$(REDIS_PASSWORD)");
		Map<String, Object> password = Map.of("name", "shopflow-redis", "key", "password");
		for (String variable : List.of("REDIS_PASSWORD", "REDISCLI_AUTH")) {
			assertThat(YamlFiles.list(redis.get("env"))).as("redis " + variable)
				.contains(Map.of("name", variable, "valueFrom", Map.of("secretKeyRef", password)));
		}
		assertThat(envFrom(objects, "gateway", "REDIS_PASSWORD")).isEqualTo(password);
		assertThat(YamlFiles.map(find(objects, "Secret", "shopflow-redis").get("stringData"))).containsKey("password");
	}

	@Test
	void connectsToTheProdDatabasesOverTlsVerifiedAgainstTheClustersCa() {
		List<Map<String, Object>> prod = render("prod");
		Map<String, Object> cluster = find(prod, "Cluster", "shopflow-db");
		String host = YamlFiles.path(cluster, "metadata").get("name") + "-rw";
		// CloudNativePG keeps the server CA of cluster <name> in the Secret <name>-ca,
		// key ca.crt
		String caSecret = YamlFiles.path(cluster, "metadata").get("name") + "-ca";
		for (String service : List.of("order", "payment", "inventory")) {
			String url = (String) config(prod).get(service.toUpperCase(java.util.Locale.ROOT) + "_DB_URL");
			assertThat(url).as(service)
				.startsWith("jdbc:postgresql://" + host + ":5432/shopflow_" + service + "?")
				.contains("sslmode=verify-full")
				.contains("sslrootcert=/etc/shopflow/db-ca/ca.crt");
			Map<String, Object> pod = YamlFiles.path(find(prod, "Deployment", service + "-service"), "spec", "template",
					"spec");
			Map<String, Object> container = YamlFiles.map(YamlFiles.list(pod.get("containers")).get(0));
			assertThat(YamlFiles.list(container.get("volumeMounts"))).as(service)
				.anySatisfy((mount) -> assertThat(YamlFiles.map(mount)).containsEntry("name", "db-ca")
					.containsEntry("mountPath", "/etc/shopflow/db-ca")
					.containsEntry("readOnly", true));
			Map<String, Object> volume = YamlFiles.list(pod.get("volumes"))
				.stream()
				.map(YamlFiles::map)
				.filter((candidate) -> "db-ca".equals(candidate.get("name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service + " has no volume db-ca"));
			assertThat(YamlFiles.path(volume, "secret")).as(service)
				.containsEntry("secretName", caSecret)
				.containsEntry("items", List.of(Map.of("key", "ca.crt", "path", "ca.crt")));
		}
	}

	@Test
	void keepsThePaymentCommandsWithTheirCardTokensOnlyAnHourInProd() {
		Map<String, Map<String, Object>> configs = new TreeMap<>();
		for (Map<String, Object> topic : render("prod")) {
			if ("KafkaTopic".equals(topic.get("kind"))) {
				configs.put((String) YamlFiles.path(topic, "spec").get("topicName"),
						YamlFiles.path(topic, "spec", "config"));
			}
		}
		List<String> paymentCommands = List.of("shopflow.payment.commands", "shopflow.payment.commands.dlt");
		assertThat(configs).containsKeys(paymentCommands.toArray(String[]::new));
		configs.forEach((topic, config) -> {
			if (paymentCommands.contains(topic)) {
				// ChargePayment carries the card token: an hour, segments rolled every 10
				// minutes so that the open segment does not keep them for days
				assertThat(config).as(topic)
					.containsEntry("retention.ms", 3_600_000)
					.containsEntry("segment.ms", 600_000);
			}
			else {
				assertThat(config).as(topic).containsEntry("retention.ms", 604_800_000).doesNotContainKey("segment.ms");
			}
		});
	}

	@Test
	void givesTheDevDatabaseTheSameInitScriptAsCompose() throws IOException {
		// one script: kustomize reads only below the overlay, so compose mounts it from
		// there
		assertThat(Files.readString(PROJECT.resolve("docker-compose.yml")))
			.contains("./k8s/overlays/dev/postgres-init.sh:/docker-entrypoint-initdb.d/10-shopflow-databases.sh:ro");
		assertThat(PROJECT.resolve("deploy/compose/postgres-init.sh")).doesNotExist();
	}

	@Test
	void shipsPlaceholderPasswordsOnlyAsTemplatesTheServicesRefuse() {
		// the base's Secrets are templates: the services refuse CHANGE-ME at start-up
		// (PlaceholderSecrets), so the prod overlay cannot run on them by mistake; the
		// dev
		// overlay replaces every one of them, or its pods would not start
		assertThat(placeholderSecrets(render("prod"))).contains("shopflow-order-db", "shopflow-payment-db",
				"shopflow-inventory-db", "shopflow-redis");
		assertThat(placeholderSecrets(render("dev"))).isEmpty();
		assertThat(placeholderSecrets(MiniKustomize.render(PROJECT.resolve("k8s/base"))))
			.contains("shopflow-psp-admin");
	}

	@Test
	void letsEachServiceUseProdKafkaOnlyAsItsOwnUserOverTlsWithTheRightsOfTopicAccess() {
		List<Map<String, Object>> prod = render("prod");
		Map<String, Object> kafka = YamlFiles.path(find(prod, "Kafka", "shopflow"), "spec", "kafka");
		List<Object> listeners = YamlFiles.list(kafka.get("listeners"));
		assertThat(listeners).isNotEmpty().allSatisfy((listener) -> {
			assertThat(YamlFiles.map(listener)).containsEntry("tls", true);
			assertThat(YamlFiles.path(YamlFiles.map(listener), "authentication")).containsEntry("type",
					"scram-sha-512");
		});
		assertThat(YamlFiles.path(kafka, "authorization")).containsEntry("type", "simple");
		assertThat(config(prod)).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsEntry("KAFKA_TRUSTSTORE_LOCATION", "file:/etc/shopflow/kafka-ca/ca.crt")
			.containsEntry("KAFKA_CREATE_TOPICS", "false");

		Set<String> expected = new java.util.TreeSet<>();
		Set<String> granted = new java.util.TreeSet<>();
		for (TopicAccess access : TopicAccess.SERVICES) {
			String service = access.principal();
			access.writes().forEach((topic) -> expected.add(service + " Write topic " + topic));
			access.reads().forEach((topic) -> expected.add(service + " Read topic " + topic));
			expected.add(service + " Read group " + access.consumerGroup());
			Map<String, Object> user = find(prod, "KafkaUser", service);
			assertThat(YamlFiles.path(user, "metadata", "labels")).containsEntry("strimzi.io/cluster", "shopflow");
			assertThat(YamlFiles.path(user, "spec", "authentication")).containsEntry("type", "scram-sha-512");
			for (Object acl : YamlFiles.list(YamlFiles.path(user, "spec", "authorization").get("acls"))) {
				Map<String, Object> resource = YamlFiles.path(YamlFiles.map(acl), "resource");
				assertThat(resource).containsEntry("patternType", "literal");
				assertThat(YamlFiles.map(acl)).doesNotContainKey("type");
				for (Object operation : YamlFiles.list(YamlFiles.map(acl).get("operations"))) {
					granted.add(service + " " + operation + " " + resource.get("type") + " " + resource.get("name"));
				}
			}

			// the service authenticates as that user, over TLS against the cluster CA
			assertThat(YamlFiles.list(container(prod, service).get("env"))).as(service)
				.contains(Map.of("name", "KAFKA_USERNAME", "value", service));
			assertThat(envFrom(prod, service, "KAFKA_PASSWORD")).isEqualTo(Map.of("name", service, "key", "password"));
			for (String variable : List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
					"KAFKA_TRUSTSTORE_LOCATION", "KAFKA_CREATE_TOPICS")) {
				assertThat(envFrom(prod, service, variable)).as(service + " " + variable)
					.containsEntry("name", "shopflow-config")
					.containsEntry("key", variable);
			}
			assertThat(YamlFiles.list(container(prod, service).get("volumeMounts"))).as(service)
				.contains(Map.of("name", "kafka-ca", "mountPath", "/etc/shopflow/kafka-ca", "readOnly", true));
			assertThat(YamlFiles
				.list(YamlFiles.path(find(prod, "Deployment", service), "spec", "template", "spec").get("volumes")))
				.as(service)
				.contains(Map.of("name", "kafka-ca", "secret", Map.of("secretName", "shopflow-cluster-ca-cert", "items",
						List.of(Map.of("key", "ca.crt", "path", "ca.crt")))));

			// KEDA reads the lag as the same user
			Map<String, Object> trigger = YamlFiles.map(
					YamlFiles.list(YamlFiles.path(find(prod, "ScaledObject", service), "spec").get("triggers")).get(0));
			assertThat(YamlFiles.path(trigger, "metadata")).containsEntry("sasl", "scram_sha512")
				.containsEntry("tls", "enable")
				.containsEntry("consumerGroup", access.consumerGroup());
			Map<String, Object> authentication = find(prod, "TriggerAuthentication",
					(String) YamlFiles.path(trigger, "authenticationRef").get("name"));
			assertThat(YamlFiles.list(YamlFiles.path(authentication, "spec").get("secretTargetRef")))
				.contains(Map.of("parameter", "password", "name", service, "key", "password"));
			assertThat(YamlFiles.list(YamlFiles.path(authentication, "spec").get("env")))
				.contains(Map.of("parameter", "username", "name", "KAFKA_USERNAME", "containerName", service));
		}
		// Write and Read imply Describe; nothing else is granted
		assertThat(granted).isEqualTo(expected);
		assertThat(names(prod, "KafkaUser"))
			.containsExactlyInAnyOrderElementsOf(TopicAccess.SERVICES.stream().map(TopicAccess::principal).toList());
		// the gateway does not use Kafka
		assertThat(YamlFiles.list(container(prod, "gateway").get("env")))
			.noneSatisfy((env) -> assertThat(YamlFiles.map(env).get("name")).isEqualTo("KAFKA_PASSWORD"));
	}

	private static Map<String, Object> container(List<Map<String, Object>> objects, String application) {
		return YamlFiles.map(
				YamlFiles
					.list(YamlFiles.path(find(objects, "Deployment", application), "spec", "template", "spec")
						.get("containers"))
					.get(0));
	}

	private static List<String> applications(String overlay) {
		// prod runs the real payment provider, not the simulator
		return ComposeSystemTests.APPLICATIONS.stream()
			.filter((application) -> !(overlay.equals("prod") && application.equals("psp-simulator")))
			.toList();
	}

	private static List<Object> names(List<Map<String, Object>> objects, String kind) {
		return objects.stream()
			.filter((object) -> kind.equals(object.get("kind")))
			.map((object) -> YamlFiles.path(object, "metadata").get("name"))
			.toList();
	}

	private static Map<String, Object> config(List<Map<String, Object>> objects) {
		return YamlFiles.map(find(objects, "ConfigMap", "shopflow-config").get("data"));
	}

	/**
	 * Where a container's environment variable comes from: its configMapKeyRef or
	 * secretKeyRef.
	 */
	private static Map<String, Object> envFrom(List<Map<String, Object>> objects, String application, String variable) {
		Map<String, Object> pod = YamlFiles.path(find(objects, "Deployment", application), "spec", "template", "spec");
		Map<String, Object> container = YamlFiles.map(YamlFiles.list(pod.get("containers")).get(0));
		Map<String, Object> entry = YamlFiles.list(container.get("env"))
			.stream()
			.map(YamlFiles::map)
			.filter((env) -> variable.equals(env.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(application + " has no " + variable));
		Map<String, Object> configMap = YamlFiles.path(entry, "valueFrom", "configMapKeyRef");
		return configMap.isEmpty() ? YamlFiles.path(entry, "valueFrom", "secretKeyRef") : configMap;
	}

	private static List<Object> placeholderSecrets(List<Map<String, Object>> objects) {
		return objects.stream()
			.filter((object) -> "Secret".equals(object.get("kind")))
			.filter((secret) -> secret.toString().toUpperCase(java.util.Locale.ROOT).contains("CHANGE-ME"))
			.map((secret) -> YamlFiles.path(secret, "metadata").get("name"))
			.toList();
	}

	private static void checkReference(List<Map<String, Object>> objects, String application, Map<String, Object> ref,
			String kind) {
		if (ref.isEmpty()) {
			return;
		}
		if (kind.equals("Secret") && names(objects, "KafkaUser").contains(ref.get("name"))) {
			// created by Strimzi's User Operator for the KafkaUser of that name
			assertThat(ref.get("key")).as(application + " -> KafkaUser " + ref.get("name"))
				.isIn("password", "sasl.jaas.config");
			return;
		}
		Map<String, Object> target = find(objects, kind, (String) ref.get("name"));
		Map<String, Object> keys = new TreeMap<>(YamlFiles.map(target.get("data")));
		keys.putAll(YamlFiles.map(target.get("stringData")));
		assertThat(keys).as(application + " -> " + kind + " " + ref.get("name")).containsKey((String) ref.get("key"));
	}

	private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
		return objects.stream()
			.filter((object) -> kind.equals(object.get("kind"))
					&& name.equals(YamlFiles.path(object, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " " + name));
	}

	private static Map<String, Object> normalized(List<Map<String, Object>> objects) {
		Map<String, Object> byId = new TreeMap<>();
		for (Map<String, Object> object : objects) {
			byId.put(object.get("kind") + "/" + YamlFiles.path(object, "metadata").get("name"),
					YamlFiles.readAll(new org.yaml.snakeyaml.Yaml().dump(object)).get(0));
		}
		return byId;
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).contains(from);
		Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

}
