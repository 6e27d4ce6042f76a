package dev.shopflow.common;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import dev.shopflow.common.messages.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link Message messages} into JSON and back. The JSON carries the logical type id
 * (for example {@code inventory.ReserveStock.v1}) in its {@code type} property; unknown
 * fields are ignored so that producers can add optional fields within a version.
 * Thread-safe.
 */
public final class MessageCodec {

	private static final Map<Class<?>, String> TYPE_IDS = readTypeIds();

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * Encodes a message.
	 * @param message the message
	 * @return its JSON text
	 */
	public String encode(Message message) {
		return this.mapper.writeValueAsString(message);
	}

	/**
	 * Decodes a message of any known type.
	 * @param json the JSON text
	 * @return the message
	 * @throws UnreadableMessageException if the text is not JSON, names an unknown type
	 * id, or misses a required field
	 */
	public Message decode(String json) {
		if (json == null) {
			throw new UnreadableMessageException("no payload", null);
		}
		try {
			return this.mapper.readValue(json, Message.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new UnreadableMessageException(ex.getMessage(), ex);
		}
	}

	/**
	 * Decodes a message from UTF-8 bytes.
	 * @param json the JSON bytes
	 * @return the message
	 */
	public Message decode(byte[] json) {
		return decode((json != null) ? new String(json, StandardCharsets.UTF_8) : null);
	}

	/**
	 * The logical type id of a message class.
	 * @param message the message
	 * @return its type id, e.g. {@code inventory.ReserveStock.v1}
	 */
	public static String typeOf(Message message) {
		return TYPE_IDS.get(message.getClass());
	}

	/**
	 * Every logical type id this codec reads, by message class.
	 * @return the type ids
	 */
	public static Map<Class<?>, String> typeIds() {
		return TYPE_IDS;
	}

	private static Map<Class<?>, String> readTypeIds() {
		Map<Class<?>, String> ids = new LinkedHashMap<>();
		for (JsonSubTypes.Type type : Message.class.getAnnotation(JsonSubTypes.class).value()) {
			ids.put(type.value(), type.name());
		}
		return Collections.unmodifiableMap(ids);
	}

}
