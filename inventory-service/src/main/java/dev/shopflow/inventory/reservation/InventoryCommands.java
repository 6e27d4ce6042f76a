package dev.shopflow.inventory.reservation;

import java.util.List;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.UnreadableMessageException;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.defaults.messaging.MessageReceiver.BatchHandler;

import org.springframework.stereotype.Component;

/**
 * What a poll of inventory commands does inside its transaction: first it locks every
 * order and product the commands can touch, in one global order, then it hands each
 * command to {@link StockReservations}. {@code ReserveStock} is handled on every
 * delivery, because each delivery must be answered (idempotent by order id: the stored
 * outcome is re-sent); {@code ReleaseStock} and {@code CommitStock} are de-duplicated by
 * message id and are idempotent by order id as well.
 */
@Component
class InventoryCommands implements BatchHandler<Void> {

	private final StockReservations reservations;

	InventoryCommands(StockReservations reservations) {
		this.reservations = reservations;
	}

	@Override
	public void prepare(List<Message> messages) {
		this.reservations.lock(messages);
	}

	@Override
	public boolean once(Message message) {
		return !(message instanceof ReserveStock);
	}

	@Override
	public Void handle(Message message) {
		switch (message) {
			case ReserveStock reserve -> this.reservations.reserve(reserve);
			case ReleaseStock release -> this.reservations.release(release);
			case CommitStock commit -> this.reservations.commit(commit);
			default ->
				throw new UnreadableMessageException("Not an inventory command: " + MessageCodec.typeOf(message), null);
		}
		return null;
	}

}
