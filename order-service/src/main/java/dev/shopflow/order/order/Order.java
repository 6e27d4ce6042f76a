package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.OrderCancelled;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentReply;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReserved;

/**
 * An order and the state of the saga that coordinates it. Each reply, deadline and cancel
 * is a method that checks it fits the current state (a reply that does not fit is
 * ignored, or compensated if it reports something the order must give back), changes the
 * state, and collects the messages to send and the timeline steps to record; the
 * {@link OrderRepository} stores all of it in the caller's transaction.
 */
public final class Order {

	private final OrderId id;

	private final String customerId;

	private final Instant createdAt;

	private final String traceparent;

	private final Instant deadline;

	private List<OrderLine> lines;

	private OrderStatus status;

	private FailureReason failureReason;

	private Long totalMinor;

	private String currency;

	private Instant updatedAt;

	private SagaStep step;

	private String paymentToken;

	private int chargeAttempts;

	private Instant nextChargeAt;

	private boolean stockReserved;

	private boolean charged;

	private boolean paymentUnavailable;

	private final OrderChanges changes = new OrderChanges();

	Order(OrderId id, String customerId, Instant createdAt, String traceparent, Instant deadline, List<OrderLine> lines,
			OrderState state) {
		this.id = id;
		this.customerId = customerId;
		this.createdAt = createdAt;
		this.traceparent = traceparent;
		this.deadline = deadline;
		this.lines = List.copyOf(lines);
		this.status = state.status();
		this.failureReason = state.failureReason();
		this.totalMinor = state.totalMinor();
		this.currency = state.currency();
		this.updatedAt = state.updatedAt();
		this.step = state.step();
		this.paymentToken = state.paymentToken();
		this.chargeAttempts = state.chargeAttempts();
		this.nextChargeAt = state.nextChargeAt();
		this.stockReserved = state.stockReserved();
		this.charged = state.charged();
		this.paymentUnavailable = state.paymentUnavailable();
	}

	/**
	 * Places an order and starts its saga by asking for the stock.
	 */
	static Order place(OrderId id, String customerId, List<OrderLine> lines, String paymentToken, String currency,
			Instant now, Duration sagaDeadline, String traceparent) {
		OrderState state = new OrderState(OrderStatus.PENDING, null, null, currency, now, SagaStep.RESERVING_STOCK,
				paymentToken, 0, null, false, false, false);
		Order order = new Order(id, customerId, now, traceparent, now.plus(sagaDeadline), lines, state);
		order.note(TimelineStep.ORDER_PLACED, lines.size() + " line(s)");
		order.send(ReserveStock.of(id.value(), traceparent,
				lines.stream().map((line) -> new StockLine(line.sku(), line.quantity())).toList()));
		order.note(TimelineStep.STOCK_RESERVATION_REQUESTED, null);
		order.changes.stateChanged();
		return order;
	}

	/**
	 * The stock is reserved: price the order from the reservation and charge it. A
	 * reservation that arrives after the order ended is given back; one that arrives
	 * after the deadline, before a sweep timed the order out, times it out: a charge
	 * started then could outlive the order.
	 */
	public void onStockReserved(StockReserved reply, Instant now) {
		if (isPendingAt(SagaStep.RESERVING_STOCK)) {
			this.stockReserved = true;
			price(reply.lines(), reply.currency());
			note(TimelineStep.STOCK_RESERVED, "total " + this.totalMinor + " " + this.currency);
			if (now.isBefore(this.deadline)) {
				requestCharge(TimelineStep.PAYMENT_REQUESTED, now);
			}
			else {
				timeOut(now);
			}
		}
		else if (this.status.isFinal() && !this.stockReserved) {
			this.stockReserved = true;
			note(TimelineStep.LATE_STOCK_RESERVED, "arrived after the order ended; releasing it");
			releaseStock();
			touch(now);
		}
	}

	/**
	 * No stock was reserved: the order is rejected.
	 */
	public void onStockRejected(StockRejected reply, Instant now) {
		if (isPendingAt(SagaStep.RESERVING_STOCK)) {
			note(TimelineStep.STOCK_REJECTED, reply.reason() + ((reply.sku() != null) ? " " + reply.sku() : ""));
			reject(FailureReason.ofStockRejection(reply.reason()), now);
		}
	}

