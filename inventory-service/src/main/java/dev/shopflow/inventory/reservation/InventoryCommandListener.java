package dev.shopflow.inventory.reservation;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.UnreadableMessageException;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.defaults.messaging.MessageReceiver;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Entry point of the saga's inventory commands. {@code ReserveStock} is handled on every
 * delivery, because each delivery must be answered (idempotent by order id: the stored
 * outcome is re-sent); {@code ReleaseStock} and {@code CommitStock} are de-duplicated by
 * message id and are idempotent by order id as well. What cannot be read, or fails past
 * the bounded retries, goes to {@code shopflow.inventory.commands.dlt} (service-defaults'
 * error handler).
 */
@Component
class InventoryCommandListener {

	static final String CONSUMER = "inventory-service";

	private final MessageCodec codec;

	private final MessageReceiver receiver;

	private final StockReservations reservations;

	InventoryCommandListener(MessageCodec codec, MessageReceiver receiver, StockReservations reservations) {
		this.codec = codec;
		this.receiver = receiver;
		this.reservations = reservations;
	}

	@KafkaListener(topics = Topics.INVENTORY_COMMANDS, groupId = CONSUMER)
	void onCommand(String payload) {
		Message message = this.codec.decode(payload);
		switch (message) {
			case ReserveStock reserve -> this.receiver.receive(CONSUMER, reserve, this.reservations::reserve);
			case ReleaseStock release -> this.receiver.receiveOnce(CONSUMER, release, this.reservations::release);
			case CommitStock commit -> this.receiver.receiveOnce(CONSUMER, commit, this.reservations::commit);
			default ->
				throw new UnreadableMessageException("Not an inventory command: " + MessageCodec.typeOf(message), null);
		}
	}

}
