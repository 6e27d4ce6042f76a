package dev.shopflow.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.payment.provider.ChargeOutcome;
import dev.shopflow.payment.provider.PaymentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges and refunds, idempotent by transaction id. A charge is first recorded as
 * {@code PENDING} and committed, then the provider is called with the transaction id as
 * its idempotency key, then the outcome is recorded (with its saga reply, through the
 * outbox, in the same transaction). Whoever calls the provider for a payment holds its
 * lease, so concurrent duplicates wait for the first caller instead of calling again, and
 * a crashed caller's payment is picked up by the {@link PaymentReconciler} once the lease
 * ran out. The provider answers a repeated key with its stored result, so asking again
 * never charges twice.
 */
@Service
public class PaymentManagement {

	private static final Logger log = LoggerFactory.getLogger(PaymentManagement.class);

	private static final Duration POLL = Duration.ofMillis(50);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final SagaReplies replies;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	private final MeterRegistry meters;

	PaymentManagement(PaymentRepository payments, PaymentProvider provider, SagaReplies replies,
			TransactionTemplate transactions, PaymentProperties properties, MeterRegistry meters) {
		this.payments = payments;
		this.provider = provider;
		this.replies = replies;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Decides, inside the caller's transaction, what a charge request needs: a new
	 * payment or a {@code PENDING} one whose lease is free is for the caller to charge; a
	 * settled one is answered as recorded (to the saga too, if it asked); one that
	 * another caller is charging right now is left to that caller.
	 * @param order the charge request
	 * @return the decision
	 * @throws TransactionMismatchException if the transaction id is known with other
	 * parameters
	 */
	Claim claim(ChargeOrder order) {
		boolean created = this.payments.insertPending(order, this.properties.lease());
		if (!created && order.fromSaga()) {
			this.payments.answerSaga(order.transactionId(), order.traceparent());
		}
		Payment payment = this.payments.lock(order.transactionId()).orElseThrow();
		if (created) {
			log.debug("Payment {} of order {} recorded as PENDING", payment.transactionId(), payment.orderId());
			return new Claim(payment, Claim.Step.CHARGE, true);
		}
		if (!payment.sameCharge(order)) {
			throw new TransactionMismatchException(order.transactionId());
		}
		if (!payment.pending()) {
			if (order.fromSaga() && payment.answersSaga()) {
				this.replies.outcome(payment);
			}
			return new Claim(payment, Claim.Step.SETTLED, false);
		}
		boolean leased = this.payments.takeLease(order.transactionId(), this.properties.lease());
		return new Claim(payment, leased ? Claim.Step.CHARGE : Claim.Step.IN_FLIGHT, false);
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
			case SETTLED -> claim.payment();
			case CHARGE -> chargeAtProvider(claim.payment(), false);
			case IN_FLIGHT -> awaitSettled(claim.payment());
		};
		return new ChargeResult(payment, claim.created());
	}

	/**
	 * Goes on with a poll's saga charges and refunds after their claims committed: the
	 * provider is called for all of them concurrently (bounded), and the charges'
	 * outcomes are settled in one transaction. A payment whose outcome cannot be recorded
	 * stays {@code PENDING} under its lease and is settled by the reconciler (the
	 * provider answers a repeated key with the stored result).
	 * @param charges the claimed charges ({@link Claim.Step#CHARGE})
	 * @param refunds the payments whose refund must be worked on
	 */
	void continueAll(List<Claim> charges, List<Payment> refunds) {
		int parallelism = this.properties.providerParallelism();
		List<Charged> outcomes = Parallel.map(charges, parallelism, (claim) -> {
			Payment payment = claim.payment();
			if (payment.paymentToken() == null) {
				tryCharge(payment, true);
				return null;
			}
			return new Charged(payment, this.provider.charge(payment.transactionId(), payment.amountMinor(),
					payment.currency(), payment.paymentToken()));
		});
		settle(outcomes.stream().filter(java.util.Objects::nonNull).toList());
		// one refund per payment; a command repeated in the poll is answered once it is
		// done
		java.util.Map<String, List<Payment>> byTransaction = new java.util.LinkedHashMap<>();
		refunds.forEach((payment) -> byTransaction.computeIfAbsent(payment.transactionId(), (key) -> new ArrayList<>())
			.add(payment));
		Parallel.map(List.copyOf(byTransaction.values()), parallelism, (same) -> {
			continueRefund(same.get(0));
			for (int i = 1; i < same.size(); i++) {
				this.transactions.executeWithoutResult((status) -> this.payments.find(same.get(0).transactionId())
					.filter((payment) -> payment.status() == PaymentStatus.REFUNDED)
					.ifPresent(this.replies::refunded));
			}
			return null;
		});
	}

