package dev.shopflow.payment.payment;

import dev.shopflow.common.Topics;
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

	/** Announces a settled charge: succeeded, declined, or (refunded) succeeded. */
	void outcome(Payment payment) {
		switch (payment.status()) {
			case SUCCEEDED,
					REFUNDED ->
				this.outbox.add(Topics.PAYMENT_REPLIES,
						PaymentSucceeded.of(payment.orderId(), payment.traceparent(), payment.transactionId(),
								payment.amountMinor(), payment.currency(), payment.providerReference()));
			case DECLINED -> this.outbox.add(Topics.PAYMENT_REPLIES, PaymentDeclined.of(payment.orderId(),
					payment.traceparent(), payment.transactionId(), payment.declineCode()));
			case PENDING -> throw new IllegalStateException("Payment " + payment.transactionId() + " is not settled");
		}
	}

	void unavailable(Payment payment, String detail) {
		this.outbox.add(Topics.PAYMENT_REPLIES,
				PaymentUnavailable.of(payment.orderId(), payment.traceparent(), payment.transactionId(), detail));
	}

	void refunded(Payment payment) {
		this.outbox.add(Topics.PAYMENT_REPLIES,
				PaymentRefunded.of(payment.orderId(), payment.traceparent(), payment.transactionId()));
	}

	void notCharged(java.util.UUID orderId, String traceparent, String transactionId) {
		this.outbox.add(Topics.PAYMENT_REPLIES,
				RefundFailed.of(orderId, traceparent, transactionId, RefundFailed.NOT_CHARGED));
	}

}
