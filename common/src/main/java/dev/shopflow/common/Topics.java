package dev.shopflow.common;

import java.util.List;

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
	 * The dead-letter topic of a topic: where a message goes that could not be processed
	 * after bounded retries.
	 * @param topic the topic the message was consumed from
	 * @return the name of its dead-letter topic
	 */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
