package dev.shopflow.payment.payment;

import java.util.List;
import java.util.Optional;

import dev.shopflow.common.messages.RefundFailed;
import dev.shopflow.common.messages.RefundPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds, never lost: the request is stored first ({@code refund_requested}, plus
 * {@code refund_reply} when the saga asked), then the provider is called (its refunds are
 * idempotent); if that fails, the reconciler does it later. A refund for a still
 * {@code PENDING} charge settles the charge first. A {@code RefundPayment} refunds only
 * the charge of its own order.
 */
@Service
public class PaymentRefunds {

	private static final Logger log = LoggerFactory.getLogger(PaymentRefunds.class);

	private final PaymentRepository payments;

	private final PaymentCharges charges;

	private final Refunder refunder;

	private final SagaReplies replies;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	private final PaymentMeters meters;

	PaymentRefunds(PaymentRepository payments, PaymentCharges charges, Refunder refunder, SagaReplies replies,
			TransactionTemplate transactions, PaymentProperties properties, PaymentMeters meters) {
		this.payments = payments;
		this.charges = charges;
		this.refunder = refunder;
		this.replies = replies;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Records, inside the caller's transaction, that the saga wants a charge refunded,
	 * and answers at once when there is nothing to do.
	 * @param command the saga's command
	 * @return the payment whose refund (or pending charge) must now be worked on, if any
	 */
	Optional<Payment> requestRefund(RefundPayment command) {
		Optional<Payment> found = this.payments.lock(command.transactionId());
		if (found.isPresent() && !found.get().belongsTo(command.orderId())) {
			log.warn("RefundPayment of order {} names transaction {} of another order; ignored", command.orderId(),
					command.transactionId());
			this.meters.count("refund-mismatched");
			this.replies.refundFailed(command.orderId(), command.traceparent(), command.transactionId(),
					RefundFailed.TRANSACTION_MISMATCH);
			return Optional.empty();
		}
		PaymentStatus status = found.map(Payment::status).orElse(null);
		if (status == null || status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED) {
			log.debug("Nothing to refund for transaction {}", command.transactionId());
			this.replies.notCharged(command.orderId(), command.traceparent(), command.transactionId());
			return Optional.empty();
		}
		if (status == PaymentStatus.REFUNDED) {
			this.replies.refunded(found.get());
			return Optional.empty();
		}
		this.payments.requestRefund(command.transactionId(), true, command.traceparent(), this.properties.lease());
		return this.payments.find(command.transactionId());
	}

	/**
	 * Works on a poll's requested refunds after their requests committed, concurrently
	 * (bounded).
	 * @param requested the payments whose refund must be worked on
	 */
	void continueAll(List<Payment> requested) {
		Parallel.map(requested, this.properties.providerParallelism(), (payment) -> {
			continueRefund(payment);
			return null;
		});
	}

	/**
	 * Works on a requested refund after its request committed: refunds a succeeded
	 * charge, or first settles a pending one.
	 */
	private void continueRefund(Payment payment) {
		if (payment.status() == PaymentStatus.SUCCEEDED) {
			this.refunder.refund(payment, true);
		}
		else if (payment.pending() && Boolean.TRUE.equals(this.transactions
			.execute((status) -> this.payments.takeLease(payment.transactionId(), this.properties.lease())))) {
			this.charges.chargeClaimed(payment);
		}
	}

	/**
	 * Refunds a succeeded charge through the API.
	 * @param transactionId the transaction
	 * @return the refunded payment
	 * @throws PaymentNotFoundException if there is no such payment
	 * @throws NotRefundableException if it is not {@code SUCCEEDED}
	 * @throws ProviderUnavailableException if the provider cannot be reached (the refund
	 * is retried in the background)
	 */
	Payment refund(String transactionId) {
		Payment payment = this.transactions.execute((status) -> {
			Payment found = this.payments.lock(transactionId)
				.orElseThrow(() -> new PaymentNotFoundException(transactionId));
			if (found.status() == PaymentStatus.SUCCEEDED) {
				this.payments.requestRefund(transactionId, false, null, this.properties.lease());
			}
			else if (found.status() != PaymentStatus.REFUNDED) {
				throw new NotRefundableException(transactionId, found.status());
			}
			return found;
		});
		if (payment.status() == PaymentStatus.REFUNDED) {
			return payment;
		}
		return this.refunder.refund(payment, false)
			.filter((refunded) -> refunded.status() == PaymentStatus.REFUNDED)
			.orElseThrow(() -> new ProviderUnavailableException("The refund will be retried in the background."));
	}

}
