package dev.shopflow.defaults.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record on a dead-letter topic, as an operator sees it: where it is, where it came
 * from, why it failed, and its payload with card tokens masked.
 *
 * @param topic the dead-letter topic ({@code <topic>.dlt})
 * @param partition its partition
 * @param offset its offset
 * @param deadLetteredAt when it was dead-lettered
 * @param key the message key (an order id)
 * @param type the message type ({@code shopflow-type} header)
 * @param originalTopic the topic it was consumed from
 * @param originalPartition the partition it was consumed from
 * @param originalOffset the offset it was consumed from
 * @param exception the failure's class
 * @param reason the failure's message
 * @param payload the payload (JSON with every {@code *token*} field masked), or the first
 * characters of an unreadable one as a string
 */
public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String key, String type,
		String originalTopic, Integer originalPartition, Long originalOffset, String exception, String reason,
		JsonNode payload) {

	private static final int MAX_PAYLOAD_CHARS = 2000;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	/**
	 * How an operator sees a dead-letter record: Spring Kafka's {@code kafka_dlt-*}
	 * headers and the payload, masked.
	 * @param record the record on the dead-letter topic
	 * @return the view
	 */
	static DeadLetter of(ConsumerRecord<String, String> record) {
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()), record.key(), text(record, "shopflow-type"),
				text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC), integer(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
				number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET), text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
				text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), maskedPayload(record.value()));
	}

	/**
	 * The payload with every field whose name contains "token" masked: a
	 * {@code ChargePayment} carries the card token, which no operator screen shows.
	 */
	static JsonNode maskedPayload(String value) {
		if (value == null) {
			return null;
		}
		try {
			JsonNode tree = JSON.readTree(value);
			mask(tree);
			return tree;
		}
		catch (JacksonException ex) {
			return StringNode
				.valueOf((value.length() > MAX_PAYLOAD_CHARS) ? value.substring(0, MAX_PAYLOAD_CHARS) : value);
		}
	}

	private static void mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				if (name.toLowerCase(Locale.ROOT).contains("token")) {
					object.put(name, "***");
				}
				else {
					mask(object.get(name));
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(DeadLetter::mask);
		}
	}

	private static String text(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	// Spring Kafka writes the original partition and offset as big-endian binary
	private static Integer integer(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null && header.value().length == 4)
				? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	private static Long number(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null && header.value().length == 8)
				? ByteBuffer.wrap(header.value()).getLong() : null;
	}

}
