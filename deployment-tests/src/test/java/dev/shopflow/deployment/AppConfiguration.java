package dev.shopflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the applications read from their environment: the {@code ${VARIABLE...}}
 * placeholders of each application's {@code application.yml} and of
 * {@code shopflow-defaults.properties} (every application depends on service-defaults).
 *
 * @param variablesByApplication the variables each application reads
 */
record AppConfiguration(Map<String, Set<String>> variablesByApplication) {

	/**
	 * Read by the JVM, or by Spring Boot's relaxed binding of a property that has no
	 * placeholder ({@code SHOPFLOW_MESSAGING_REPLICAS} =
	 * {@code shopflow.messaging.replicas} of service-defaults' MessagingProperties;
	 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} = Spring Boot's
	 * {@code logging.structured.format.console}).
	 */
	static final Set<String> PLATFORM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
			"SHOPFLOW_MESSAGING_REPLICAS", "LOGGING_STRUCTURED_FORMAT_CONSOLE");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	static AppConfiguration load(Path project) {
		Set<String> defaults = placeholders(
				project.resolve("service-defaults/src/main/resources/shopflow-defaults.properties"));
		Map<String, Set<String>> byApplication = new LinkedHashMap<>();
		for (String application : ComposeSystemTests.APPLICATIONS) {
			Set<String> variables = new TreeSet<>(defaults);
			variables.addAll(placeholders(project.resolve(application + "/src/main/resources/application.yml")));
			byApplication.put(application, variables);
		}
		return new AppConfiguration(byApplication);
	}

	static boolean isRead(Set<String> variables, String variable) {
		return variables.contains(variable) || PLATFORM_VARIABLES.contains(variable);
	}

	private static Set<String> placeholders(Path file) {
		try {
			Set<String> names = new TreeSet<>();
			Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
