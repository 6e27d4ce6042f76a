package dev.shopflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a service serves, committed as {@code openapi.json} in the
 * service's module, as {@code common/asyncapi.yaml} is for the messages. Committed rather
 * than written to {@code target/} by the tests: a change to the HTTP API then shows in
 * review (API.md: add, never break), and Redocly lints all services' documents in one
 * place ({@code tools/api-lint}, run by {@code common}'s {@code verify} phase) whether or
 * not the integration tests ran. Keys are sorted, so the file does not depend on the
 * order springdoc writes them in.
 */
public final class CommittedOpenApi {

	/**
	 * Where a service's document is committed: its module, the tests' working directory.
	 */
	public static final Path PATH = Path.of("openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private CommittedOpenApi() {
	}

	/**
	 * Asserts that the committed document is the one the service serves; with
	 * {@code -Dopenapi.write=true} first writes the served one.
	 * @param served the document the service serves at {@code /v3/api-docs}
	 * @throws IOException if the committed document cannot be read or written
	 */
	public static void assertMatches(String served) throws IOException {
		String document = normalize(served);
		if (Boolean.getBoolean("openapi.write")) {
			Files.writeString(PATH, document);
		}
		String committed = Files.exists(PATH) ? Files.readString(PATH) : "";
		assertThat(committed)
			.as("%s is out of date with the controllers; regenerate it with '-Dopenapi.write=true' (README, "
					+ "\"Building\") and review the difference: API.md allows additions only", PATH.toAbsolutePath())
			.isEqualTo(document);
	}

	static String normalize(String json) {
		return JSON.writeValueAsString(sorted(JSON.readTree(json))) + "\n";
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> properties = new TreeMap<>();
			node.properties().forEach((property) -> properties.put(property.getKey(), sorted(property.getValue())));
			ObjectNode object = JSON.createObjectNode();
			properties.forEach(object::set);
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = JSON.createArrayNode();
			node.values().forEach((element) -> array.add(sorted(element)));
			return array;
		}
		return node;
	}

}
