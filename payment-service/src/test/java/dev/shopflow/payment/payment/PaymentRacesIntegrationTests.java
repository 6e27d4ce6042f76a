package dev.shopflow.payment.payment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.PaymentRefunded;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.payment.PaymentRows;
import dev.shopflow.payment.PspSimulatorServer;
import dev.shopflow.payment.provider.ChargeOutcome;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interleavings of two callers of one payment, made deterministic by driving the
 * claimant's side from the test: two refunds whose claims both committed before either
 * was done, a charge retry that finds the payment claimed by the reconciler, and a poll's
 * outcomes settled again one by one after their batch failed.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentRacesIntegrationTests {

	static {
		PspSimulatorServer.start();
	}

	private static final Duration QUIET = Duration.ofMillis(800);

	@Autowired
	private PaymentCharges charges;

	@Autowired
	private PaymentRefunds refunds;

	@Autowired
	private PaymentReconciler reconciler;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private PaymentRepository payments;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	private TestMessaging messaging;

	private PaymentRows rows;

	@BeforeAll
	void watchReplies() {
		this.rows = new PaymentRows(this.jdbc);
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.PAYMENT_REPLIES);
	}

	@AfterAll
	void stopWatching() {
		this.messaging.close();
	}

	@AfterEach
	void healProvider() {
		PspSimulatorServer.faults("{}");
	}

	@Test
	void answersBothOfTwoRefundsOfOneTransactionWhoseClaimsRaced() {
		UUID orderId = UUID.randomUUID();
		ChargePayment charge = charge(orderId, "tok_ok_race");
		this.messaging.send(Topics.PAYMENT_COMMANDS, charge);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);

		// two polls (two consumers after a rebalance) claim a refund each before
		// either is done
		Payment first = this.transactions
			.execute((status) -> this.refunds.requestRefund(RefundPayment.of(orderId, null, charge.transactionId())))
			.orElseThrow();
		Payment second = this.transactions
			.execute((status) -> this.refunds.requestRefund(RefundPayment.of(orderId, null, charge.transactionId())))
			.orElseThrow();
		this.refunds.continueAll(List.of(first));
		this.refunds.continueAll(List.of(second));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.messaging.received(PaymentRefunded.class, orderId), (replies) -> replies.size() == 2);
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(PaymentRefunded.class, orderId)).hasSize(2);
		});
		assertThat(this.rows.status(charge.transactionId())).isEqualTo("REFUNDED");
		assertThat(PspSimulatorServer.charges(charge.transactionId()).get(0).path("refunded").asBoolean()).isTrue();
	}

	@Test
	void answersAChargeRetryThatFoundThePaymentClaimedWhenTheClaimantGivesUp() {
		UUID orderId = UUID.randomUUID();
		ChargePayment retry = charge(orderId, "tok_ok_claimed");
		Payment claimed = askedWhileClaimed(retry);
		PspSimulatorServer.faults("{\"failNextCalls\":3}");
		this.reconciler.reconcile(claimed);

		assertThat(this.messaging.awaitMessage(PaymentUnavailable.class, orderId).transactionId())
			.isEqualTo(retry.transactionId());
		// the reconciler goes on and settles it: that outcome is answered too, once
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(PaymentUnavailable.class, orderId)).hasSize(1);
			assertThat(this.messaging.received(orderId)).hasSize(2);
		});
		assertThat(PspSimulatorServer.charges(retry.transactionId()).size()).isEqualTo(1);
	}

	@Test
	void answersAChargeRetryThatFoundThePaymentClaimedWhenTheClaimantSettles() {
		UUID orderId = UUID.randomUUID();
		ChargePayment retry = charge(orderId, "tok_ok_claimed");
		Payment claimed = askedWhileClaimed(retry);
		this.reconciler.reconcile(claimed);

		assertThat(this.messaging.awaitMessage(PaymentSucceeded.class, orderId).transactionId())
			.isEqualTo(retry.transactionId());
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(orderId)).hasSize(1);
		});
	}

	@Test
	void countsAnOutcomeOnceWhenItsBatchIsSettledAgainOneByOne() {
		UUID orderId = UUID.randomUUID();
		Payment claimed = claimedByTheReconciler(charge(orderId, "tok_ok_counted"));
		// a payment that is not there: recording it fails the poll's batch
		Payment gone = new Payment("tx-gone-" + orderId, UUID.randomUUID(), "carol", 100, "EUR", PaymentStatus.PENDING,
				null, null, "tok_ok", "unknown", true, null, false, false, true, 0, 0, claimed.createdAt(),
				claimed.updatedAt());
		double before = unavailableCount();

		this.charges.settle(List.of(new PaymentCharges.Charged(claimed, new ChargeOutcome.Unavailable("test")),
				new PaymentCharges.Charged(gone, new ChargeOutcome.Charged("ch_gone"))));

		assertThat(unavailableCount() - before).isEqualTo(1.0);
		assertThat(this.rows.attempts(claimed.transactionId())).isEqualTo(claimed.attempts() + 1);
	}

	private double unavailableCount() {
		return this.meters.counter("shopflow.payments", "outcome", "unavailable").count();
	}

	/**
	 * What the first ChargePayment of an order left (PENDING after an unavailable
	 * provider, already answered), then claimed by the reconciler as its round would.
	 */
	private Payment claimedByTheReconciler(ChargePayment command) {
		ChargeOrder order = new ChargeOrder(command.transactionId(), command.orderId(), command.customerId(),
				command.amountMinor(), command.currency(), command.paymentToken(), null, true);
		this.jdbc.sql("""
				INSERT INTO payment (transaction_id, order_id, customer_id, amount_minor, currency, status,
				    payment_token, token_fingerprint, notify_saga, attempts, next_attempt_at)
				VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, true, 1, clock_timestamp() + interval '1 hour')
				""")
			.params(order.transactionId(), order.orderId(), order.customerId(), order.amountMinor(), order.currency(),
					order.token(), order.tokenFingerprint())
			.update();
		return this.transactions.execute((status) -> {
			assertThat(this.payments.takeLease(order.transactionId(), Duration.ofMinutes(1))).isTrue();
			return this.payments.find(order.transactionId()).orElseThrow();
		});
	}

	/** The claim of the reconciler, then the retry delivered: consumed, not answered. */
	private Payment askedWhileClaimed(ChargePayment retry) {
		Payment claimed = claimedByTheReconciler(retry);
		this.messaging.send(Topics.PAYMENT_COMMANDS, retry);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?")
				.param(retry.messageId())
				.query(Long.class)
				.single() == 1);
		assertThat(this.messaging.received(retry.orderId())).isEmpty();
		return claimed;
	}

	private static ChargePayment charge(UUID orderId, String token) {
		return ChargePayment.of(orderId, null, "tx-" + orderId, "carol", 1500, "EUR", token);
	}

}
