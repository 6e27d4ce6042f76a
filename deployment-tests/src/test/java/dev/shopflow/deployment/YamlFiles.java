package dev.shopflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;

/**
 * Plain YAML reading (SnakeYAML), documents as maps.
 */
final class YamlFiles {

	private YamlFiles() {
	}

	static Map<String, Object> read(Path file) {
		List<Map<String, Object>> documents = readAll(file);
		return documents.isEmpty() ? Map.of() : documents.get(0);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> readAll(Path file) {
		try {
			return readAll(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> readAll(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new org.yaml.snakeyaml.Yaml(options).loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	static Map<String, Object> path(Map<String, Object> root, String... keys) {
		Map<String, Object> current = root;
		for (String key : keys) {
			current = map(current.get(key));
		}
		return current;
	}

}
