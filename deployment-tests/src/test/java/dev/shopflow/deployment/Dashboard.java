package dev.shopflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard: its PromQL queries and the metric names they use.
 */
record Dashboard(JsonNode json) {

	static final Path FILE = Path.of("deploy/observability/grafana/dashboards/shopflow-overview.json");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	static Dashboard load(Path project) {
		try {
			return new Dashboard(JsonMapper.builder().build().readTree(Files.readString(project.resolve(FILE))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> queries() {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : this.json.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		return queries;
	}

	/**
	 * The metric names (Prometheus series names) the queries select.
	 * @return the names
	 */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		for (String query : queries()) {
			names.addAll(PromQl.metricNames(query));
		}
		return names;
	}

	/**
	 * The series names in a Prometheus text exposition.
	 * @param exposition the scraped text
	 * @return the names
	 */
	static Set<String> metricFamilies(String exposition) {
		Set<String> names = new TreeSet<>();
		exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			Matcher matcher = IDENTIFIER.matcher(line);
			if (matcher.lookingAt()) {
				names.add(matcher.group());
			}
		});
		return names;
	}

}
