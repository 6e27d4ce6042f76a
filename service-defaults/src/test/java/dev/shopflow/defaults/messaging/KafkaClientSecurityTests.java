package dev.shopflow.defaults.messaging;

import java.util.Map;

import dev.shopflow.defaults.DefaultsEnvironmentPostProcessor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Kafka client settings the services get from shopflow-defaults.properties and the
 * KAFKA_* environment variables: PLAINTEXT unless told otherwise, SCRAM over TLS against
 * a given CA when told.
 */
class KafkaClientSecurityTests {

	@Test
	void staysPlaintextWithoutSettings() {
		Map<String, Object> client = producerProperties(Map.of());

		assertThat(client).containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("ssl.truststore.location");
		assertThat(binder(Map.of()).bind("spring.kafka.admin.auto-create", Boolean.class).get()).isTrue();
	}

	@Test
	void authenticatesWithScramAsTheGivenUserOverTlsAgainstTheGivenCa() {
		Map<String, Object> client = producerProperties(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_USERNAME",
				"order-service", "KAFKA_PASSWORD", "s3cr3t-s3cr3t", "KAFKA_TRUSTSTORE_LOCATION",
				"classpath:kafka-security/test-ca.crt", "KAFKA_CREATE_TOPICS", "false"));

		assertThat(client).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required"
							+ " username=\"order-service\" password=\"s3cr3t-s3cr3t\";")
			.containsEntry("ssl.truststore.type", "PEM");
		assertThat((String) client.get("ssl.truststore.location")).endsWith("test-ca.crt");
		// the client accepts them: its TLS and SASL set-up happens when it is made
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
				new StringSerializer())) {
			assertThat(producer.metrics()).isNotEmpty();
		}
	}

	@Test
	void usesTheJvmsCasWhenNoTruststoreIsGiven() {
		Map<String, Object> client = producerProperties(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_USERNAME",
				"order-service", "KAFKA_PASSWORD", "s3cr3t-s3cr3t"));

		assertThat(client).doesNotContainKey("ssl.truststore.location");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
				new StringSerializer())) {
			assertThat(producer.metrics()).isNotEmpty();
		}
	}

	@Test
	void refusesATruststoreThatIsNoCertificate() {
		Map<String, Object> client = producerProperties(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
				"KAFKA_TRUSTSTORE_LOCATION", "classpath:kafka-security/not-a-certificate.txt"));

		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> new KafkaProducer<>(client, new StringSerializer(), new StringSerializer()).close());
	}

	@Test
	void leavesTopicCreationToTheOperatorWhenTold() {
		assertThat(binder(Map.of("KAFKA_CREATE_TOPICS", "false")).bind("spring.kafka.admin.auto-create", Boolean.class)
			.get()).isFalse();
	}

	private static Map<String, Object> producerProperties(Map<String, Object> variables) {
		KafkaProperties properties = binder(variables).bind("spring.kafka", KafkaProperties.class)
			.orElseGet(KafkaProperties::new);
		Map<String, Object> client = properties.buildProducerProperties();
		client.put("bootstrap.servers", "localhost:1");
		client.put("max.block.ms", "1");
		return client;
	}

	private static Binder binder(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		new DefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return Binder.get(environment);
	}

}
