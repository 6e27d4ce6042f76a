package dev.shopflow.defaults;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start an application whose passwords or secrets are still the templates'
 * placeholders ({@code CHANGE-ME} in {@code k8s/base/secrets.yaml}): a deployment that
 * forgot to replace them fails at once, before it opens a connection, instead of running
 * on a password everyone knows. A missing secret is refused by Kubernetes itself (the
 * {@code secretKeyRef}s are not optional) and by compose ({@code :?} variables).
 */
public class PlaceholderSecrets implements EnvironmentPostProcessor {

	private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret).*");

	private static final Pattern PLACEHOLDER = Pattern.compile("change[-_ ]?me");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> found = environment.getPropertySources()
			.stream()
			.filter(EnumerablePropertySource.class::isInstance)
			.flatMap((source) -> placeholders((EnumerablePropertySource<?>) source).stream())
			.distinct()
			.toList();
		if (!found.isEmpty()) {
			throw new PlaceholderSecretException(found);
		}
	}

	private static List<String> placeholders(EnumerablePropertySource<?> source) {
		return List.of(source.getPropertyNames())
			.stream()
			.filter((name) -> SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches())
			.filter((name) -> isPlaceholder(source, name))
			.toList();
	}

	private static boolean isPlaceholder(PropertySource<?> source, String name) {
		Object value = source.getProperty(name);
		return value != null && PLACEHOLDER.matcher(value.toString().trim().toLowerCase(Locale.ROOT)).matches();
	}

	/** Thrown when a secret is still a placeholder; its message names the properties. */
	public static class PlaceholderSecretException extends IllegalStateException {

		private final List<String> properties;

		PlaceholderSecretException(List<String> properties) {
			super("Placeholder secret in " + String.join(", ", properties));
			this.properties = properties;
		}

		public List<String> properties() {
			return this.properties;
		}

	}

	/** Says which settings to replace, without a stack trace. */
	static class Analyzer extends AbstractFailureAnalyzer<PlaceholderSecretException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderSecretException cause) {
			return new FailureAnalysis(
					"These secrets are still the template's placeholder (CHANGE-ME): "
							+ String.join(", ", cause.properties()),
					"Set real passwords in the Secrets (k8s/base/secrets.yaml is a template) or in the environment,"
							+ " then start again.",
					cause);
		}

	}

}
