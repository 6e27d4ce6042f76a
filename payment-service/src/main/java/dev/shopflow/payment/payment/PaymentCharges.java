package dev.shopflow.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.defaults.tracing.TraceContexts;
import dev.shopflow.payment.provider.ChargeOutcome;
import dev.shopflow.payment.provider.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges, idempotent by transaction id. A charge is first recorded as {@code PENDING}
 * and committed, then the provider is called with the transaction id as its idempotency
 * key, then the outcome is recorded (with its saga reply, through the outbox, in the same
 * transaction). Whoever calls the provider for a payment holds its lease, so concurrent
 * duplicates wait for the first caller instead of calling again, and a crashed caller's
 * payment is picked up by the {@link PaymentReconciler} once the lease ran out. The
 * provider answers a repeated key with its stored result, so asking again never charges
 * twice. A {@code ChargePayment} that finds the payment held by another caller leaves its
 * answer owed: the next recorded attempt, whoever makes it, answers it.
 */
@Service
public class PaymentCharges {

	private static final Logger log = LoggerFactory.getLogger(PaymentCharges.class);

	private static final Duration POLL = Duration.ofMillis(50);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final SagaReplies replies;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	private final PaymentMeters meters;

	private final Refunder refunder;

	private final ChargeOutcomes outcomes;

	private final TraceContexts traces;

	PaymentCharges(PaymentRepository payments, PaymentProvider provider, SagaReplies replies,
			TransactionTemplate transactions, PaymentProperties properties, PaymentMeters meters, Refunder refunder,
			ChargeOutcomes outcomes, TraceContexts traces) {
		this.traces = traces;
		this.payments = payments;
		this.provider = provider;
		this.replies = replies;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
		this.refunder = refunder;
		this.outcomes = outcomes;
	}

	/**
	 * Decides, inside the caller's transaction, what a charge request needs
	 * ({@link Claim#decide}); a settled payment is answered to the saga at once, a
	 * mismatched saga command is answered {@code PaymentDeclined(TRANSACTION_MISMATCH)}.
	 * @param order the charge request
	 * @return the claim
	 * @throws TransactionMismatchException if an API request reuses a transaction id with
	 * other parameters
	 */
	Claim claim(ChargeOrder order) {
		String transactionId = order.transactionId();
		boolean created = this.payments.insertPending(order, this.properties.lease());
		Payment payment = this.payments.lock(transactionId).orElseThrow();
		if (!created && payment.sameCharge(order) && order.fromSaga()) {
			this.payments.answerSaga(transactionId, order.traceparent());
			payment = this.payments.find(transactionId).orElseThrow();
		}
		Claim.Step step = Claim.decide(created, payment, order,
				() -> this.payments.takeLease(transactionId, this.properties.lease()));
		if (step == Claim.Step.MISMATCH) {
			if (!order.answersSaga()) {
				throw new TransactionMismatchException(transactionId);
			}
			log.warn("ChargePayment of order {} reuses transaction {} with other parameters; declined", order.orderId(),
					transactionId);
			this.meters.count("mismatched");
			this.replies.declined(order.orderId(), order.traceparent(), transactionId,
					PaymentDeclined.TRANSACTION_MISMATCH);
		}
		else if (step == Claim.Step.SETTLED && payment.answersSaga() && order.fromSaga()) {
			this.replies.outcome(payment);
		}
		else if (created) {
			log.debug("Payment {} of order {} recorded as PENDING", transactionId, payment.orderId());
		}
		return new Claim(payment, step, created);
	}

	/**
	 * Charges through the API: waits for a concurrent duplicate's outcome rather than
	 * calling the provider again.
	 * @param order the charge request
	 * @return the payment and whether this call created it
	 * @throws TransactionMismatchException if the transaction id is known with other
	 * parameters
	 * @throws ProviderUnavailableException if the outcome is unknown (the payment stays
	 * {@code PENDING} and is reconciled)
	 */
	ChargeResult charge(ChargeOrder order) {
		Claim claim = this.transactions.execute((status) -> claim(order));
		Payment payment = switch (claim.step()) {
			case SETTLED, MISMATCH -> claim.payment();
			case CHARGE -> unlessPending(chargeClaimed(claim.payment()));
			case IN_FLIGHT -> awaitSettled(claim.payment());
		};
		return new ChargeResult(payment, claim.created());
	}

