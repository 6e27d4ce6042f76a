package dev.shopflow.payment.payment;

import java.util.Optional;

import dev.shopflow.defaults.background.BackgroundTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles what a crash or a provider outage left open: {@code PENDING} payments (asked
 * again with the same idempotency key, so the provider answers its stored result) and
 * refunds still to do. Rows are claimed one at a time with {@code FOR UPDATE SKIP LOCKED}
 * and a lease covering one provider call, so several instances never work on the same
 * payment at once; failures back off exponentially per payment. A {@link BackgroundTask}
 * with {@code reconciler.interval} between rounds.
 */
@Component
class PaymentReconciler extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

	private final PaymentRepository payments;

	private final PaymentCharges charges;

	private final Refunder refunder;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	PaymentReconciler(PaymentRepository payments, PaymentCharges charges, Refunder refunder,
			TransactionTemplate transactions, PaymentProperties properties, MeterRegistry meters) {
		super("payment-reconciler", properties.reconciler().interval(), properties.reconciler().interval(), meters);
		this.payments = payments;
		this.charges = charges;
		this.refunder = refunder;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Override
	protected boolean runOnce() {
		reconcile();
		return false;
	}

	void reconcile() {
		// one payment per claim: a lease covers one provider call, never a queue of them
		for (int i = 0; i < this.properties.reconciler().batchSize(); i++) {
			Optional<Payment> claimed = this.transactions
				.execute((status) -> this.payments.claimNextUnsettled(this.properties.lease()));
			if (claimed.isEmpty()) {
				return;
			}
			reconcile(claimed.get());
		}
	}

	/**
	 * Settles a claimed payment: asks the provider again for a pending charge (same key:
	 * the stored result, never a second charge), does a requested refund.
	 */
	void reconcile(Payment payment) {
		try {
			if (payment.pending()) {
				log.info("Reconciling PENDING payment {} (attempt {})", payment.transactionId(),
						payment.attempts() + 1);
				this.charges.chargeClaimed(payment);
			}
			else if (payment.refundRequested()) {
				this.refunder.refund(payment, false);
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not reconcile payment {}", payment.transactionId(), ex);
		}
	}

}
