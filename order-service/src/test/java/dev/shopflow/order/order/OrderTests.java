package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.OrderCancelled;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The saga's state machine, without Spring, database or broker. */
class OrderTests {

	private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private final OrderId id = OrderId.random();

	private final String transactionId = "order-" + this.id;

	@Test
	void placingAsksForTheStockOfEveryLine() {
		Order order = place();

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.deadline()).isEqualTo(T0.plus(DEADLINE));
		assertThat(sent(order)).singleElement()
			.isInstanceOfSatisfying(ReserveStock.class, (reserve) -> assertThat(reserve.lines()).hasSize(2));
		assertThat(steps(order)).containsExactly(TimelineStep.ORDER_PLACED, TimelineStep.STOCK_RESERVATION_REQUESTED);
	}

	@Test
	void pricesFromTheReservationAndChargesTheTotalOnce() {
		Order order = stored(place());

		order.onStockReserved(reserved(), T0.plusSeconds(1));

		assertThat(order.totalMinor()).isEqualTo(2 * 250 + 100);
		assertThat(order.lines()).extracting(OrderLine::unitPriceMinor).containsExactly(250L, 100L);
		assertThat(sent(order)).singleElement().isInstanceOfSatisfying(ChargePayment.class, (charge) -> {
			assertThat(charge.transactionId()).isEqualTo(this.transactionId);
			assertThat(charge.amountMinor()).isEqualTo(600);
			assertThat(charge.paymentToken()).isEqualTo("tok_ok");
		});
		stored(order).onStockReserved(reserved(), T0.plusSeconds(2));
		assertThat(sent(order)).isEmpty();
	}

	@Test
	void neverChargesAReservationThatArrivesAfterTheDeadline() {
		Order order = stored(place());

		order.onStockReserved(reserved(), T0.plus(DEADLINE));

		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.failureReason()).isEqualTo(FailureReason.TIMEOUT);
		assertThat(sent(order)).hasSize(2)
			.noneMatch(ChargePayment.class::isInstance)
			.anyMatch(ReleaseStock.class::isInstance)
			.anyMatch(OrderRejected.class::isInstance);
		assertThat(steps(order)).containsExactly(TimelineStep.STOCK_RESERVED, TimelineStep.SAGA_DEADLINE_PASSED,
				TimelineStep.STOCK_RELEASE_REQUESTED, TimelineStep.ORDER_REJECTED);
	}

	@Test
	void confirmsOnPaymentThenRecordsTheStockCommitOnceAndForgetsTheToken() {
		Order order = charging();

		order.onPaymentSucceeded(succeeded(), T0.plusSeconds(2));
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.changes().endedSaga()).isTrue();
		assertThat(sent(order)).map(Object::getClass).containsExactly(CommitStock.class, OrderConfirmed.class);
		assertThat(steps(order)).containsExactly(TimelineStep.PAYMENT_SUCCEEDED, TimelineStep.STOCK_COMMIT_REQUESTED,
				TimelineStep.ORDER_CONFIRMED);
		assertThat(order.state().saga().paymentToken()).isNull();

		stored(order).onStockCommitted(StockCommitted.of(this.id.value(), null), T0.plusSeconds(3));
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.changes().endedSaga()).isFalse();
		assertThat(sent(order)).isEmpty();
		assertThat(steps(order)).containsExactly(TimelineStep.STOCK_COMMITTED);

		// a redelivered CommitStock is answered again: recorded once
		stored(order).onStockCommitted(StockCommitted.of(this.id.value(), null), T0.plusSeconds(4));
		assertThat(steps(order)).isEmpty();
	}

	@Test
	void cancellingBeforeTheStockCommitIsAcknowledgedStillRecordsIt() {
		Order order = charging();
		order.onPaymentSucceeded(succeeded(), T0);
		stored(order).cancel(T0.plusSeconds(1));

		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.changes().endedSaga()).isFalse();
		assertThat(sent(order)).map(Object::getClass)
			.containsExactly(ReleaseStock.class, RefundPayment.class, OrderCancelled.class);

		stored(order).onStockCommitted(StockCommitted.of(this.id.value(), null), T0.plusSeconds(2));
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(sent(order)).isEmpty();
		assertThat(steps(order)).containsExactly(TimelineStep.STOCK_COMMITTED);
	}

	@Test
	void rejectsWithTheReasonOfTheStockRejection() {
		Order order = stored(place());

		order.onStockRejected(StockRejected.of(this.id.value(), null, "UNKNOWN_SKU", "NOPE"), T0);

		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.failureReason()).isEqualTo(FailureReason.UNKNOWN_SKU);
		assertThat(sent(order)).singleElement()
			.isInstanceOfSatisfying(OrderRejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("UNKNOWN_SKU"));
	}

	@Test
	void releasesStockWhenPaymentIsDeclined() {
		Order order = charging();

		order.onPaymentDeclined(PaymentDeclined.of(this.id.value(), null, this.transactionId, "card_declined"), T0);

		assertThat(order.failureReason()).isEqualTo(FailureReason.PAYMENT_DECLINED);
		assertThat(sent(order)).map(Object::getClass).containsExactly(ReleaseStock.class, OrderRejected.class);
	}

	@Test
	void retriesAnUnavailablePaymentOnlyWhenDueAndOnlyOncePerReport() {
		Order order = charging();
		PaymentUnavailable unavailable = PaymentUnavailable.of(this.id.value(), null, this.transactionId, "down");

		order.onPaymentUnavailable(unavailable, T0, Duration.ofMillis(500));
		order.onPaymentUnavailable(unavailable, T0, Duration.ofMillis(500));
		order.retryCharge(T0.plusMillis(100));
		assertThat(sent(order)).isEmpty();
		order.retryCharge(T0.plusMillis(500));

		assertThat(sent(order)).singleElement()
			.isInstanceOfSatisfying(ChargePayment.class,
					(charge) -> assertThat(charge.transactionId()).isEqualTo(this.transactionId));
		assertThat(order.chargeAttempts()).isEqualTo(2);
	}

	@Test
	void timesOutAnUnavailablePaymentAsPaymentUnavailableAndRefundsJustInCase() {
		Order order = charging();
		order.onPaymentUnavailable(PaymentUnavailable.of(this.id.value(), null, this.transactionId, "down"), T0,
				Duration.ofMillis(500));

		order.timeOut(T0.plus(DEADLINE));

		assertThat(order.failureReason()).isEqualTo(FailureReason.PAYMENT_UNAVAILABLE);
		assertThat(sent(order)).map(Object::getClass)
			.containsExactly(ReleaseStock.class, RefundPayment.class, OrderRejected.class);
	}

	@Test
	void neverTimesOutBeforeTheDeadline() {
		Order order = stored(place());

		order.timeOut(T0.plus(DEADLINE).minusMillis(1));

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(sent(order)).isEmpty();
	}

	@Test
	void givesBackLateReplies() {
		Order order = stored(place());
		order.timeOut(T0.plus(DEADLINE));
		assertThat(order.failureReason()).isEqualTo(FailureReason.TIMEOUT);
		stored(order);

		order.onStockReserved(reserved(), T0.plus(DEADLINE).plusSeconds(1));
		order.onStockReserved(reserved(), T0.plus(DEADLINE).plusSeconds(1));
		order.onPaymentSucceeded(succeeded(), T0.plus(DEADLINE).plusSeconds(2));
		order.onPaymentSucceeded(succeeded(), T0.plus(DEADLINE).plusSeconds(2));

		assertThat(sent(order)).map(Object::getClass).containsExactly(ReleaseStock.class, RefundPayment.class);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
	}

	@Test
	void cancellingAConfirmedOrderRefundsAndReleases() {
		Order order = charging();
		order.onPaymentSucceeded(succeeded(), T0);
		order.onStockCommitted(StockCommitted.of(this.id.value(), null), T0);
		stored(order);

		order.cancel(T0.plusSeconds(60));

		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(sent(order)).map(Object::getClass)
			.containsExactly(ReleaseStock.class, RefundPayment.class, OrderCancelled.class);
		assertThat(((OrderCancelled) sent(order).get(2)).refunded()).isTrue();
		assertThatExceptionOfType(OrderNotCancellableException.class).isThrownBy(() -> order.cancel(T0));
	}

	@Test
	void ignoresPaymentRepliesOfAnotherTransaction() {
		Order order = charging();

		order.onPaymentSucceeded(PaymentSucceeded.of(this.id.value(), null, "other", 600, "EUR", "ch"), T0);

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(sent(order)).isEmpty();
	}

	private Order place() {
		return Order.place(this.id, "alice", List.of(new OrderLine("APPLE", 2, null), new OrderLine("PEAR", 1, null)),
				"tok_ok", "EUR", T0, DEADLINE, null);
	}

	private Order charging() {
		Order order = stored(place());
		order.onStockReserved(reserved(), T0);
		return stored(order);
	}

	private StockReserved reserved() {
		return StockReserved.of(this.id.value(), null,
				List.of(new PricedLine("APPLE", 2, 250), new PricedLine("PEAR", 1, 100)), "EUR");
	}

	private PaymentSucceeded succeeded() {
		return PaymentSucceeded.of(this.id.value(), null, this.transactionId, 600, "EUR", "ch_1");
	}

	private static Order stored(Order order) {
		order.changes().clear();
		return order;
	}

	private static List<Message> sent(Order order) {
		return order.changes().messages();
	}

	private static List<TimelineStep> steps(Order order) {
		return order.changes().steps().stream().map(TimelineEntry::step).toList();
	}

}
