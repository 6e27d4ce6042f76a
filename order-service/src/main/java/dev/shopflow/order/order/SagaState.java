package dev.shopflow.order.order;

import java.time.Instant;

/**
 * The progress of an order's saga as stored.
 *
 * @param step which reply the saga waits for
 * @param paymentToken the card token until the charge is through, then {@code null}
 * @param chargeAttempts how many times the charge was sent
 * @param nextChargeAt when to re-send the charge after {@code PaymentUnavailable}, or
 * {@code null}
 * @param stockReserved whether a reservation is known to have been made
 * @param charged whether a successful charge is known
 * @param paymentUnavailable whether the provider was reported unavailable
 */
record SagaState(SagaStep step, String paymentToken, int chargeAttempts, Instant nextChargeAt, boolean stockReserved,
		boolean charged, boolean paymentUnavailable) {

	static SagaState started(String paymentToken) {
		return new SagaState(SagaStep.RESERVING_STOCK, paymentToken, 0, null, false, false, false);
	}

}
