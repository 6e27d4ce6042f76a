package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.PaymentReply;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockLine;

/**
 * Where an order's saga stands, and the commands it sends to inventory and payment, each
 * with its timeline step. {@link Order} decides which step comes next; this class keeps
 * the bookkeeping of each step.
 */
final class SagaProgress {

	private final OrderHead head;

	private final OrderId id;

	private final OrderChanges changes;

	private SagaStep step;

	private String paymentToken;

	private int chargeAttempts;

	private Instant nextChargeAt;

	private boolean stockReserved;

	private boolean charged;

	private boolean paymentUnavailable;

	SagaProgress(OrderHead head, OrderChanges changes, SagaState state) {
		this.head = head;
		this.id = head.id();
		this.changes = changes;
		this.step = state.step();
		this.paymentToken = state.paymentToken();
		this.chargeAttempts = state.chargeAttempts();
		this.nextChargeAt = state.nextChargeAt();
		this.stockReserved = state.stockReserved();
		this.charged = state.charged();
		this.paymentUnavailable = state.paymentUnavailable();
	}

	void reserveStock(List<OrderLine> lines) {
		this.changes.send(ReserveStock.of(this.id.value(), this.head.traceparent(),
				lines.stream().map((line) -> new StockLine(line.sku(), line.quantity())).toList()));
		this.changes.note(TimelineStep.STOCK_RESERVATION_REQUESTED, null);
	}

	void charge(TimelineStep noted, long totalMinor, String currency) {
		this.step = SagaStep.CHARGING_PAYMENT;
		this.chargeAttempts++;
		this.nextChargeAt = null;
		this.changes.send(ChargePayment.of(this.id.value(), this.head.traceparent(), this.id.transactionId(),
				this.head.customerId(), totalMinor, currency, this.paymentToken));
		this.changes.note(noted, "transaction " + this.id.transactionId() + ", attempt " + this.chargeAttempts);
	}

	/**
	 * Schedules the charge again, unless a retry is already scheduled for this attempt.
	 */
	boolean retryAfter(Duration backoff, Instant now) {
		if (this.nextChargeAt != null) {
			return false;
		}
		this.paymentUnavailable = true;
		this.nextChargeAt = now.plus(backoff);
		return true;
	}

	boolean retryDue(Instant now) {
		return this.step == SagaStep.CHARGING_PAYMENT && this.nextChargeAt != null && !now.isBefore(this.nextChargeAt)
				&& this.paymentToken != null;
	}

	void commitStock() {
		this.changes.send(CommitStock.of(this.id.value(), this.head.traceparent()));
		this.changes.note(TimelineStep.STOCK_COMMIT_REQUESTED, null);
	}

	/** Gives back what the saga may hold: its stock, and its charge once one was sent. */
	void compensate() {
		releaseStock();
		// once a charge was sent its outcome may be unknown: refund if it was charged
		if (this.step != SagaStep.RESERVING_STOCK || this.charged) {
			refund();
		}
	}

	void releaseStock() {
		this.changes.send(ReleaseStock.of(this.id.value(), this.head.traceparent()));
		this.changes.note(TimelineStep.STOCK_RELEASE_REQUESTED, null);
	}

	void refund() {
		this.changes.send(RefundPayment.of(this.id.value(), this.head.traceparent(), this.id.transactionId()));
		this.changes.note(TimelineStep.REFUND_REQUESTED, "transaction " + this.id.transactionId());
	}

	/** Ends the saga: nothing is due any more, and the card token is forgotten. */
	void finish() {
		this.step = SagaStep.FINISHED;
		this.paymentToken = null;
		this.nextChargeAt = null;
	}

	/** Waits for the stock commit's acknowledgement (the order's outcome is decided). */
	void awaitStockCommit() {
		this.step = SagaStep.COMMITTING_STOCK;
	}

	/**
	 * Ends a cancelled saga; one whose stock commit is not yet acknowledged still waits
	 * to record it.
	 */
	void cancel() {
		SagaStep was = this.step;
		finish();
		if (was == SagaStep.COMMITTING_STOCK) {
			this.step = was;
		}
	}

	void reserved() {
		this.stockReserved = true;
	}

	void charged() {
		this.charged = true;
	}

	/** Gives back a reservation that arrived after the order ended, once. */
	boolean releaseLateReservation() {
		if (this.stockReserved) {
			return false;
		}
		this.stockReserved = true;
		this.changes.note(TimelineStep.LATE_STOCK_RESERVED, "arrived after the order ended; releasing it");
		releaseStock();
		return true;
	}

	/** Refunds a charge that arrived after the order ended, once. */
	boolean refundLateCharge() {
		if (this.charged) {
			return false;
		}
		this.charged = true;
		this.changes.note(TimelineStep.LATE_PAYMENT_SUCCEEDED, "arrived after the order ended; refunding it");
		refund();
		return true;
	}

	boolean hasCharged() {
		return this.charged;
	}

	FailureReason timeoutReason() {
		return (this.step == SagaStep.CHARGING_PAYMENT && this.paymentUnavailable) ? FailureReason.PAYMENT_UNAVAILABLE
				: FailureReason.TIMEOUT;
	}

	boolean isOurs(PaymentReply reply) {
		return this.id.transactionId().equals(reply.transactionId());
	}

	SagaStep step() {
		return this.step;
	}

	int chargeAttempts() {
		return this.chargeAttempts;
	}

	SagaState state() {
		return new SagaState(this.step, this.paymentToken, this.chargeAttempts, this.nextChargeAt, this.stockReserved,
				this.charged, this.paymentUnavailable);
	}

}
