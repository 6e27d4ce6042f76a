package dev.shopflow.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting rules of {@code deploy/observability/alerts.yml}: valid and behaving as
 * their unit tests say ({@code promtool}, from Debian's {@code prometheus} package, which
 * .ci/run installs), on metrics the applications publish, loaded by the compose
 * Prometheus, shipped unchanged as the prod overlay's PrometheusRule, and each with a
 * runbook line in deploy/README.md and a line in README.md.
 */
class PrometheusRulesTests {

	static final Path RULES = Path.of("deploy/observability/alerts.yml");

	private final Path project = Project.root();

	private final Map<String, Object> rules = YamlFiles.read(this.project.resolve(RULES));

	@Test
	void passesPromtoolCheckRules() {
		Commands.Result result = promtool("check", "rules", this.project.resolve(RULES).toString());

		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
	}

	@Test
	void passesItsPromtoolUnitTests() {
		Commands.Result result = promtool("test", "rules",
				this.project.resolve("deploy/observability/alerts.test.yml").toString());

		assertThat(result.succeeded()).as(result.output()).isTrue();
	}

	@Test
	void promtoolRejectsABrokenRule(@TempDir Path copy) throws IOException {
		Path broken = copy.resolve("alerts.yml");
		Files.writeString(broken,
				Files.readString(this.project.resolve(RULES))
					.replace("max by (application) (shopflow_outbox_lag_seconds) > 30",
							"max by (application) (shopflow_outbox_lag_seconds > 30"));

		Commands.Result result = promtool("check", "rules", broken.toString());

		assertThat(result.succeeded()).as(result.output()).isFalse();
	}

	@Test
	void alertsOnMetricsTheApplicationsPublish() throws IOException {
		Set<String> published = ObservabilityConfigTests.publishedMeters(this.project);
		List<String> expressions = alerts().stream().map((rule) -> (String) rule.get("expr")).toList();

		for (String expression : expressions) {
			assertThat(PromQl.metricNames(expression)).as(expression)
				.isNotEmpty()
				.allSatisfy((metric) -> assertThat(published).as(metric).contains(PromQl.meterName(metric)));
		}
		assertThat(String.join("\n", expressions)).contains("shopflow_outbox_lag_seconds",
				"kafka_consumer_fetch_manager_records_lag_max", "shopflow_messages_dead_lettered_total",
				"resilience4j_circuitbreaker_state", "http_server_requests_seconds_count",
				"shopflow_saga_duration_seconds_bucket", "shopflow_saga_late");
	}

	@Test
	void givesEveryAlertASeverityASummaryAndARunbookLine() throws IOException {
		String runbook = Files.readString(this.project.resolve("deploy/README.md"));
		String overview = Files.readString(this.project.resolve("README.md"));
		for (Map<String, Object> rule : alerts()) {
			String alert = (String) rule.get("alert");
			assertThat(alert).matches("Shopflow[A-Z][A-Za-z0-9]+");
			assertThat(YamlFiles.map(rule.get("labels")).get("severity")).as(alert).isIn("warning", "critical");
			assertThat(YamlFiles.map(rule.get("annotations"))).as(alert).containsKeys("summary", "description");
			assertThat(runbook).as("deploy/README.md documents " + alert).contains("| `" + alert + "` |");
			assertThat(overview).as("README.md lists " + alert).contains("| `" + alert + "`");
		}
	}

	@Test
	void isLoadedByTheComposePrometheus() {
		Map<String, Object> prometheus = YamlFiles.read(this.project.resolve("deploy/observability/prometheus.yml"));
		Map<String, Object> service = YamlFiles
			.map(YamlFiles.map(YamlFiles.read(this.project.resolve("docker-compose.yml")).get("services"))
				.get("prometheus"));

		assertThat(YamlFiles.list(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
		assertThat(YamlFiles.list(service.get("volumes"))).contains("./" + RULES + ":/etc/prometheus/alerts.yml:ro");
	}

	@Test
	void shipsTheSameGroupsAsThePrometheusRuleOfTheProdOverlay() {
		List<Map<String, Object>> objects = MiniKustomize.render(this.project.resolve("k8s/overlays/prod"));
		Map<String, Object> rule = objects.stream()
			.filter((object) -> "PrometheusRule".equals(object.get("kind")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no PrometheusRule in k8s/overlays/prod"));

		assertThat(YamlFiles.path(rule, "spec").get("groups"))
			.as("k8s/overlays/prod/prometheus-rules.yaml differs from %s: run "
					+ "deploy/observability/render-prometheus-rule", RULES)
			.isEqualTo(this.rules.get("groups"));
		assertThat(objects).anySatisfy((object) -> assertThat(object).containsEntry("kind", "ServiceMonitor"));
	}

	private List<Map<String, Object>> alerts() {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (Object group : YamlFiles.list(this.rules.get("groups"))) {
			for (Object rule : YamlFiles.list(YamlFiles.map(group).get("rules"))) {
				alerts.add(YamlFiles.map(rule));
			}
		}
		return alerts;
	}

	/**
	 * Runs promtool. Without it the test is skipped on a developer's machine, and fails
	 * in CI ({@code CI} set), where .ci/run installs it.
	 */
	private Commands.Result promtool(String... arguments) {
		boolean installed = Commands.available(List.of("promtool", "--version"));
		if (!installed && System.getenv("CI") != null) {
			throw new AssertionError("promtool is missing: .ci/run installs Debian's prometheus package");
		}
		Assumptions.assumeTrue(installed, "promtool is not installed (apt-get install prometheus)");
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		return Commands.run(this.project, Map.of(), Duration.ofMinutes(1), command);
	}

}
