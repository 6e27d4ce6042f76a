package dev.shopflow.payment.payment;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles what a crash or a provider outage left open: {@code PENDING} payments (asked
 * again with the same idempotency key, so the provider answers its stored result) and
 * refunds still to do. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * so several instances never work on the same payment at once; failures back off
 * exponentially per payment.
 */
@Component
class PaymentReconciler {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

	private final PaymentRepository payments;

	private final PaymentManagement management;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	PaymentReconciler(PaymentRepository payments, PaymentManagement management, TransactionTemplate transactions,
			PaymentProperties properties) {
		this.payments = payments;
		this.management = management;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${shopflow.payment.reconciler.interval:2s}",
			initialDelayString = "${shopflow.payment.reconciler.interval:2s}")
	void reconcile() {
		List<Payment> claimed = this.transactions.execute((status) -> this.payments
			.claimUnsettled(this.properties.reconciler().batchSize(), this.properties.lease()));
		for (Payment payment : claimed) {
			try {
				this.management.reconcile(payment);
			}
			catch (RuntimeException ex) {
				log.error("Could not reconcile payment {}", payment.transactionId(), ex);
			}
		}
	}

}
