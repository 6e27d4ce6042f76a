package dev.shopflow.deployment;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose.tls.yml, the overlay that turns TLS on in compose, checked against
 * docker-compose.yml and the applications' configuration: every application gets the
 * certificate files, the callers https:// URLs to the ports the services listen on, and
 * the healthchecks ask the plain management port each application is given.
 */
class ComposeTlsOverlayTests {

	private static final Set<String> TLS_VARIABLES = Set.of("SHOPFLOW_TLS_ENABLED", "SHOPFLOW_TLS_CERTIFICATE",
			"SHOPFLOW_TLS_PRIVATE_KEY", "SHOPFLOW_TLS_TRUST");

	private static final Map<String, String> PORT_VARIABLES = Map.of("order-service", "ORDER_PORT", "payment-service",
			"PAYMENT_PORT", "inventory-service", "INVENTORY_PORT", "psp-simulator", "PSP_PORT");

	private final Path project = Project.root();

	private final Map<String, Object> base = YamlFiles
		.map(YamlFiles.read(this.project.resolve("docker-compose.yml")).get("services"));

	private final Map<String, Object> overlay = YamlFiles
		.map(YamlFiles.read(this.project.resolve("deploy/compose.tls.yml")).get("services"));

	@Test
	void givesEveryApplicationTheCertificateFilesItReads() {
		Map<String, Set<String>> read = AppConfiguration.load(this.project).variablesByApplication();
		assertThat(this.overlay.keySet()).containsExactlyInAnyOrderElementsOf(ComposeSystemTests.APPLICATIONS);
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> environment = environment(this.overlay, application);
			assertThat(environment).as(application).containsKeys(TLS_VARIABLES.toArray(String[]::new));
			for (String variable : TLS_VARIABLES) {
				assertThat(AppConfiguration.isRead(read.get(application), variable))
					.as(application + " reads " + variable)
					.isTrue();
				if (!variable.equals("SHOPFLOW_TLS_ENABLED")) {
					assertThat((String) environment.get(variable)).startsWith("/etc/shopflow/tls/");
				}
			}
			assertThat(YamlFiles.list(YamlFiles.map(this.overlay.get(application)).get("volumes"))).as(application)
				.anySatisfy((volume) -> assertThat((String) volume).endsWith(":/etc/shopflow/tls:ro"));
			if (!application.equals("gateway")) {
				assertThat(environment.get("SHOPFLOW_TLS_ENABLED")).as(application).isEqualTo("true");
			}
		}
	}

	@Test
	void pointsTheCallersAtHttpsOnThePortsTheServicesListenOn() {
		Map<String, Object> gateway = environment(this.overlay, "gateway");
		assertHttps((String) gateway.get("ORDER_SERVICE_URL"), "order-service");
		assertHttps((String) gateway.get("PAYMENT_SERVICE_URL"), "payment-service");
		assertHttps((String) gateway.get("INVENTORY_SERVICE_URL"), "inventory-service");
		String pspUrl = (String) environment(this.overlay, "payment-service").get("PSP_URL");
		assertHttps(pspUrl.replaceAll("^\\$\\{PSP_URL:-(.*)}$", "$1"), "psp-simulator");
	}

	@Test
	void asksEachHealthcheckAtThePlainManagementPort() {
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Object managementPort = environment(this.overlay, application).get("MANAGEMENT_SERVER_PORT");
			List<Object> test = YamlFiles
				.list(YamlFiles.path(YamlFiles.map(this.overlay.get(application)), "healthcheck").get("test"));
			assertThat(test).as(application)
				.containsExactly("CMD", "healthcheck", String.valueOf(managementPort), "/actuator/health/readiness");
		}
	}

	private void assertHttps(String url, String service) {
		URI uri = URI.create(url);
		assertThat(uri.getScheme()).as(url).isEqualTo("https");
		assertThat(uri.getHost()).as(url).isEqualTo(service);
		assertThat(String.valueOf(uri.getPort())).as(url)
			.isEqualTo(String.valueOf(environment(this.base, service).get(PORT_VARIABLES.get(service))));
	}

	private static Map<String, Object> environment(Map<String, Object> services, String application) {
		return YamlFiles.map(YamlFiles.map(services.get(application)).get("environment"));
	}

}
