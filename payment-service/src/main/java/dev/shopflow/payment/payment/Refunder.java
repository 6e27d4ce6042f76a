package dev.shopflow.payment.payment;

import java.util.Optional;

import dev.shopflow.payment.provider.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds a succeeded charge at the provider (idempotent there) and records it; if the
 * provider cannot be reached the request stays and the reconciler asks again.
 */
@Component
class Refunder {

	private static final Logger log = LoggerFactory.getLogger(Refunder.class);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final SagaReplies replies;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	private final PaymentMeters meters;

	Refunder(PaymentRepository payments, PaymentProvider provider, SagaReplies replies,
			TransactionTemplate transactions, PaymentProperties properties, PaymentMeters meters) {
		this.payments = payments;
		this.provider = provider;
		this.replies = replies;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Refunds the payment. Whoever marks it {@code REFUNDED} answers a refund the saga
	 * asked for; a saga command that finds it refunded by another caller (a second
	 * command of the same refund, the reconciler) is answered all the same.
	 * @param payment the succeeded payment
	 * @param sagaCommand whether a {@code RefundPayment} of this call waits for its
	 * answer
	 * @return the payment after the attempt, or empty if the provider could not be
	 * reached
	 */
	Optional<Payment> refund(Payment payment, boolean sagaCommand) {
		boolean refunded = this.provider.refund(payment.transactionId(), payment.providerReference());
		return this.transactions.execute((status) -> {
			if (!refunded) {
				this.payments.postpone(payment.transactionId(), this.properties.reconciler(), false);
				return Optional.<Payment>empty();
			}
			Optional<Payment> marked = this.payments.markRefunded(payment.transactionId());
			if (marked.isPresent()) {
				Payment done = marked.get();
				log.debug("Payment {} REFUNDED", done.transactionId());
				this.meters.count("refunded");
				if (done.refundReply() && done.orderId() != null) {
					this.replies.refunded(done);
				}
				return marked;
			}
			Optional<Payment> current = this.payments.find(payment.transactionId());
			current.filter((done) -> sagaCommand && done.status() == PaymentStatus.REFUNDED && done.orderId() != null)
				.ifPresent(this.replies::refunded);
			return current;
		});
	}

}
