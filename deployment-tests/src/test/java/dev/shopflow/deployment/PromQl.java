package dev.shopflow.deployment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to find the metrics a query selects (the dashboard's panels, the
 * alerting rules) and the Micrometer meters behind them.
 */
final class PromQl {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
			"histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
			"topk", "bottomk", "abs", "clamp_min", "clamp_max", "delta", "deriv", "offset", "bool");

	private PromQl() {
	}

	/**
	 * The metric names (Prometheus series names) a query selects.
	 * @param query a PromQL expression
	 * @return the names
	 */
	static Set<String> metricNames(String query) {
		String stripped = query.replaceAll("\"[^\"]*\"", "")
			.replaceAll("\\{[^}]*\\}", "")
			.replaceAll("\\[[^]]*\\]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
			.replaceAll("\\b\\d+(ms|s|m|h|d|w|y)\\b", "");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String word = matcher.group();
			boolean call = stripped.substring(matcher.end()).stripLeading().startsWith("(");
			if (!call && !WORDS.contains(word)) {
				names.add(word);
			}
		}
		return names;
	}

	/**
	 * The Micrometer meter name behind a Prometheus series name.
	 * @param series e.g. {@code shopflow_saga_duration_seconds_bucket}
	 * @return e.g. {@code shopflow.saga.duration}
	 */
	static String meterName(String series) {
		String name = series;
		for (String suffix : List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max", "_total",
				"_seconds")) {
			if (name.endsWith(suffix)) {
				name = name.substring(0, name.length() - suffix.length());
				break;
			}
		}
		return name.replace('_', '.');
	}

}