	private void settle(List<Charged> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<Payment> settled = new ArrayList<>(outcomes.size());
		try {
			settled.addAll(this.transactions.execute((status) -> outcomes.stream()
				.map((charged) -> record(charged.payment(), charged.outcome(), true))
				.toList()));
		}
		catch (RuntimeException ex) {
			log.debug("Settling {} charges together failed ({}); one at a time", outcomes.size(), ex.getMessage());
			for (Charged charged : outcomes) {
				try {
					settled
						.add(this.transactions.execute((status) -> record(charged.payment(), charged.outcome(), true)));
				}
				catch (RuntimeException single) {
					log.warn(
							"Could not record the outcome of payment {}; the reconciler settles it after its lease: {}",
							charged.payment().transactionId(), single.getMessage());
				}
			}
		}
		for (Payment after : settled) {
			if (after.status() == PaymentStatus.SUCCEEDED && after.refundRequested()) {
				refundAtProvider(after);
			}
		}
	}

	/**
	 * Records, inside the caller's transaction, that the saga wants a charge refunded,
	 * and answers at once when there is nothing to do.
	 * @param command the saga's command
	 * @return the payment whose refund (or pending charge) must now be worked on, if any
	 */
	Optional<Payment> requestRefund(RefundPayment command) {
		Optional<Payment> found = this.payments.lock(command.transactionId());
		if (found.isEmpty() || found.get().status() == PaymentStatus.DECLINED) {
			log.debug("Nothing to refund for transaction {}", command.transactionId());
			this.replies.notCharged(command.orderId(), command.traceparent(), command.transactionId());
			return Optional.empty();
		}
		Payment payment = found.get();
		if (payment.status() == PaymentStatus.REFUNDED) {
			this.replies.refunded(payment);
			return Optional.empty();
		}
		this.payments.requestRefund(payment.transactionId(), true, command.traceparent());
		return this.payments.find(payment.transactionId());
	}

