package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentReply;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReserved;

/**
 * An order and its saga. Each reply, deadline and cancel is a method that checks it fits
 * the current state (a reply that does not fit is ignored, or compensated if it reports
 * something the order must give back), changes the state, and registers what follows in
 * {@link OrderChanges}: the saga's commands through {@link SagaProgress}, the order's
 * events through {@link OrderEvents}.
 */
public final class Order {

	private final OrderHead head;

	private List<OrderLine> lines;

	private OrderStatus status;

	private FailureReason failureReason;

	private Long totalMinor;

	private String currency;

	private Instant updatedAt;

	private final OrderChanges changes = new OrderChanges();

	private final SagaProgress saga;

	private final OrderEvents events;

	Order(OrderHead head, List<OrderLine> lines, OrderState state) {
		this.head = head;
		this.lines = List.copyOf(lines);
		this.status = state.status();
		this.failureReason = state.failureReason();
		this.totalMinor = state.totalMinor();
		this.currency = state.currency();
		this.updatedAt = state.updatedAt();
		this.saga = new SagaProgress(head, this.changes, state.saga());
		this.events = new OrderEvents(head, this.changes);
	}

	/** Places an order and starts its saga by asking for the stock. */
	static Order place(OrderId id, String customerId, List<OrderLine> lines, String paymentToken, String currency,
			Instant now, Duration sagaDeadline, String traceparent) {
		OrderHead head = new OrderHead(id, customerId, now, traceparent, now.plus(sagaDeadline));
		Order order = new Order(head, lines, OrderState.pending(currency, now, SagaState.started(paymentToken)));
		order.note(TimelineStep.ORDER_PLACED, lines.size() + " line(s)");
		order.saga.reserveStock(lines);
		order.changes.markStateChanged();
		return order;
	}

	/**
	 * The stock is reserved: price the order and charge it, unless the deadline passed (a
	 * charge started then could outlive the order). A reservation that arrives after the
	 * order ended is given back.
	 */
	public void onStockReserved(StockReserved reply, Instant now) {
		if (isPendingAt(SagaStep.RESERVING_STOCK)) {
			this.saga.reserved();
			this.lines = OrderLine.priced(this.lines, reply.lines());
			this.totalMinor = OrderLine.total(this.lines);
			this.currency = reply.currency();
			this.changes.markLinesPriced();
			note(TimelineStep.STOCK_RESERVED, "total " + this.totalMinor + " " + this.currency);
			if (now.isBefore(this.head.deadline())) {
				this.saga.charge(TimelineStep.PAYMENT_REQUESTED, this.totalMinor, this.currency);
				touch(now);
			}
			else {
				timeOut(now);
			}
		}
		else if (this.status.isFinal() && this.saga.releaseLateReservation()) {
			touch(now);
		}
	}

	/** No stock was reserved: the order is rejected. */
	public void onStockRejected(StockRejected reply, Instant now) {
		if (isPendingAt(SagaStep.RESERVING_STOCK)) {
			note(TimelineStep.STOCK_REJECTED, reply.reason() + ((reply.sku() != null) ? " " + reply.sku() : ""));
			reject(FailureReason.ofStockRejection(reply.reason()), now);
		}
	}

	/**
	 * The charge went through: the order is confirmed and a {@code CommitStock} sells its
	 * stock. A charge that arrives after the order ended is refunded.
	 */
	public void onPaymentSucceeded(PaymentSucceeded reply, Instant now) {
		if (!this.saga.isOurs(reply)) {
			return;
		}
		if (isPendingAt(SagaStep.CHARGING_PAYMENT)) {
			this.saga.charged();
			note(TimelineStep.PAYMENT_SUCCEEDED, "provider reference " + reply.providerReference());
			this.saga.commitStock();
			confirm(now);
		}
		else if (this.status.isFinal() && this.saga.refundLateCharge()) {
			touch(now);
		}
	}

	/**
	 * Whether a payment reply charged exactly this order's total, in its currency; one
	 * that did not is only put on the timeline, and must not be applied.
	 */
	public boolean acceptsCharge(PaymentSucceeded reply) {
		if (this.totalMinor != null && this.totalMinor == reply.amountMinor()
				&& Objects.equals(this.currency, reply.currency())) {
			return true;
		}
		note(TimelineStep.PAYMENT_REPLY_REFUSED, "charged " + reply.amountMinor() + " " + reply.currency() + ", total "
				+ this.totalMinor + " " + this.currency + "; not applied");
		return false;
	}

	/** The charge was declined: give the stock back and reject the order. */
	public void onPaymentDeclined(PaymentDeclined reply, Instant now) {
		if (this.saga.isOurs(reply) && isPendingAt(SagaStep.CHARGING_PAYMENT)) {
			note(TimelineStep.PAYMENT_DECLINED, reply.declineCode());
			this.saga.releaseStock();
			reject(FailureReason.PAYMENT_DECLINED, now);
		}
	}

