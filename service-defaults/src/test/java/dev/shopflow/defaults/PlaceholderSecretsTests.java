package dev.shopflow.defaults;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PlaceholderSecretsTests {

	private final PlaceholderSecrets check = new PlaceholderSecrets();

	@Test
	void refusesTheTemplatesPlaceholderPassword() {
		StandardEnvironment environment = environment(Map.of("ORDER_DB_PASSWORD", "CHANGE-ME",
				"spring.datasource.password", "changeme", "shopflow.psp.admin-secret", " Change_Me "));

		assertThatExceptionOfType(PlaceholderSecrets.PlaceholderSecretException.class)
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.properties()).containsExactlyInAnyOrder("ORDER_DB_PASSWORD",
					"spring.datasource.password", "shopflow.psp.admin-secret"));
	}

	@Test
	void refusesAPlaceholderToken() {
		StandardEnvironment environment = environment(Map.of("PSP_ADMIN_TOKEN", "CHANGE-ME"));

		assertThatExceptionOfType(PlaceholderSecrets.PlaceholderSecretException.class)
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.properties()).containsExactly("PSP_ADMIN_TOKEN"));
	}

	@Test
	void refusesAPlaceholderKafkaPasswordAlsoInsideAJaasLine() {
		// compose and Kubernetes hand the services KAFKA_PASSWORD; an operator may also
		// set
		// Kafka's JAAS line directly, its password quoted inside
		StandardEnvironment environment = environment(
				Map.of("KAFKA_PASSWORD", "CHANGE-ME", "spring.kafka.properties.sasl.jaas.config",
						"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"order-service\""
								+ " password=\"change-me\";"));

		assertThatExceptionOfType(PlaceholderSecrets.PlaceholderSecretException.class)
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.properties()).containsExactlyInAnyOrder("KAFKA_PASSWORD",
					"spring.kafka.properties.sasl.jaas.config"));
	}

	@Test
	void acceptsAJaasLineWithARealPassword() {
		StandardEnvironment environment = environment(Map.of("spring.kafka.properties.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"change-me\""
						+ " password=\"9f86d081884c7d659a2feaa0c55ad015\";"));

		assertThatNoException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()));
	}

	@Test
	void refusesAnAddressWhoseHostIsThePlaceholder() {
		// the prod overlay runs no payment simulator: PSP_URL must name the real provider
		StandardEnvironment environment = environment(Map.of("PSP_URL", "https://CHANGE-ME.invalid",
				"shopflow.payment.provider.url", "CHANGE-ME", "JWT_JWK_SET_URI", "http://change-me:8080/certs"));

		assertThatExceptionOfType(PlaceholderSecrets.PlaceholderSecretException.class)
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.properties()).containsExactlyInAnyOrder("PSP_URL",
					"shopflow.payment.provider.url", "JWT_JWK_SET_URI"));
	}

	@Test
	void acceptsRealAddressesAndPlaceholdersElsewhereInThem() {
		StandardEnvironment environment = environment(Map.of("PSP_URL", "https://api.psp.example.com/change-me",
				"ORDER_DB_URL", "jdbc:postgresql://shopflow-db-rw:5432/shopflow_order", "shopflow.note.url",
				"https://changeme.example.com"));

		assertThatNoException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()));
	}

	@Test
	void acceptsRealAndEmptySecretsAndPlaceholdersOutsideSecrets() {
		StandardEnvironment environment = environment(Map.of("ORDER_DB_PASSWORD", "s3cr3t-CHANGE-ME-not",
				"spring.datasource.password", "", "shopflow.note", "CHANGE-ME"));

		assertThatNoException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()));
	}

	@Test
	void anApplicationWithAPlaceholderFailsToStartWithAnAnalysis() {
		SpringApplication application = new SpringApplication(PlaceholderSecretsTests.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatExceptionOfType(PlaceholderSecrets.PlaceholderSecretException.class)
			.isThrownBy(() -> application.run("--spring.datasource.password=CHANGE-ME"));
		FailureAnalysis analysis = new PlaceholderSecrets.Analyzer()
			.analyze(new PlaceholderSecrets.PlaceholderSecretException(List.of("spring.datasource.password")));
		assertThat(analysis.getDescription()).contains("spring.datasource.password");
		assertThat(analysis.getAction()).contains("k8s/base/secrets.yaml");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