	/**
	 * Works on a requested refund after its request committed: refunds a succeeded
	 * charge, or first settles a pending one. If the provider cannot be reached the
	 * request stays and the reconciler completes it.
	 * @param payment the payment
	 */
	void continueRefund(Payment payment) {
		if (payment.status() == PaymentStatus.SUCCEEDED) {
			refundAtProvider(payment);
		}
		else if (payment.pending() && Boolean.TRUE.equals(this.transactions
			.execute((status) -> this.payments.takeLease(payment.transactionId(), this.properties.lease())))) {
			tryCharge(payment, false);
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
				this.payments.requestRefund(transactionId, false, null);
			}
			else if (found.status() != PaymentStatus.REFUNDED) {
				throw new NotRefundableException(transactionId, found.status());
			}
			return found;
		});
		if (payment.status() == PaymentStatus.REFUNDED) {
			return payment;
		}
		return refundAtProvider(payment).filter((refunded) -> refunded.status() == PaymentStatus.REFUNDED)
			.orElseThrow(() -> new ProviderUnavailableException("The refund will be retried in the background."));
	}

	/**
	 * Settles a payment the reconciler claimed: asks the provider again for a pending
	 * charge (same key: the stored result, never a second charge), does a requested
	 * refund.
	 * @param payment the claimed payment
	 */
	void reconcile(Payment payment) {
		if (payment.pending()) {
			log.info("Reconciling PENDING payment {} (attempt {})", payment.transactionId(), payment.attempts() + 1);
			tryCharge(payment, false);
		}
		else if (payment.refundRequested()) {
			refundAtProvider(payment);
		}
	}

	private Payment chargeAtProvider(Payment payment, boolean answerUnavailable) {
		Payment after = tryCharge(payment, answerUnavailable);
		if (after.pending()) {
			throw new ProviderUnavailableException(
					"The payment provider is unavailable; the payment stays PENDING and is reconciled.");
		}
		return after;
	}

	private Payment tryCharge(Payment payment, boolean answerUnavailable) {
		if (payment.paymentToken() == null) {
			log.error("PENDING payment {} has no token left; it cannot be charged", payment.transactionId());
			return this.transactions.execute((status) -> postpone(payment));
		}
		ChargeOutcome outcome = this.provider.charge(payment.transactionId(), payment.amountMinor(), payment.currency(),
				payment.paymentToken());
		Payment after = this.transactions.execute((status) -> record(payment, outcome, answerUnavailable));
		if (after.status() == PaymentStatus.SUCCEEDED && after.refundRequested()) {
			return refundAtProvider(after).orElse(after);
		}
		return after;
	}

	private Payment record(Payment payment, ChargeOutcome outcome, boolean answerUnavailable) {
		String transactionId = payment.transactionId();
		Optional<Payment> settled = switch (outcome) {
			case ChargeOutcome.Charged charged ->
				this.payments.settle(transactionId, PaymentStatus.SUCCEEDED, charged.chargeId(), null);
			case ChargeOutcome.Declined declined -> this.payments.settle(transactionId, PaymentStatus.DECLINED,
					declined.chargeId(), declined.declineCode());
			case ChargeOutcome.Unavailable unavailable -> {
				Payment postponed = postpone(payment);
				if (answerUnavailable && postponed.answersSaga()) {
					this.replies.unavailable(postponed, unavailable.reason());
				}
				count("unavailable");
				yield Optional.empty();
			}
		};
		settled.ifPresent(this::announce);
		return settled.or(() -> this.payments.find(transactionId)).orElseThrow();
	}

	private void announce(Payment settled) {
		log.debug("Payment {} {}", settled.transactionId(), settled.status());
		count(settled.status().name().toLowerCase());
		if (settled.answersSaga()) {
			this.replies.outcome(settled);
		}
		if (settled.status() == PaymentStatus.DECLINED && settled.refundRequested()) {
			this.payments.dropRefundRequest(settled.transactionId());
			if (settled.refundReply()) {
				this.replies.notCharged(settled.orderId(), settled.traceparent(), settled.transactionId());
			}
		}
	}

	private Optional<Payment> refundAtProvider(Payment payment) {
		boolean refunded = this.provider.refund(payment.transactionId(), payment.providerReference());
		return this.transactions.execute((status) -> {
			if (!refunded) {
				postpone(payment);
				return Optional.<Payment>empty();
			}
			Optional<Payment> marked = this.payments.markRefunded(payment.transactionId());
			marked.ifPresent((done) -> {
				log.debug("Payment {} REFUNDED", done.transactionId());
				count("refunded");
				if (done.refundReply() && done.orderId() != null) {
					this.replies.refunded(done);
				}
			});
			return marked.or(() -> this.payments.find(payment.transactionId()));
		});
	}

	private Payment postpone(Payment payment) {
		PaymentProperties.Reconciler reconciler = this.properties.reconciler();
		return this.payments.postpone(payment.transactionId(), reconciler.backoff(), reconciler.maxBackoff());
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

	private void count(String outcome) {
		this.meters.counter("shopflow.payments", "outcome", outcome).increment();
	}

	/**
	 * What a charge request needs.
	 *
	 * @param payment the payment as claimed
	 * @param step what to do next
	 * @param created whether the request created the payment
	 */
	record Claim(Payment payment, Step step, boolean created) {

		enum Step {

			/** The caller holds the lease and calls the provider. */
			CHARGE,

			/** Another caller is calling the provider right now. */
			IN_FLIGHT,

			/** The outcome is recorded. */
			SETTLED

		}

	}

	/**
	 * A claimed charge and the provider's answer.
	 *
	 * @param payment the payment as claimed
	 * @param outcome the provider's answer
	 */
	private record Charged(Payment payment, ChargeOutcome outcome) {
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