	/** The provider is unreachable: ask again after a back-off, until the deadline. */
	public void onPaymentUnavailable(PaymentUnavailable reply, Instant now, Duration backoff) {
		// a retry already scheduled means this is a second report of the same attempt
		if (this.saga.isOurs(reply) && isPendingAt(SagaStep.CHARGING_PAYMENT) && this.saga.retryAfter(backoff, now)) {
			note(TimelineStep.PAYMENT_UNAVAILABLE,
					((reply.detail() != null) ? reply.detail() + "; " : "") + "retry in " + backoff.toMillis() + " ms");
			touch(now);
		}
	}

	/** Re-sends a charge whose provider was unavailable, with the same transaction id. */
	public void retryCharge(Instant now) {
		if (this.status == OrderStatus.PENDING && this.saga.retryDue(now)) {
			this.saga.charge(TimelineStep.PAYMENT_RETRY_REQUESTED, this.totalMinor, this.currency);
			touch(now);
		}
	}

	/** The stock is sold: recorded once; confirms a saga an old version left waiting. */
	public void onStockCommitted(StockCommitted reply, Instant now) {
		if (this.saga.step() == SagaStep.COMMITTING_STOCK) {
			note(TimelineStep.STOCK_COMMITTED, null);
			if (this.status == OrderStatus.PENDING) {
				confirm(now);
			}
			this.saga.finish();
			touch(now);
		}
	}

	/** Records a compensation's acknowledgement, if it is about this order's saga. */
	public void onCompensated(Message reply, TimelineStep step, String detail) {
		if (!(reply instanceof PaymentReply payment) || this.saga.isOurs(payment)) {
			note(step, detail);
		}
	}

	/** The deadline passed: give back whatever the saga may hold, reject the order. */
	public void timeOut(Instant now) {
		if (this.status == OrderStatus.PENDING && !now.isBefore(this.head.deadline())) {
			note(TimelineStep.SAGA_DEADLINE_PASSED, "while " + this.saga.step());
			FailureReason reason = this.saga.timeoutReason();
			this.saga.compensate();
			reject(reason, now);
		}
	}

	/**
	 * Cancels the order: a pending one gives back what its saga did so far, a confirmed
	 * one is refunded and its stock released.
	 * @throws OrderNotCancellableException if the order is already rejected or cancelled
	 */
	public void cancel(Instant now) {
		if (this.status.isFinal()) {
			throw new OrderNotCancellableException(this.head.id(), this.status);
		}
		boolean pending = this.status == OrderStatus.PENDING;
		note(TimelineStep.CANCEL_REQUESTED, pending ? "while " + this.saga.step() : "confirmed");
		this.saga.compensate();
		this.status = OrderStatus.CANCELLED;
		this.saga.cancel();
		this.changes.markSagaEnded(pending);
		touch(now);
		this.events.cancelled(this.saga.hasCharged());
	}

	// the saga's outcome is decided; only the stock commit is still to be acknowledged
	private void confirm(Instant now) {
		this.status = OrderStatus.CONFIRMED;
		finishSaga(now);
		this.saga.awaitStockCommit();
		this.events.confirmed(this.totalMinor, this.currency);
	}

	private void reject(FailureReason reason, Instant now) {
		this.status = OrderStatus.REJECTED;
		this.failureReason = reason;
		finishSaga(now);
		this.events.rejected(reason);
	}

	private void finishSaga(Instant now) {
		this.changes.markSagaEnded(true);
		this.saga.finish();
		touch(now);
	}

	private boolean isPendingAt(SagaStep expected) {
		return this.status == OrderStatus.PENDING && this.saga.step() == expected;
	}

	private void touch(Instant now) {
		this.updatedAt = now;
		this.changes.markStateChanged();
	}

	private void note(TimelineStep step, String detail) {
		this.changes.note(step, detail);
	}

	public OrderId id() {
		return this.head.id();
	}

	public OrderStatus status() {
		return this.status;
	}

	public FailureReason failureReason() {
		return this.failureReason;
	}

	public List<OrderLine> lines() {
		return this.lines;
	}

	public Long totalMinor() {
		return this.totalMinor;
	}

	public String currency() {
		return this.currency;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Instant deadline() {
		return this.head.deadline();
	}

	public int chargeAttempts() {
		return this.saga.chargeAttempts();
	}

	/** What the order was placed with. */
	OrderHead head() {
		return this.head;
	}

	OrderState state() {
		return new OrderState(this.status, this.failureReason, this.totalMinor, this.currency, this.updatedAt,
				this.saga.state());
	}

	/** What the transitions produced since the order was last stored. */
	public OrderChanges changes() {
		return this.changes;
	}

}
