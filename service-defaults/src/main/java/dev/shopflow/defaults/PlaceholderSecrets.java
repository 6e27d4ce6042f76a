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
 * Refuses to start an application whose passwords, secrets or tokens are still the
 * templates' placeholders ({@code CHANGE-ME} in {@code k8s/base/secrets.yaml}), or whose
 * address of an outside system is one ({@code PSP_URL: https://CHANGE-ME.invalid} in the
 * prod overlay, which does not run the payment simulator): a deployment that forgot to
 * replace them fails at once, before it opens a connection, instead of running on a
 * password everyone knows or charging cards at a simulator. A missing secret is refused
 * by Kubernetes itself (the {@code secretKeyRef}s are not optional) and by compose
 * ({@code :?} variables). Kafka's JAAS line ({@code sasl.jaas.config}, whose name says
 * nothing of a secret) is refused when the password quoted in it is a placeholder.
 */
public class PlaceholderSecrets implements EnvironmentPostProcessor {

	private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|token).*");

	private static final Pattern PLACEHOLDER = Pattern.compile("change[-_ ]?me");

	private static final Pattern JAAS_NAME = Pattern.compile(".*jaas.*");

	/** A JAAS option {@code password="CHANGE-ME"} anywhere in the line. */
	private static final Pattern PLACEHOLDER_JAAS = Pattern.compile(".*\\bpassword\\s*=\\s*\"change[-_ ]?me\".*");

	private static final Pattern ADDRESS_NAME = Pattern.compile(".*(url|uri)");

	/** A placeholder as a URL's host: {@code https://CHANGE-ME.invalid/v1}. */
	private static final Pattern PLACEHOLDER_ADDRESS = Pattern
		.compile("([a-z][a-z0-9+.:-]*://)?change[-_ ]?me(\\.invalid)?([:/?].*)?");

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
		return List.of(source.getPropertyNames()).stream().filter((name) -> isPlaceholder(source, name)).toList();
	}

	private static boolean isPlaceholder(PropertySource<?> source, String name) {
		String lowerCaseName = name.toLowerCase(Locale.ROOT);
		Pattern placeholder = SECRET_NAME.matcher(lowerCaseName).matches() ? PLACEHOLDER
				: JAAS_NAME.matcher(lowerCaseName).matches() ? PLACEHOLDER_JAAS
						: ADDRESS_NAME.matcher(lowerCaseName).matches() ? PLACEHOLDER_ADDRESS : null;
		if (placeholder == null) {
			return false;
		}
		Object value = source.getProperty(name);
		return value != null && placeholder.matcher(value.toString().trim().toLowerCase(Locale.ROOT)).matches();
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
					"These settings are still the template's placeholder (CHANGE-ME): "
							+ String.join(", ", cause.properties()),
					"Set real passwords and tokens in the Secrets (k8s/base/secrets.yaml is a template) or in the"
							+ " environment, and PSP_URL to your payment provider's API (the prod overlay runs no"
							+ " simulator), then start again.",
					cause);
		}

	}

}
