package dev.shopflow.payment.payment;

import java.util.UUID;

import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentRefunded;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.RefundFailed;
import dev.shopflow.defaults.messaging.Outbox;

import org.springframework.stereotype.Component;

/**
 * Answers the saga through the outbox, in the transaction that records what the answer
 * announces.
 */
@Component
class SagaReplies {

	private final Outbox outbox;

	SagaReplies(Outbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * Announces a settled charge: succeeded, declined or failed, or (refunded) succeeded.
	 */
	void outcome(Payment payment) {
		switch (payment.status()) {
			case SUCCEEDED, REFUNDED -> this.outbox.add(PaymentSucceeded.of(payment.orderId(), payment.traceparent(),
					payment.transactionId(), payment.amountMinor(), payment.currency(), payment.providerReference()));
			case DECLINED, FAILED ->
				declined(payment.orderId(), payment.traceparent(), payment.transactionId(), payment.declineCode());
			case PENDING -> throw new IllegalStateException("Payment " + payment.transactionId() + " is not settled");
		}
	}

	void declined(UUID orderId, String traceparent, String transactionId, String declineCode) {
		this.outbox.add(PaymentDeclined.of(orderId, traceparent, transactionId, declineCode));
	}

	void unavailable(Payment payment, String detail) {
		this.outbox
			.add(PaymentUnavailable.of(payment.orderId(), payment.traceparent(), payment.transactionId(), detail));
	}

	void refunded(Payment payment) {
		this.outbox.add(PaymentRefunded.of(payment.orderId(), payment.traceparent(), payment.transactionId()));
	}

	void notCharged(UUID orderId, String traceparent, String transactionId) {
		refundFailed(orderId, traceparent, transactionId, RefundFailed.NOT_CHARGED);
	}

	void refundFailed(UUID orderId, String traceparent, String transactionId, String reason) {
		this.outbox.add(RefundFailed.of(orderId, traceparent, transactionId, reason));
	}

}
