package dev.shopflow.common.asyncapi;

import java.util.List;
import java.util.Map;

/**
 * Writes nested maps, lists and strings as block YAML; just enough for the AsyncAPI
 * document, so that {@code common} needs no YAML library.
 */
final class Yaml {

	private static final List<String> RESERVED = List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

	private Yaml() {
	}

	static void write(Object value, int indent, StringBuilder out) {
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append("  ".repeat(indent)).append(scalar(entry.getKey().toString())).append(':');
				child(entry.getValue(), indent + 1, out);
			}
		}
		else if (value instanceof List<?> list) {
			for (Object item : list) {
				out.append("  ".repeat(indent)).append('-');
				if (item instanceof Map<?, ?> || item instanceof List<?>) {
					out.append('\n');
					write(item, indent + 1, out);
				}
				else {
					out.append(' ').append(scalar(item.toString())).append('\n');
				}
			}
		}
	}

	private static void child(Object value, int indent, StringBuilder out) {
		if ((value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof List<?> list && list.isEmpty())) {
			out.append(value instanceof Map ? " {}\n" : " []\n");
		}
		else if (value instanceof Map<?, ?> || value instanceof List<?>) {
			out.append('\n');
			write(value, indent, out);
		}
		else if (value instanceof Number number) {
			out.append(' ').append(number).append('\n');
		}
		else {
			out.append(' ').append(scalar(value.toString())).append('\n');
		}
	}

	private static String scalar(String text) {
		if (text.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") && !RESERVED.contains(text.toLowerCase())) {
			return text;
		}
		return "'" + text.replace("'", "''") + "'";
	}

}
