package dev.shopflow.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code observability} profile, checked statically (its images are not available on
 * every CI machine): Prometheus scrapes every application where compose runs it, and the
 * provisioned dashboard's queries use metrics the applications publish. The same metric
 * names are also checked live, against the running compose stack, by
 * {@link ComposeSystemTests}.
 */
class ObservabilityConfigTests {

	/**
	 * Metrics of the frameworks (Spring Boot, Kafka client, Resilience4j) the dashboard
	 * and the alerting rules use.
	 */
	static final Set<String> FRAMEWORK_METRICS = Set.of("http.server.requests",
			"kafka.consumer.fetch.manager.records.lag.max", "resilience4j.circuitbreaker.state",
			"resilience4j.circuitbreaker.not.permitted.calls");

	private static final Pattern METER_NAME = Pattern
		.compile("(?:Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\"(shopflow\\.[a-z.]+)\"|"
				+ "\\.(?:timer|counter|gauge|summary)\\(\"(shopflow\\.[a-z.]+)\"");

	private final Path project = Project.root();

	private final Map<String, Object> services = YamlFiles
		.map(YamlFiles.read(this.project.resolve("docker-compose.yml")).get("services"));

	@Test
	void runsPrometheusAndGrafanaOnlyInTheObservabilityProfile() {
		for (String tool : List.of("prometheus", "grafana")) {
			Map<String, Object> service = YamlFiles.map(this.services.get(tool));
			assertThat(YamlFiles.list(service.get("profiles"))).as(tool).containsExactly("observability");
			for (Object volume : YamlFiles.list(service.get("volumes"))) {
				String source = ((String) volume).split(":")[0];
				if (source.startsWith("./")) {
					assertThat(this.project.resolve(source)).as(tool + " mounts " + source).exists();
				}
			}
		}
	}

	@Test
	void scrapesEveryApplicationAtItsManagementPort() {
		Map<String, Object> prometheus = YamlFiles.read(this.project.resolve("deploy/observability/prometheus.yml"));
		Map<String, String> targets = new TreeMap<>();
		for (Object job : YamlFiles.list(prometheus.get("scrape_configs"))) {
			assertThat(YamlFiles.map(job).get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object config : YamlFiles.list(YamlFiles.map(job).get("static_configs"))) {
				for (Object target : YamlFiles.list(YamlFiles.map(config).get("targets"))) {
					String[] hostAndPort = ((String) target).split(":");
					targets.put(hostAndPort[0], hostAndPort[1]);
				}
			}
		}
		Map<String, String> expected = new TreeMap<>();
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Map<String, Object> environment = YamlFiles
				.map(YamlFiles.map(this.services.get(application)).get("environment"));
			String publicPort = environment.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith("_PORT")
						&& !List.of("REDIS_PORT", "MANAGEMENT_PORT").contains(entry.getKey()))
				.map((entry) -> String.valueOf(entry.getValue()))
				.findFirst()
				.orElseThrow();
			String managementPort = String.valueOf(environment.get("MANAGEMENT_PORT"));
			assertThat(managementPort).as(application).isNotEqualTo(publicPort).isNotEqualTo("null");
			expected.put(application, managementPort);
		}
		assertThat(targets).isEqualTo(expected);
	}

	@Test
	void provisionsADashboardWhoseQueriesUsePublishedMetrics() throws IOException {
		Dashboard dashboard = Dashboard.load(this.project);
		Set<String> published = publishedMeters(this.project);

		assertThat(dashboard.queries()).hasSizeGreaterThanOrEqualTo(6);
		for (String metric : dashboard.metricNames()) {
			assertThat(published).as(metric).contains(PromQl.meterName(metric));
		}
		String all = String.join("\n", dashboard.queries());
		assertThat(all).contains("shopflow_orders_placed_total", "shopflow_saga_duration_seconds_bucket",
				"resilience4j_circuitbreaker_state", "kafka_consumer_fetch_manager_records_lag_max",
				"shopflow_outbox_lag_seconds", "http_server_requests_seconds_count{status=~\"5..\"}");
		Map<String, Object> datasource = YamlFiles.map(
				YamlFiles
					.list(YamlFiles
						.read(this.project
							.resolve("deploy/observability/grafana/provisioning/datasources/prometheus.yml"))
						.get("datasources"))
					.get(0));
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		dashboard.json()
			.path("panels")
			.forEach((panel) -> assertThat(panel.path("datasource").path("uid").asString())
				.isEqualTo(datasource.get("uid")));
	}

	/**
	 * The meters the applications publish: those their code (and service-defaults')
	 * registers, and {@link #FRAMEWORK_METRICS}.
	 * @param project the checkout
	 * @return the meter names
	 * @throws IOException if the sources cannot be read
	 */
	static Set<String> publishedMeters(Path project) throws IOException {
		Set<String> names = new TreeSet<>(FRAMEWORK_METRICS);
		for (String application : ComposeSystemTests.APPLICATIONS) {
			collectMeters(project.resolve(application + "/src/main/java"), names);
		}
		collectMeters(project.resolve("service-defaults/src/main/java"), names);
		return names;
	}

	private static void collectMeters(Path sources, Set<String> names) throws IOException {
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = METER_NAME.matcher(Files.readString(file));
				while (matcher.find()) {
					names.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
				}
			}
		}
	}

}
