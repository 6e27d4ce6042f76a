package dev.shopflow.order.order;

import dev.shopflow.common.messages.OrderCancelled;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;

/**
 * The events an order publishes when its outcome is decided, each with its timeline step.
 */
final class OrderEvents {

	private final OrderHead head;

	private final OrderChanges changes;

	OrderEvents(OrderHead head, OrderChanges changes) {
		this.head = head;
		this.changes = changes;
	}

	void confirmed(long totalMinor, String currency) {
		this.changes.send(OrderConfirmed.of(this.head.id().value(), this.head.traceparent(), this.head.customerId(),
				totalMinor, currency));
		this.changes.note(TimelineStep.ORDER_CONFIRMED, "total " + totalMinor + " " + currency);
	}

	void rejected(FailureReason reason) {
		this.changes.send(OrderRejected.of(this.head.id().value(), this.head.traceparent(), this.head.customerId(),
				reason.name()));
		this.changes.note(TimelineStep.ORDER_REJECTED, reason.name());
	}

	void cancelled(boolean refunded) {
		this.changes
			.send(OrderCancelled.of(this.head.id().value(), this.head.traceparent(), this.head.customerId(), refunded));
		this.changes.note(TimelineStep.ORDER_CANCELLED, refunded ? "refunded" : "nothing was charged");
	}

}
