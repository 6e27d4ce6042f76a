package dev.shopflow.order.order;

import java.time.Instant;

/**
 * The mutable part of an order as stored.
 *
 * @param status the status
 * @param failureReason why it was rejected, or {@code null}
 * @param totalMinor the total once priced, or {@code null}
 * @param currency the currency
 * @param updatedAt the last change
 * @param saga the progress of its saga
 */
record OrderState(OrderStatus status, FailureReason failureReason, Long totalMinor, String currency, Instant updatedAt,
		SagaState saga) {

	static OrderState pending(String currency, Instant now, SagaState saga) {
		return new OrderState(OrderStatus.PENDING, null, null, currency, now, saga);
	}

}
