package dev.shopflow.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.shopflow.common.TopicAccess;
import dev.shopflow.common.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The compose broker's security, proved on a real broker: apache/kafka started from
 * {@code deploy/compose/kafka-server.properties} as docker-compose.yml starts it (the
 * admin's SCRAM credential stored at format time), set up by
 * {@code deploy/compose/kafka-setup.sh} as the compose service {@code kafka-setup} does,
 * then probed with clients. Only the listener's port differs from compose: the broker
 * listens on a free port of this machine, published as the same port, so that it can
 * advertise an address that both the tests and the set-up inside the container reach.
 */
class ComposeKafkaSecurityIntegrationTests {

	private static final Path PROJECT = Project.root();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String ADMIN_PASSWORD = "kafka-admin-" + RUN;

	private static final Map<String, String> PASSWORDS = Map.of("order-service", "kafka-order-" + RUN,
			"payment-service", "kafka-payment-" + RUN, "inventory-service", "kafka-inventory-" + RUN);

	private static final List<String> ALL_TOPICS = Topics.ALL.stream()
		.flatMap((topic) -> java.util.stream.Stream.of(topic, Topics.deadLetter(topic)))
		.toList();

	private static GenericContainer<?> kafka;

	private static String bootstrap;

	@BeforeAll
	static void startTheComposeBrokerAndRunTheSetUp() throws Exception {
		int port = freePort();
		bootstrap = "localhost:" + port;
		// the file as compose mounts it, then the listener's port (the last value wins)
		String ports = "listeners=SASL_PLAINTEXT://:" + port + ",CONTROLLER://127.0.0.1:9093\n"
				+ "advertised.listeners=SASL_PLAINTEXT://" + bootstrap + "\n";
		String start = "cp /etc/shopflow/kafka/compose.properties /tmp/server.properties && printf '" + ports
				+ "' >> /tmp/server.properties"
				+ " && /opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t \"$CLUSTER_ID\""
				+ " -c /tmp/server.properties --add-scram \"SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]\""
				+ " && exec /opt/kafka/bin/kafka-server-start.sh /tmp/server.properties";
		kafka = new GenericContainer<>("apache/kafka:4.1.2")
			.withCopyFileToContainer(
					MountableFile.forHostPath(PROJECT.resolve("deploy/compose/kafka-server.properties")),
					"/etc/shopflow/kafka/compose.properties")
			.withCopyFileToContainer(MountableFile.forHostPath(PROJECT.resolve("deploy/compose/kafka-setup.sh")),
					"/etc/shopflow/kafka/setup.sh")
			.withEnv("CLUSTER_ID", "MkU3OEVBNTcwNTJENDM2Qk")
			.withEnv("KAFKA_HEAP_OPTS", "-Xmx512m -Xms256m")
			.withEnv("KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.withEnv("KAFKA_ORDER_SERVICE_PASSWORD", PASSWORDS.get("order-service"))
			.withEnv("KAFKA_PAYMENT_SERVICE_PASSWORD", PASSWORDS.get("payment-service"))
			.withEnv("KAFKA_INVENTORY_SERVICE_PASSWORD", PASSWORDS.get("inventory-service"))
			.withEnv("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
			.withCreateContainerCmdModifier(
					(command) -> command.withEntrypoint("/bin/bash", "-c")
						.withCmd(start)
						.withExposedPorts(ExposedPort.tcp(port))
						.withHostConfig(command.getHostConfig()
							.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port),
									ExposedPort.tcp(port)))))
			.waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
		kafka.start();
		ExecResult setUp = kafka.execInContainer("bash", "/etc/shopflow/kafka/setup.sh");
		assertThat(setUp.getExitCode()).as(setUp.getStdout() + setUp.getStderr()).isZero();
	}

	@AfterAll
	static void stop() {
		if (kafka != null) {
			kafka.stop();
		}
	}

	@Test
	void refusesAClientThatDoesNotAuthenticate() {
		Map<String, Object> plaintext = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000, CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
				5000));
		try (Admin admin = Admin.create(plaintext)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
		}
		try (KafkaProducer<String, String> producer = producer(plaintext)) {
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> producer.send(new ProducerRecord<>(Topics.PAYMENT_REPLIES, "forged"))
					.get(10, TimeUnit.SECONDS));
		}
	}

	@Test
	void refusesAServiceUserWithAWrongPassword() {
		try (Admin admin = Admin.create(client("payment-service", "wrong-" + RUN))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void letsEachServiceProduceToTheTopicsItOwnsAndReadThoseItConsumesInItsGroup() {
		for (TopicAccess service : TopicAccess.SERVICES) {
			try (KafkaProducer<String, String> producer = producer(client(service))) {
				for (String topic : service.writes()) {
					await().atMost(Duration.ofSeconds(30))
						.ignoreExceptionsInstanceOf(ExecutionException.class)
						.until(() -> producer.send(new ProducerRecord<>(topic, 0, "order-" + RUN, service.principal()))
							.get(10, TimeUnit.SECONDS), (metadata) -> metadata.hasOffset());
				}
			}
		}
		for (TopicAccess service : TopicAccess.SERVICES) {
			Map<String, Object> config = client(service);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, service.consumerGroup());
			try (KafkaConsumer<String, String> consumer = consumer(config)) {
				for (String topic : service.reads()) {
					TopicPartition partition = new TopicPartition(topic, 0);
					consumer.assign(List.of(partition));
					consumer.seekToBeginning(List.of(partition));
					List<ConsumerRecord<String, String>> records = new ArrayList<>();
					await().atMost(Duration.ofSeconds(30)).until(() -> {
						consumer.poll(Duration.ofMillis(200)).forEach(records::add);
						return !records.isEmpty();
					});
					assertThat(records).as(service.principal() + " reads " + topic)
						.anySatisfy((record) -> assertThat(record.key()).isEqualTo("order-" + RUN));
					// its consumer group keeps its offsets
					consumer.commitSync(Map.of(partition, new OffsetAndMetadata(records.get(0).offset() + 1)));
				}
			}
		}
	}

	@Test
	void letsEachServiceListItsDeadLettersAsTheDeadLetterEndpointsDo() {
		// service-defaults' DeadLetters: its own group id (never joined, nothing
		// committed), partitions assigned and sought; no right on that group is needed
		for (TopicAccess service : TopicAccess.SERVICES) {
			String deadLetters = Topics.deadLetter(service.consumes().get(0));
			TopicPartition partition = new TopicPartition(deadLetters, 1);
			try (KafkaProducer<String, String> producer = producer(client(service))) {
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptionsInstanceOf(ExecutionException.class)
					.until(() -> producer.send(new ProducerRecord<>(deadLetters, 1, "dead-" + RUN, "poison"))
						.get(10, TimeUnit.SECONDS), (metadata) -> metadata.hasOffset());
			}
			Map<String, Object> config = client(service);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, "shopflow-dead-letter-reader");
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			try (KafkaConsumer<String, String> consumer = consumer(config)) {
				assertThat(consumer.partitionsFor(deadLetters, Duration.ofSeconds(10))).hasSize(6);
				long end = consumer.endOffsets(List.of(partition)).get(partition);
				consumer.assign(List.of(partition));
				consumer.seek(partition, end - 1);
				List<ConsumerRecord<String, String>> records = new ArrayList<>();
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					consumer.poll(Duration.ofMillis(200)).forEach(records::add);
					return !records.isEmpty();
				});
				assertThat(records.get(0).key()).as(service.principal() + " lists " + deadLetters)
					.isEqualTo("dead-" + RUN);
			}
		}
	}

	@Test
	void refusesAServiceTheTopicsItDoesNotOwn() {
		for (TopicAccess service : TopicAccess.SERVICES) {
			try (KafkaProducer<String, String> producer = producer(client(service))) {
				for (String topic : ALL_TOPICS) {
					if (!service.writes().contains(topic)) {
						assertThatExceptionOfType(ExecutionException.class).as(service.principal() + " writes " + topic)
							.isThrownBy(() -> producer.send(new ProducerRecord<>(topic, "order-" + RUN, "forged"))
								.get(10, TimeUnit.SECONDS))
							.withCauseInstanceOf(TopicAuthorizationException.class);
					}
				}
			}
		}
	}

	@Test
	void refusesInventoryServiceAForgedPaymentReply() {
		// the attack: a PaymentSucceeded from anyone but payment-service would
		// confirm an order without payment
		try (KafkaProducer<String, String> producer = producer(client(TopicAccess.INVENTORY_SERVICE))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> producer.send(new ProducerRecord<>(Topics.PAYMENT_REPLIES, "order-" + RUN,
						"{\"type\":\"payment.PaymentSucceeded.v1\"}"))
					.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void refusesAServiceOtherTopicsAndOtherGroupsWhenReading() {
		for (TopicAccess service : TopicAccess.SERVICES) {
			for (String topic : ALL_TOPICS) {
				if (!service.reads().contains(topic)) {
					try (KafkaConsumer<String, String> consumer = consumer(client(service))) {
						consumer.assign(List.of(new TopicPartition(topic, 0)));
						consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
						assertThatExceptionOfType(TopicAuthorizationException.class)
							.as(service.principal() + " reads " + topic)
							.isThrownBy(() -> consumer.poll(Duration.ofSeconds(5)));
					}
				}
			}
			TopicAccess other = TopicAccess.SERVICES.stream()
				.filter((candidate) -> !candidate.equals(service))
				.findFirst()
				.orElseThrow();
			Map<String, Object> config = client(service);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, other.consumerGroup());
			try (KafkaConsumer<String, String> consumer = consumer(config)) {
				consumer.subscribe(List.copyOf(service.reads()));
				assertThatExceptionOfType(GroupAuthorizationException.class)
					.as(service.principal() + " joins " + other.consumerGroup())
					.isThrownBy(() -> consumer.poll(Duration.ofSeconds(5)));
			}
		}
	}

	@Test
	void grantsExactlyTheRightsOfTopicAccess() throws Exception {
		Set<String> expected = new TreeSet<>();
		for (TopicAccess service : TopicAccess.SERVICES) {
			service.writes().forEach((topic) -> expected.add(service.principal() + " WRITE TOPIC " + topic));
			service.reads().forEach((topic) -> expected.add(service.principal() + " READ TOPIC " + topic));
			expected.add(service.principal() + " READ GROUP " + service.consumerGroup());
		}
		try (Admin admin = Admin.create(client("admin", ADMIN_PASSWORD))) {
			Set<String> granted = new TreeSet<>();
			for (AclBinding acl : admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)) {
				assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
				assertThat(acl.entry().host()).isEqualTo("*");
				granted.add(acl.entry().principal().substring("User:".length()) + " " + acl.entry().operation() + " "
						+ acl.pattern().resourceType() + " " + acl.pattern().name());
				assertThat(acl.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
			}
			assertThat(granted).isEqualTo(expected);
		}
	}

	@Test
	void createsTheSagaTopicsWithTheirRetention() throws Exception {
		try (Admin admin = Admin.create(client("admin", ADMIN_PASSWORD))) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(ALL_TOPICS);
			Map<String, TopicDescription> topics = admin.describeTopics(ALL_TOPICS)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(6));
			List<ConfigResource> resources = ALL_TOPICS.stream()
				.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
				.toList();
			Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
			for (String topic : ALL_TOPICS) {
				Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
				Map<String, String> expected = new HashMap<>(Map.of("retention.ms", "604800000"));
				expected.putAll(Topics.config(topic));
				expected.forEach(
						(name, value) -> assertThat(config.get(name).value()).as(topic + " " + name).isEqualTo(value));
			}
		}
	}

	@Test
	void setsUpAgainWithoutChangeAndRefusesAPlaceholderPassword() throws Exception {
		ExecResult again = kafka.execInContainer("bash", "/etc/shopflow/kafka/setup.sh");
		assertThat(again.getExitCode()).as(again.getStderr()).isZero();
		assertThat(again.getStdout()).doesNotContain("kafka-setup: topic ").contains("kafka-setup: done");

		ExecResult placeholder = kafka.execInContainer("env", "KAFKA_ORDER_SERVICE_PASSWORD=change-me-kafka-order",
				"bash", "/etc/shopflow/kafka/setup.sh");
		assertThat(placeholder.getExitCode()).isEqualTo(2);
		assertThat(placeholder.getStderr()).contains("KAFKA_ORDER_SERVICE_PASSWORD");
	}

	private static Map<String, Object> client(TopicAccess service) {
		return client(service.principal(), PASSWORDS.get(service.principal()));
	}

	/**
	 * A client as the services configure theirs in compose
	 * (shopflow-defaults.properties).
	 */
	private static Map<String, Object> client(String user, String password) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		config.put("sasl.mechanism", "SCRAM-SHA-512");
		config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
				+ user + "\" password=\"" + password + "\";");
		config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		return config;
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(Map<String, Object> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
