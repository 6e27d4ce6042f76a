package dev.shopflow.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.shopflow.common.messages.InventoryCommand;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.OrderEvent;
import dev.shopflow.common.messages.PaymentCommand;
import dev.shopflow.common.messages.PaymentReply;

/**
 * The Kafka topics of the order saga, named in one place. Every message is keyed by its
 * order id, so the messages of one order stay in order on one partition.
 */
public final class Topics {

	/** Commands from order-service to inventory-service. */
	public static final String INVENTORY_COMMANDS = "shopflow.inventory.commands";

	/** Replies from inventory-service to order-service. */
	public static final String INVENTORY_REPLIES = "shopflow.inventory.replies";

	/** Commands from order-service to payment-service. */
	public static final String PAYMENT_COMMANDS = "shopflow.payment.commands";

	/** Replies from payment-service to order-service. */
	public static final String PAYMENT_REPLIES = "shopflow.payment.replies";

	/** Public facts about orders, for anyone outside the saga. */
	public static final String ORDER_EVENTS = "shopflow.order.events";

	/** Every topic above. */
	public static final List<String> ALL = List.of(INVENTORY_COMMANDS, INVENTORY_REPLIES, PAYMENT_COMMANDS,
			PAYMENT_REPLIES, ORDER_EVENTS);

	/**
	 * How long {@link #PAYMENT_COMMANDS} and its dead-letter topic keep a record: their
	 * {@code ChargePayment} carries the customer's card token, so it must not stay in the
	 * log for the 7 days the other topics keep theirs. Far above the saga deadline (30 s,
	 * after which order-service compensates and a charge command is of no use) and above
	 * a consumer outage the operators are expected to notice and end (payment-service
	 * down or its consumers stuck for an hour); a record older than this is gone, also a
	 * {@code RefundPayment} not yet consumed (see common/README.md, "Retention").
	 */
	public static final Duration PAYMENT_COMMANDS_RETENTION = Duration.ofHours(1);

	/**
	 * How often those topics start a new log segment: Kafka deletes closed segments only,
	 * so without this (default 7 days) the open segment, and every token in it, would
	 * outlive the retention. A record is thus gone within retention plus segment time
	 * plus the broker's retention check interval (5 minutes by default): about 1 h 15
	 * min.
	 */
	public static final Duration PAYMENT_COMMANDS_SEGMENT = Duration.ofMinutes(10);

	private static final String DEAD_LETTER_SUFFIX = ".dlt";

	private Topics() {
	}

	/**
	 * The topic a message is published to: one per kind of message, so no sender chooses
	 * it (and a new kind of message does not compile until it has one).
	 * @param message the message
	 * @return its topic
	 */
	public static String of(Message message) {
		return switch (message) {
			case InventoryCommand command -> INVENTORY_COMMANDS;
			case InventoryReply reply -> INVENTORY_REPLIES;
			case PaymentCommand command -> PAYMENT_COMMANDS;
			case PaymentReply reply -> PAYMENT_REPLIES;
			case OrderEvent event -> ORDER_EVENTS;
		};
	}

	/**
	 * The topic configuration a topic is created with where it differs from the broker's
	 * defaults: the short retention of the topics that carry card tokens.
	 * @param topic a topic of {@link #ALL} or its dead-letter topic
	 * @return Kafka topic configs ({@code retention.ms}, {@code segment.ms}); empty for
	 * the broker's defaults
	 */
	public static Map<String, String> config(String topic) {
		if (topic.equals(PAYMENT_COMMANDS) || topic.equals(deadLetter(PAYMENT_COMMANDS))) {
			return Map.of("retention.ms", Long.toString(PAYMENT_COMMANDS_RETENTION.toMillis()), "segment.ms",
					Long.toString(PAYMENT_COMMANDS_SEGMENT.toMillis()));
		}
		return Map.of();
	}

	/**
	 * The dead-letter topic of a topic: where a message goes that could not be processed
	 * after bounded retries.
	 * @param topic the topic the message was consumed from
	 * @return the name of its dead-letter topic
	 */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
