package dev.shopflow.payment.payment;

import java.util.Optional;

import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.payment.provider.ChargeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Records, inside the caller's transaction, what the provider answered to a charge, with
 * the saga's answer: a charge or a decline settles the payment; a refused request (a 4xx
 * other than a decline) is asked again up to {@code max-rejections} times and then
 * {@code FAILED}; an unknown outcome keeps it {@code PENDING} and backs off. Conditional
 * updates (from {@code PENDING} only) make a late or duplicate outcome change nothing.
 */
@Component
class ChargeOutcomes {

	private static final Logger log = LoggerFactory.getLogger(ChargeOutcomes.class);

	private final PaymentRepository payments;

	private final SagaReplies replies;

	private final PaymentProperties properties;

	private final PaymentMeters meters;

	ChargeOutcomes(PaymentRepository payments, SagaReplies replies, PaymentProperties properties,
			PaymentMeters meters) {
		this.payments = payments;
		this.replies = replies;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Records the provider's answer.
	 * @param payment the payment as claimed
	 * @param outcome the answer
	 * @return the payment after it
	 */
	Payment record(Payment payment, ChargeOutcome outcome) {
		String transactionId = payment.transactionId();
		Optional<Payment> settled = switch (outcome) {
			case ChargeOutcome.Charged charged ->
				this.payments.settle(transactionId, PaymentStatus.SUCCEEDED, charged.chargeId(), null);
			case ChargeOutcome.Declined declined -> this.payments.settle(transactionId, PaymentStatus.DECLINED,
					declined.chargeId(), declined.declineCode());
			case ChargeOutcome.Rejected rejected when payment.rejections() + 1 >= this.properties.maxRejections() -> {
				log.warn("Provider refused payment {} {} times ({}); FAILED", transactionId, payment.rejections() + 1,
						rejected.reason());
				yield this.payments.settle(transactionId, PaymentStatus.FAILED, null,
						PaymentDeclined.PROVIDER_REJECTED);
			}
			case ChargeOutcome.Rejected rejected -> postpone(payment, rejected.reason(), true);
			case ChargeOutcome.Unavailable unavailable -> postpone(payment, unavailable.reason(), false);
		};
		settled.ifPresent(this::announce);
		return settled.or(() -> this.payments.find(transactionId)).orElseThrow();
	}

	/**
	 * The outcome is still unknown: answer a ChargePayment that waits for it, retry
	 * later.
	 */
	private Optional<Payment> postpone(Payment payment, String reason, boolean rejected) {
		Payment postponed = this.payments.postpone(payment.transactionId(), this.properties.reconciler(), rejected);
		if (postponed.replyOwed() && postponed.answersSaga()) {
			this.replies.unavailable(postponed, reason);
			this.payments.replied(postponed.transactionId());
		}
		this.meters.count(rejected ? "rejected" : "unavailable");
		return Optional.empty();
	}

	private void announce(Payment settled) {
		log.debug("Payment {} {}", settled.transactionId(), settled.status());
		this.meters.count(settled.status().name().toLowerCase());
		if (settled.answersSaga()) {
			this.replies.outcome(settled);
		}
		if (settled.status() != PaymentStatus.SUCCEEDED && settled.refundRequested()) {
			this.payments.dropRefundRequest(settled.transactionId());
			if (settled.refundReply()) {
				this.replies.notCharged(settled.orderId(), settled.traceparent(), settled.transactionId());
			}
		}
	}

}
