package dev.shopflow.order.order;

import java.time.Instant;

/**
 * The mutable part of an order as stored: its status, total and the progress of its saga.
 *
 * @param status the status
 * @param failureReason why it was rejected, or {@code null}
 * @param totalMinor the total once priced, or {@code null}
 * @param currency the currency
 * @param updatedAt the last change
 * @param step which reply the saga waits for
 * @param paymentToken the card token until the charge is through, then {@code null}
 * @param chargeAttempts how many times the charge was sent
 * @param nextChargeAt when to re-send the charge after {@code PaymentUnavailable}, or
 * {@code null}
 * @param stockReserved whether a reservation is known to have been made
 * @param charged whether a successful charge is known
 * @param paymentUnavailable whether the provider was reported unavailable
 */
record OrderState(OrderStatus status, FailureReason failureReason, Long totalMinor, String currency, Instant updatedAt,
		SagaStep step, String paymentToken, int chargeAttempts, Instant nextChargeAt, boolean stockReserved,
		boolean charged, boolean paymentUnavailable) {

}
