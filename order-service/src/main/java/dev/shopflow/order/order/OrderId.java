package dev.shopflow.order.order;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of an order, also the id of its saga and the Kafka key of its messages.
 *
 * @param value the UUID
 */
public record OrderId(UUID value) {

	public OrderId {
		Objects.requireNonNull(value, "value");
	}

	static OrderId random() {
		return new OrderId(UUID.randomUUID());
	}

	/**
	 * The payment transaction of this order: one per order, so that however often the
	 * charge is asked for, it is charged at most once.
	 * @return the transaction id
	 */
	String transactionId() {
		return "order-" + this.value;
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
