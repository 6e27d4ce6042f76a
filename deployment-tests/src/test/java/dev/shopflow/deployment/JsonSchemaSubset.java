package dev.shopflow.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The small JSON Schema subset of {@code crd-schemas/}: {@code type}, {@code properties},
 * {@code required}, {@code items}, {@code enum}, {@code additionalProperties} (boolean or
 * a schema). An object schema with {@code properties} rejects other keys unless
 * {@code additionalProperties} allows them.
 *
 * @param schema the schema document
 */
record JsonSchemaSubset(Map<String, Object> schema) {

	static JsonSchemaSubset load(Path file) {
		return new JsonSchemaSubset(YamlFiles.read(file));
	}

	void validate(Object value, String path, List<String> problems) {
		check(this.schema, value, path, problems);
	}

	private static void check(Map<String, Object> schema, Object value, String path, List<String> problems) {
		String type = (String) schema.get("type");
		if (type != null && !hasType(value, type)) {
			problems.add(path + ": expected " + type + " but was " + describe(value));
			return;
		}
		List<Object> allowed = YamlFiles.list(schema.get("enum"));
		if (!allowed.isEmpty() && !allowed.contains(value)) {
			problems.add(path + ": " + value + " is not one of " + allowed);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> properties = YamlFiles.map(schema.get("properties"));
			for (Object required : YamlFiles.list(schema.get("required"))) {
				if (!map.containsKey(required)) {
					problems.add(path + ": missing required field '" + required + "'");
				}
			}
			Object additional = schema.get("additionalProperties");
			map.forEach((key, item) -> {
				Map<String, Object> propertySchema = YamlFiles.map(properties.get(key));
				if (properties.containsKey(key)) {
					check(propertySchema, item, path + "." + key, problems);
				}
				else if (additional instanceof Map<?, ?> additionalSchema) {
					check(YamlFiles.map(additionalSchema), item, path + "." + key, problems);
				}
				else if (!Boolean.TRUE.equals(additional)) {
					problems.add(path + ": unknown field '" + key + "'");
				}
			});
		}
		if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
			for (int i = 0; i < list.size(); i++) {
				check(YamlFiles.map(items), list.get(i), path + "[" + i + "]", problems);
			}
		}
	}

	private static boolean hasType(Object value, String type) {
		return switch (type) {
			case "object" -> value instanceof Map<?, ?>;
			case "array" -> value instanceof List<?>;
			case "string" -> value instanceof String;
			case "integer" -> value instanceof Integer || value instanceof Long;
			case "boolean" -> value instanceof Boolean;
			default -> true;
		};
	}

	private static String describe(Object value) {
		return (value == null) ? "null" : value.getClass().getSimpleName() + " " + value;
	}

}
