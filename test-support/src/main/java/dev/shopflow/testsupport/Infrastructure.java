package dev.shopflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * Real PostgreSQL and Kafka for integration tests: one container of each per test JVM,
 * started on first use and shared by every Spring context (so the suite stays fast),
 * wired in through {@code @ServiceConnection}. Import it with
 * {@code @Import(Infrastructure.class)}; test classes isolate themselves by their own
 * data (fresh order ids, skus, transaction ids), never by a fresh container.
 */
@TestConfiguration(proxyBeanMethods = false)
public class Infrastructure {

	/**
	 * The official image names; on registry-less machines look-alikes carry the same
	 * names.
	 */
	public static final String POSTGRES_IMAGE = "postgres:17";

	/** The official Kafka image (KRaft). */
	public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	/** Generous: a loaded 2-core CI machine can take minutes to start a broker. */
	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private static PostgreSQLContainer postgres;

	private static KafkaContainer kafka;

	/**
	 * The JVM's PostgreSQL container, started on first use.
	 * @return the running container
	 */
	public static synchronized PostgreSQLContainer postgres() {
		if (postgres == null) {
			postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c", "max_connections=300",
					"-c", "fsync=off", "-c", "synchronous_commit=off");
			postgres.withStartupTimeout(STARTUP_TIMEOUT).start();
		}
		return postgres;
	}

	/**
	 * The JVM's Kafka broker, started on first use.
	 * @return the running container
	 */
	public static synchronized KafkaContainer kafka() {
		if (kafka == null) {
			// Kafka's docker wrapper copies its default log4j2 files, keeping their mode,
			// and then edits the copies: give it writable defaults (look-alike images
			// built from a read-only source tree carry read-only ones)
			// (one Transferable per file: an instance is not reusable)
			kafka = new KafkaContainer(KAFKA_IMAGE)
				.withCopyToContainer(writable("kafka/log4j2.yaml"), "/etc/kafka/docker/log4j2.yaml")
				.withCopyToContainer(writable("kafka/log4j2.yaml"), "/etc/kafka/docker/tools-log4j2.yaml");
			kafka.withStartupTimeout(STARTUP_TIMEOUT).start();
			createSagaTopics(kafka.getBootstrapServers());
		}
		return kafka;
	}

	/**
	 * Creates the saga topics (and their dead-letter topics) as the services would, with
	 * 6 partitions, before any test client subscribes: a subscription to a missing topic
	 * would auto-create it with one partition.
	 */
	private static void createSagaTopics(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			List<NewTopic> topics = new ArrayList<>();
			for (String topic : Topics.ALL) {
				for (String name : List.of(topic, Topics.deadLetter(topic))) {
					topics.add(new NewTopic(name, 6, (short) 1).configs(Topics.config(name)));
				}
			}
			admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create the saga topics", ex);
		}
	}

	private static Transferable writable(String resource) {
		try (InputStream in = Infrastructure.class.getClassLoader().getResourceAsStream(resource)) {
			return Transferable.of(in.readAllBytes(), 0666);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// destroyMethod "": the containers outlive each Spring context; the JVM's end stops
	// them
	@Bean(destroyMethod = "")
	@ServiceConnection
	PostgreSQLContainer postgresContainer() {
		return postgres();
	}

	@Bean(destroyMethod = "")
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return kafka();
	}

}
