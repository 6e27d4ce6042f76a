package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The saga deadline of order-service (how long a saga may run before it is compensated
 * and the order ends {@code REJECTED TIMEOUT}): from {@code --env ORDER_SAGA_DEADLINE=..}
 * when the benchmark sets it, else the default in order-service's {@code application.yml}
 * ({@code saga-deadline: ${ORDER_SAGA_DEADLINE:30s}}), else 30 s.
 */
final class SagaDeadline {

	static final String VARIABLE = "ORDER_SAGA_DEADLINE";

	private static final Duration FALLBACK = Duration.ofSeconds(30);

	private static final Pattern YAML = Pattern.compile("saga-deadline:\\s*\\$\\{" + VARIABLE + ":([^}]+)}");

	private SagaDeadline() {
	}

	static Duration of(Map<String, String> stackEnvironment, Path projectDir) {
		String yaml = "";
		try {
			yaml = Files.readString(projectDir.resolve("order-service/src/main/resources/application.yml"));
		}
		catch (IOException ex) {
			// not a checkout: the default
		}
		return resolve(stackEnvironment, yaml);
	}

	/**
	 * @param stackEnvironment the extra environment of the stack
	 * @param applicationYaml order-service's configuration
	 * @return the deadline the stack runs with
	 */
	static Duration resolve(Map<String, String> stackEnvironment, String applicationYaml) {
		String value = stackEnvironment.get(VARIABLE);
		if (value == null) {
			Matcher matcher = YAML.matcher(applicationYaml);
			value = matcher.find() ? matcher.group(1) : null;
		}
		try {
			return (value != null) ? BenchmarkOptions.duration(value) : FALLBACK;
		}
		catch (RuntimeException ex) {
			return Duration.parse(value);
		}
	}

}
