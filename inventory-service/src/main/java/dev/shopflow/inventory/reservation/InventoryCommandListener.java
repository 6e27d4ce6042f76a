package dev.shopflow.inventory.reservation;

import java.util.List;

import dev.shopflow.common.Topics;
import dev.shopflow.defaults.messaging.MessageReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Entry point of the saga's inventory commands: a whole poll is handled in one database
 * transaction ({@link InventoryCommands} says how). If that fails, the records are
 * handled one per transaction; the first that still fails is handed to service-defaults'
 * error handler, which commits the records before it and retries it a bounded number of
 * times or, if it cannot be read or breaks the contract, dead-letters it at once to
 * {@code shopflow.inventory.commands.dlt}.
 */
@Component
class InventoryCommandListener {

	static final String CONSUMER = "inventory-service";

	private final MessageReceiver receiver;

	private final InventoryCommands commands;

	InventoryCommandListener(MessageReceiver receiver, InventoryCommands commands) {
		this.receiver = receiver;
		this.commands = commands;
	}

	@KafkaListener(topics = Topics.INVENTORY_COMMANDS, groupId = CONSUMER, batch = "true")
	void onCommands(List<ConsumerRecord<String, String>> records) {
		this.receiver.receiveBatch(CONSUMER, records, this.commands).throwIfFailed();
	}

}