	/**
	 * The charge went through: the order is confirmed, and its reserved stock is sold by
	 * a {@code CommitStock} that follows (its reply only goes on the timeline). A charge
	 * that arrives after the order ended is refunded.
	 */
	public void onPaymentSucceeded(PaymentSucceeded reply, Instant now) {
		if (!isOurs(reply)) {
			return;
		}
		if (isPendingAt(SagaStep.CHARGING_PAYMENT)) {
			this.charged = true;
			note(TimelineStep.PAYMENT_SUCCEEDED, "provider reference " + reply.providerReference());
			send(CommitStock.of(this.id.value(), this.traceparent));
			note(TimelineStep.STOCK_COMMIT_REQUESTED, null);
			confirm(now);
		}
		else if (this.status.isFinal() && !this.charged) {
			this.charged = true;
			note(TimelineStep.LATE_PAYMENT_SUCCEEDED, "arrived after the order ended; refunding it");
			refund();
			touch(now);
		}
	}

	/**
	 * Whether a payment reply charged exactly this order's total, in its currency; only
	 * such a reply may be applied.
	 */
	public boolean chargedTheTotal(PaymentSucceeded reply) {
		return this.totalMinor != null && this.totalMinor == reply.amountMinor()
				&& Objects.equals(this.currency, reply.currency());
	}

	/**
	 * A payment reply that did not charge the total is put on the timeline and otherwise
	 * ignored: neither the order nor its saga move on it.
	 */
	public void refusePaymentReply(PaymentSucceeded reply) {
		note(TimelineStep.PAYMENT_REPLY_REFUSED, "charged " + reply.amountMinor() + " " + reply.currency() + ", total "
				+ this.totalMinor + " " + this.currency + "; not applied");
	}

	/**
	 * The charge was declined: give the stock back and reject the order.
	 */
	public void onPaymentDeclined(PaymentDeclined reply, Instant now) {
		if (isOurs(reply) && isPendingAt(SagaStep.CHARGING_PAYMENT)) {
			note(TimelineStep.PAYMENT_DECLINED, reply.declineCode());
			releaseStock();
			reject(FailureReason.PAYMENT_DECLINED, now);
		}
	}

	/**
	 * The provider could not be reached: ask again after a back-off (until the deadline).
	 */
	public void onPaymentUnavailable(PaymentUnavailable reply, Instant now, Duration backoff) {
		// a retry already scheduled means this is a second report of the same attempt
		if (isOurs(reply) && isPendingAt(SagaStep.CHARGING_PAYMENT) && this.nextChargeAt == null) {
			this.paymentUnavailable = true;
			this.nextChargeAt = now.plus(backoff);
			note(TimelineStep.PAYMENT_UNAVAILABLE,
					((reply.detail() != null) ? reply.detail() + "; " : "") + "retry in " + backoff.toMillis() + " ms");
			touch(now);
		}
	}

	/**
	 * The stock is sold: recorded on the timeline once (a redelivered {@code CommitStock}
	 * is answered again). A saga that an earlier version left waiting for this reply is
	 * confirmed by it.
	 */
	public void onStockCommitted(StockCommitted reply, Instant now) {
		if (this.step != SagaStep.COMMITTING_STOCK) {
			return;
		}
		note(TimelineStep.STOCK_COMMITTED, null);
		if (this.status == OrderStatus.PENDING) {
			confirm(now);
		}
		this.step = SagaStep.FINISHED;
		touch(now);
	}

	// the saga's outcome is decided; only the stock commit is still to be acknowledged
	private void confirm(Instant now) {
		this.status = OrderStatus.CONFIRMED;
		finishSaga(now);
		this.step = SagaStep.COMMITTING_STOCK;
		send(OrderConfirmed.of(this.id.value(), this.traceparent, this.customerId, this.totalMinor, this.currency));
		note(TimelineStep.ORDER_CONFIRMED, "total " + this.totalMinor + " " + this.currency);
	}

	/**
	 * Records a compensation's acknowledgement on the timeline.
	 */
	public void onCompensated(TimelineStep step, String detail) {
		note(step, detail);
	}

	/**
	 * Records a payment compensation's acknowledgement, if it is about this order's
	 * transaction.
	 */
	public void onPaymentCompensated(PaymentReply reply, TimelineStep step, String detail) {
		if (isOurs(reply)) {
			note(step, detail);
		}
	}

	/**
	 * Re-sends the charge whose provider was unavailable, with the same transaction id.
	 */
	public void retryCharge(Instant now) {
		if (isPendingAt(SagaStep.CHARGING_PAYMENT) && this.nextChargeAt != null && !now.isBefore(this.nextChargeAt)
				&& this.paymentToken != null) {
			requestCharge(TimelineStep.PAYMENT_RETRY_REQUESTED, now);
		}
	}

	/**
	 * The saga's deadline passed: give back whatever it may hold and reject the order.
	 */
	public void timeOut(Instant now) {
		if (this.status != OrderStatus.PENDING || now.isBefore(this.deadline)) {
			return;
		}
		note(TimelineStep.SAGA_DEADLINE_PASSED, "while " + this.step);
		FailureReason reason = (this.step == SagaStep.CHARGING_PAYMENT && this.paymentUnavailable)
				? FailureReason.PAYMENT_UNAVAILABLE : FailureReason.TIMEOUT;
		compensate();
		reject(reason, now);
	}