	/**
	 * Goes on with a poll's saga charges after their claims committed: the provider is
	 * called for all of them concurrently (bounded), and the outcomes are settled in one
	 * transaction.
	 * @param claims the claimed charges ({@link Claim.Step#CHARGE})
	 */
	void chargeAll(List<Claim> claims) {
		List<Charged> outcomes = Parallel.map(claims, this.properties.providerParallelism(), (claim) -> {
			Payment payment = claim.payment();
			if (payment.paymentToken() == null) {
				chargeClaimed(payment);
				return null;
			}
			// after the poll's spans ended: the call joins the order's trace through the
			// context its ChargePayment carried
			return this.traces.within("charge", null, payment.traceparent(), () -> new Charged(payment, this.provider
				.charge(payment.transactionId(), payment.amountMinor(), payment.currency(), payment.paymentToken())));
		});
		settle(outcomes.stream().filter(Objects::nonNull).toList());
	}

	/**
	 * Records the outcomes of a poll's charges in one transaction, or one transaction
	 * each if that fails. An outcome that cannot be recorded stays {@code PENDING} under
	 * its lease and is settled by the reconciler (the provider answers a repeated key
	 * with the stored result).
	 * @param outcomes the claimed charges and the provider's answers
	 */
	void settle(List<Charged> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<Payment> settled = new ArrayList<>(outcomes.size());
		try {
			settled.addAll(this.transactions.execute((status) -> outcomes.stream()
				.map((charged) -> this.outcomes.record(charged.payment(), charged.outcome()))
				.toList()));
		}
		catch (RuntimeException ex) {
			log.debug("Settling {} charges together failed ({}); one at a time", outcomes.size(), ex.getMessage());
			for (Charged charged : outcomes) {
				try {
					settled.add(this.transactions
						.execute((status) -> this.outcomes.record(charged.payment(), charged.outcome())));
				}
				catch (RuntimeException single) {
					log.warn(
							"Could not record the outcome of payment {}; the reconciler settles it after its lease: {}",
							charged.payment().transactionId(), single.getMessage());
				}
			}
		}
		settled.forEach(this::refundIfRequested);
	}

	/**
	 * Calls the provider for a payment whose lease the caller holds and records the
	 * outcome; a refund asked for meanwhile follows.
	 * @param payment the claimed {@code PENDING} payment
	 * @return the payment after the attempt
	 */
	Payment chargeClaimed(Payment payment) {
		if (payment.paymentToken() == null) {
			log.error("PENDING payment {} has no token left; it cannot be charged", payment.transactionId());
			return this.transactions.execute(
					(status) -> this.payments.postpone(payment.transactionId(), this.properties.reconciler(), false));
		}
		ChargeOutcome outcome = this.provider.charge(payment.transactionId(), payment.amountMinor(), payment.currency(),
				payment.paymentToken());
		return refundIfRequested(this.transactions.execute((status) -> this.outcomes.record(payment, outcome)));
	}

	private Payment refundIfRequested(Payment payment) {
		if (payment.status() == PaymentStatus.SUCCEEDED && payment.refundRequested()) {
			return this.refunder.refund(payment, false).orElse(payment);
		}
		return payment;
	}

	private static Payment unlessPending(Payment payment) {
		if (payment.pending()) {
			throw new ProviderUnavailableException(
					"The payment provider is unavailable; the payment stays PENDING and is reconciled.");
		}
		return payment;
	}

	private Payment awaitSettled(Payment inFlight) {
		Instant deadline = Instant.now().plus(this.properties.lease());
		while (Instant.now().isBefore(deadline)) {
			Payment current = this.payments.find(inFlight.transactionId()).orElseThrow();
			if (!current.pending()) {
				return current;
			}
			if (current.attempts() > inFlight.attempts()) {
				break;
			}
			pause();
		}
		throw new ProviderUnavailableException(
				"The payment provider is unavailable; the payment stays PENDING and is reconciled.");
	}

	private static void pause() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException("Interrupted while waiting for the provider's answer.");
		}
	}

	/**
	 * A claimed charge and the provider's answer.
	 *
	 * @param payment the payment as claimed
	 * @param outcome the provider's answer
	 */
	record Charged(Payment payment, ChargeOutcome outcome) {
	}

	/**
	 * The answer to an API charge.
	 *
	 * @param payment the payment
	 * @param created whether this call created it
	 */
	record ChargeResult(Payment payment, boolean created) {
	}

}
