package dev.shopflow.defaults.deadletters;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

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

}
