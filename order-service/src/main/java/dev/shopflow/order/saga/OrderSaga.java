package dev.shopflow.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentRefunded;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.RefundFailed;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReleased;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.order.order.Order;
import dev.shopflow.order.order.OrderId;
import dev.shopflow.order.order.OrderRepository;
import dev.shopflow.order.order.TimelineStep;
import dev.shopflow.order.system.OrderProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orchestrator: applies a participant's reply to the order it is about (locked for
 * the transaction, so one reply, sweep or cancel at a time changes it, on any instance),
 * and advances overdue sagas and due payment retries.
 */
@Component
class OrderSaga {

	private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

	private static final Duration SWEEP_RETRY_INITIAL = Duration.ofSeconds(1);

	private static final Duration SWEEP_RETRY_MAX = Duration.ofMinutes(1);

	private final OrderRepository orders;

	private final OrderProperties properties;

	private final TransactionTemplate savepoints;

	private final Counter sweepFailures;

	private final Counter refusedReplies;

	private final SweepFailures failures;

	OrderSaga(OrderRepository orders, OrderProperties properties, PlatformTransactionManager transactions,
			SweepFailures failures, MeterRegistry meters) {
		this.orders = orders;
		this.failures = failures;
		this.properties = properties;
		this.sweepFailures = Counter.builder("shopflow.saga.sweep.failures")
			.description("Sagas the sweeper could not advance (each is tried again after a back-off)")
			.register(meters);
		this.refusedReplies = Counter.builder("shopflow.payments.replies.refused")
			.description("PaymentSucceeded replies not applied: amount or currency differ from the order's total")
			.register(meters);
		this.savepoints = new TransactionTemplate(transactions);
		this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Applies a reply, inside the transaction that consumes it.
	 * @param reply the reply
	 */
	void handle(Message reply) {
		Optional<Order> found = this.orders.findForUpdate(new OrderId(reply.orderId()));
		if (found.isEmpty()) {
			log.warn("Ignoring {} for unknown order {}", MessageCodec.typeOf(reply), reply.orderId());
			return;
		}
		Order order = found.get();
		Instant now = now();
		switch (reply) {
			case StockReserved reserved -> order.onStockReserved(reserved, now);
			case StockRejected rejected -> order.onStockRejected(rejected, now);
			case StockCommitted committed -> order.onStockCommitted(committed, now);
			case StockReleased released -> order.onCompensated(released, TimelineStep.STOCK_RELEASED,
					released.released() ? "released" : "nothing was held");
			case PaymentSucceeded succeeded -> onPaymentSucceeded(order, succeeded, now);
			case PaymentDeclined declined -> order.onPaymentDeclined(declined, now);
			case PaymentUnavailable unavailable -> order.onPaymentUnavailable(unavailable, now,
					this.properties.paymentRetryBackoff(order.chargeAttempts()));
			case PaymentRefunded refunded ->
				order.onCompensated(refunded, TimelineStep.PAYMENT_REFUNDED, refunded.transactionId());
			case RefundFailed failed -> order.onCompensated(failed, TimelineStep.REFUND_NOT_NEEDED, failed.reason());
			default -> log.warn("Ignoring unexpected {} for order {}", MessageCodec.typeOf(reply), reply.orderId());
		}
		this.orders.save(order);
		log.debug("Order {} is {} after {}", order.id(), order.status(), MessageCodec.typeOf(reply));
	}

	// a reply that did not charge the order's total (forged, or a bug elsewhere) must
	// never confirm it
	private void onPaymentSucceeded(Order order, PaymentSucceeded reply, Instant now) {
		if (order.acceptsCharge(reply)) {
			order.onPaymentSucceeded(reply, now);
			return;
		}
		this.refusedReplies.increment();
		log.warn("Refused PaymentSucceeded {} for order {}: {} {} is not the order's total", reply.messageId(),
				order.id(), reply.amountMinor(), reply.currency());
	}

	/**
	 * Times out the overdue sagas and re-sends the due charges of one batch, in the
	 * caller's transaction; sagas another transaction holds are skipped, not waited for.
	 * @return how many sagas were looked at
	 */
	int sweep() {
		List<Order> due = this.orders.lockDue(this.properties.sweepBatchSize());
		Instant now = now();
		for (Order order : due) {
			try {
				// one saga that cannot be advanced must not hold back the others of its
				// batch
				this.savepoints.executeWithoutResult((savepoint) -> advance(order, now));
			}
			catch (RuntimeException ex) {
				backOff(order, ex);
			}
		}
		return due.size();
	}

	// an order that fails every time must neither spin the sweep nor fill its batches:
	// it waits for a next attempt that backs off, once per failure (and one WARN)
	private void backOff(Order order, RuntimeException ex) {
		this.sweepFailures.increment();
		SweepFailures.Failure failure = this.failures.note(order.id(), SWEEP_RETRY_INITIAL, SWEEP_RETRY_MAX);
		if (failure.inARow() == 1) {
			log.warn("Could not advance the saga of order {}; next attempt at {}", order.id(), failure.nextAttempt(),
					ex);
		}
		else {
			log.warn("Could not advance the saga of order {} ({} failures in a row); next attempt at {}: {}",
					order.id(), failure.inARow(), failure.nextAttempt(), ex.toString());
		}
	}

	private void advance(Order order, Instant now) {
		if (!now.isBefore(order.deadline())) {
			order.timeOut(now);
			log.info("Order {} timed out: {} {}", order.id(), order.status(), order.failureReason());
		}
		else {
			order.retryCharge(now);
		}
		this.orders.save(order);
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