	/**
	 * Cancels the order: a pending one gives back what its saga did so far, a confirmed
	 * one is refunded and its stock released.
	 * @throws OrderNotCancellableException if the order is already rejected or cancelled
	 */
	public void cancel(Instant now) {
		if (this.status.isFinal()) {
			throw new OrderNotCancellableException(this.id, this.status);
		}
		note(TimelineStep.CANCEL_REQUESTED,
				(this.status == OrderStatus.CONFIRMED) ? "confirmed" : "while " + this.step);
		compensate();
		boolean refunded = this.charged;
		SagaStep step = this.step;
		boolean pending = this.status == OrderStatus.PENDING;
		this.status = OrderStatus.CANCELLED;
		finishSaga(now);
		this.changes.sagaEnded(pending);
		if (step == SagaStep.COMMITTING_STOCK) {
			// its stock commit not yet acknowledged: still recorded when it is
			this.step = step;
		}
		send(OrderCancelled.of(this.id.value(), this.traceparent, this.customerId, refunded));
		note(TimelineStep.ORDER_CANCELLED, refunded ? "refunded" : "nothing was charged");
	}

	private void compensate() {
		releaseStock();
		// once a charge was sent its outcome may be unknown: refund if it was charged
		if (this.step != SagaStep.RESERVING_STOCK || this.charged) {
			refund();
		}
	}

	private void requestCharge(TimelineStep noted, Instant now) {
		this.step = SagaStep.CHARGING_PAYMENT;
		this.chargeAttempts++;
		this.nextChargeAt = null;
		send(ChargePayment.of(this.id.value(), this.traceparent, this.id.transactionId(), this.customerId,
				this.totalMinor, this.currency, this.paymentToken));
		note(noted, "transaction " + this.id.transactionId() + ", attempt " + this.chargeAttempts);
		touch(now);
	}

	private void reject(FailureReason reason, Instant now) {
		this.status = OrderStatus.REJECTED;
		this.failureReason = reason;
		finishSaga(now);
		send(OrderRejected.of(this.id.value(), this.traceparent, this.customerId, reason.name()));
		note(TimelineStep.ORDER_REJECTED, reason.name());
	}

	private void finishSaga(Instant now) {
		this.changes.sagaEnded(true);
		this.step = SagaStep.FINISHED;
		this.paymentToken = null;
		this.nextChargeAt = null;
		touch(now);
	}

	private void releaseStock() {
		send(ReleaseStock.of(this.id.value(), this.traceparent));
		note(TimelineStep.STOCK_RELEASE_REQUESTED, null);
	}

	private void refund() {
		send(RefundPayment.of(this.id.value(), this.traceparent, this.id.transactionId()));
		note(TimelineStep.REFUND_REQUESTED, "transaction " + this.id.transactionId());
	}

	private void price(List<PricedLine> priced, String currency) {
		Map<String, Long> prices = new HashMap<>();
		priced.forEach((line) -> prices.put(line.sku(), line.unitPriceMinor()));
		this.lines = this.lines.stream()
			.map((line) -> prices.containsKey(line.sku()) ? line.priced(prices.get(line.sku())) : line)
			.toList();
		this.totalMinor = this.lines.stream()
			.filter((line) -> line.unitPriceMinor() != null)
			.mapToLong((line) -> line.unitPriceMinor() * line.quantity())
			.sum();
		this.currency = currency;
		this.changes.linesPriced();
	}

	private boolean isPendingAt(SagaStep expected) {
		return this.status == OrderStatus.PENDING && this.step == expected;
	}

	private boolean isOurs(PaymentReply reply) {
		return this.id.transactionId().equals(reply.transactionId());
	}

	private void touch(Instant now) {
		this.updatedAt = now;
		this.changes.stateChanged();
	}

	private void note(TimelineStep step, String detail) {
		this.changes.note(step, detail);
	}

	private void send(Message message) {
		this.changes.send(message);
	}

	public OrderId id() {
		return this.id;
	}

	public String customerId() {
		return this.customerId;
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

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Instant deadline() {
		return this.deadline;
	}

	public int chargeAttempts() {
		return this.chargeAttempts;
	}

	String traceparent() {
		return this.traceparent;
	}

	OrderState state() {
		return new OrderState(this.status, this.failureReason, this.totalMinor, this.currency, this.updatedAt,
				this.step, this.paymentToken, this.chargeAttempts, this.nextChargeAt, this.stockReserved, this.charged,
				this.paymentUnavailable);
	}

	/**
	 * What the transitions produced since the order was last stored.
	 */
	public OrderChanges changes() {
		return this.changes;
	}

}
