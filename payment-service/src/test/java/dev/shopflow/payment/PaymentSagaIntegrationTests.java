package dev.shopflow.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentRefunded;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.RefundFailed;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.payment.provider.PaymentProvider;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.Instances;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import dev.shopflow.testsupport.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga's side of payments over the real broker, database and psp-simulator:
 * de-duplicated and idempotent commands, dead letters, the circuit breaker and the
 * reconciliation of {@code PENDING} payments after an outage or a crash.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentSagaIntegrationTests {

	static {
		PspSimulatorServer.start();
	}

	private static final Duration QUIET = Duration.ofMillis(800);

	private static final MessageCodec CODEC = new MessageCodec();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private PaymentProvider provider;

	@Autowired
	private JdbcClient jdbc;

	private TestMessaging messaging;

	private PaymentRows rows;

	@BeforeAll
	void watchReplies() {
		this.rows = new PaymentRows(this.jdbc);
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.PAYMENT_REPLIES,
				Topics.deadLetter(Topics.PAYMENT_COMMANDS));
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
	void chargesOnceAndAnswersOnceWhenTheSameCommandIsDeliveredTwice() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");

		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);

		PaymentSucceeded succeeded = this.messaging.awaitMessage(PaymentSucceeded.class, orderId);
		assertThat(succeeded.transactionId()).isEqualTo(command.transactionId());
		assertThat(succeeded.amountMinor()).isEqualTo(command.amountMinor());
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(orderId)).hasSize(1);
		});
		assertThat(PspSimulatorServer.chargeCalls(command.transactionId())).isEqualTo(1);
		assertThat(PspSimulatorServer.charges(command.transactionId()).size()).isEqualTo(1);
	}

	@Test
	void answersARecordedOutcomeAgainWithoutCallingTheProvider() {
		UUID orderId = UUID.randomUUID();
		ChargePayment first = charge(orderId, "tok_funds_low");
		this.messaging.send(Topics.PAYMENT_COMMANDS, first);
		PaymentDeclined declined = this.messaging.awaitMessage(PaymentDeclined.class, orderId);
		assertThat(declined.declineCode()).isEqualTo("insufficient_funds");

		this.messaging.send(Topics.PAYMENT_COMMANDS, ChargePayment.of(orderId, null, first.transactionId(),
				first.customerId(), first.amountMinor(), first.currency(), first.paymentToken()));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.messaging.received(PaymentDeclined.class, orderId), (replies) -> replies.size() == 2);
		assertThat(PspSimulatorServer.chargeCalls(first.transactionId())).isEqualTo(1);
	}

	@Test
	void deadLettersMalformedCommands() {
		String key = UUID.randomUUID().toString();

		this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, "{\"type\":\"payment.ChargePayment.v1\",\"oops\":");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.messaging.records(Topics.deadLetter(Topics.PAYMENT_COMMANDS),
					(record) -> key.equals(record.key())), (records) -> records.size() == 1);
	}

	@Test
	void callsTheProviderForAPollsChargesConcurrentlyAndAnswersEachOnce() {
		// one record key: one partition, so the commands come in few polls; each call
		// takes
		// 1 s at the provider, so the calls of a poll overlap only if they run
		// concurrently
		PspSimulatorServer.faults("{\"latencyMs\":1000}");
		PspSimulatorServer.measureConcurrencyAfresh();
		String key = UUID.randomUUID().toString();
		List<ChargePayment> commands = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ChargePayment command = charge(UUID.randomUUID(), "tok_ok_visa");
			commands.add(command);
			this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, CODEC.encode(command));
		}
		// and the first again, in the same stream: answered, charged once
		this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, CODEC.encode(commands.get(0)));

		for (ChargePayment command : commands) {
			assertThat(this.messaging.awaitMessage(PaymentSucceeded.class, command.orderId()).transactionId())
				.isEqualTo(command.transactionId());
		}
		assertThat(PspSimulatorServer.maxConcurrentCharges()).isGreaterThan(1);
		for (ChargePayment command : commands) {
			assertThat(PspSimulatorServer.charges(command.transactionId()).size()).isEqualTo(1);
			assertThat(this.rows.status(command.transactionId())).isEqualTo("SUCCEEDED");
		}
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			for (ChargePayment command : commands) {
				assertThat(this.messaging.received(command.orderId())).hasSize(1);
			}
		});
	}

	@Test
	void aMalformedCommandAmongGoodOnesCostsOnlyItself() {
		String key = UUID.randomUUID().toString();
		ChargePayment before = charge(UUID.randomUUID(), "tok_ok_visa");
		ChargePayment after = charge(UUID.randomUUID(), "tok_decline_visa");

		this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, CODEC.encode(before));
		this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, "{\"type\":\"payment.ChargePayment.v1\",\"oops\":");
		this.messaging.sendRaw(Topics.PAYMENT_COMMANDS, key, CODEC.encode(after));

		assertThat(this.messaging.awaitMessage(PaymentSucceeded.class, before.orderId()).transactionId())
			.isEqualTo(before.transactionId());
		assertThat(this.messaging.awaitMessage(PaymentDeclined.class, after.orderId()).transactionId())
			.isEqualTo(after.transactionId());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.messaging.records(Topics.deadLetter(Topics.PAYMENT_COMMANDS),
					(record) -> key.equals(record.key())), (records) -> records.size() == 1);
		assertThat(PspSimulatorServer.chargeCalls(before.transactionId())).isEqualTo(1);
	}

	@Test
	void refundsAChargeOnceAndRefusesToRefundWhatWasNeverCharged() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);

		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(orderId, null, command.transactionId()));
		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(orderId, null, command.transactionId()));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.messaging.received(PaymentRefunded.class, orderId), (replies) -> replies.size() == 2);
		assertThat(PspSimulatorServer.charges(command.transactionId()).get(0).path("refunded").asBoolean()).isTrue();
		UUID unknownOrder = UUID.randomUUID();
		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(unknownOrder, null, "tx-" + unknownOrder));
		assertThat(this.messaging.awaitMessage(RefundFailed.class, unknownOrder).reason())
			.isEqualTo(RefundFailed.NOT_CHARGED);
	}

	@Test
	void settlesAPendingChargeBeforeRefundingIt() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		PspSimulatorServer.faults("{\"failNextCalls\":3}");
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.awaitMessage(PaymentUnavailable.class, orderId);

		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(orderId, null, command.transactionId()));

		this.messaging.awaitMessage(PaymentRefunded.class, orderId);
		assertThat(this.messaging.received(PaymentSucceeded.class, orderId)).hasSize(1);
		assertThat(this.rows.status(command.transactionId())).isEqualTo("REFUNDED");
		assertThat(PspSimulatorServer.charges(command.transactionId()).size()).isEqualTo(1);
		assertThat(PspSimulatorServer.charges(command.transactionId()).get(0).path("refunded").asBoolean()).isTrue();
	}

	@Test
	void letsCustomersReadTheirOwnPaymentsOnly() throws Exception {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);

		assertThat(get("/api/payments/" + command.transactionId(), TestTokens.customer("carol")).statusCode())
			.isEqualTo(200);
		assertThat(get("/api/payments?orderId=" + orderId, TestTokens.customer("carol")).body())
			.contains(command.transactionId());
		assertThat(get("/api/payments/" + command.transactionId(), TestTokens.customer("mallory")).statusCode())
			.isEqualTo(404);
		assertThat(get("/api/payments?orderId=" + orderId, TestTokens.customer("mallory")).body())
			.contains("\"totalItems\":0");
	}

	@Test
	void settlesAChargeTheProviderMadeBeforeTheServiceDied() {
		UUID orderId = UUID.randomUUID();
		String transactionId = "tx-" + orderId;
		// what a crash leaves behind: the PENDING row (whose caller's lease runs out) and
		// a
		// charge the provider recorded under the transaction id
		this.jdbc.sql("""
				INSERT INTO payment (transaction_id, order_id, customer_id, amount_minor, currency, status,
				    payment_token, token_fingerprint, notify_saga, lease_until)
				VALUES (?, ?, 'carol', 4200, 'EUR', 'PENDING', 'tok_ok_crash', 'unknown', true,
				    clock_timestamp() + interval '1 second')
				""").params(transactionId, orderId).update();
		String chargeId = PspSimulatorServer.chargeDirectly(transactionId, 4200, "tok_ok_crash").path("id").asString();

		PaymentSucceeded succeeded = this.messaging.awaitMessage(PaymentSucceeded.class, orderId);

		assertThat(succeeded.providerReference()).isEqualTo(chargeId);
		assertThat(this.rows.status(transactionId)).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.charges(transactionId).size()).isEqualTo(1);
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(orderId)).hasSize(1);
		});
	}

	@Test
	void reconcilesEachPendingPaymentOnceWithTwoInstances() {
		List<String> transactions = new ArrayList<>();
		try (ConfigurableApplicationContext second = secondInstance()) {
			assertThat(second.isRunning()).isTrue();
			for (int i = 0; i < 30; i++) {
				String transactionId = "tx-" + UUID.randomUUID();
				transactions.add(transactionId);
				this.jdbc.sql("""
						INSERT INTO payment (transaction_id, order_id, amount_minor, currency, status, payment_token,
						    token_fingerprint)
						VALUES (?, ?, 100, 'EUR', 'PENDING', 'tok_ok_twice', 'unknown')
						""").params(transactionId, UUID.randomUUID()).update();
			}

			await().atMost(Duration.ofSeconds(30))
				.until(() -> transactions.stream().allMatch((id) -> "SUCCEEDED".equals(this.rows.status(id))));
		}
		for (String transactionId : transactions) {
			assertThat(PspSimulatorServer.chargeCalls(transactionId)).as(transactionId).isEqualTo(1);
		}
	}

	@Test
	void failsFastWhileTheProviderIsDownAndReconcilesOnceItIsBack() throws Exception {
		PspSimulatorServer.faults("{\"errorRate\":1.0}");
		UUID downOrder = UUID.randomUUID();
		ChargePayment duringOutage = charge(downOrder, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, duringOutage);
		assertThat(this.messaging.awaitMessage(PaymentUnavailable.class, downOrder).transactionId())
			.isEqualTo(duringOutage.transactionId());
		await().atMost(Duration.ofSeconds(20)).until(this.provider::circuitState, CircuitBreaker.State.OPEN::equals);

		// while open: no provider call at all, answers come at once
		long callsWhenOpened = PspSimulatorServer.allChargeCalls();
		UUID openOrder = UUID.randomUUID();
		ChargePayment whileOpen = charge(openOrder, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, whileOpen);
		this.messaging.awaitMessage(PaymentUnavailable.class, openOrder);
		String apiTransaction = "tx-" + UUID.randomUUID();
		HttpResponse<String> apiCharge = chargeThroughApi(apiTransaction);
		assertThat(apiCharge.statusCode()).isEqualTo(503);
		assertThat(apiCharge.headers().firstValue("Retry-After")).isPresent();
		long started = System.nanoTime();
		assertThat(chargeThroughApi(apiTransaction).statusCode()).isEqualTo(503);
		long apiMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		assertThat(this.provider.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(PspSimulatorServer.allChargeCalls()).isEqualTo(callsWhenOpened);
		assertThat(this.rows.status(whileOpen.transactionId())).isEqualTo("PENDING");
		System.out.println("Charge answered in " + apiMillis + " ms while the circuit was open");

		PspSimulatorServer.faults("{}");

		await().atMost(Duration.ofSeconds(30)).until(this.provider::circuitState, CircuitBreaker.State.CLOSED::equals);
		for (ChargePayment command : List.of(duringOutage, whileOpen)) {
			PaymentSucceeded succeeded = this.messaging.awaitMessage(PaymentSucceeded.class, command.orderId());
			assertThat(succeeded.transactionId()).isEqualTo(command.transactionId());
			assertThat(PspSimulatorServer.charges(command.transactionId()).size()).isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.rows.status(apiTransaction), "SUCCEEDED"::equals);
		assertThat(PspSimulatorServer.charges(apiTransaction).size()).isEqualTo(1);
	}

	@Test
	void answersAProviderDeclineWith402AsADecline() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		PspSimulatorServer.faults("{\"clientErrorStatus\":402,\"clientErrorNextCalls\":1}");

		this.messaging.send(Topics.PAYMENT_COMMANDS, command);

		assertThat(this.messaging.awaitMessage(PaymentDeclined.class, orderId).declineCode())
			.isEqualTo("card_declined");
		assertThat(this.rows.status(command.transactionId())).isEqualTo("DECLINED");
		assertThat(PspSimulatorServer.chargeCalls(command.transactionId())).isEqualTo(1);
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(this.messaging.received(orderId)).hasSize(1);
		});
	}

	@Test
	void failsAChargeTheProviderKeepsRefusingAfterABoundedNumberOfAttempts() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		PspSimulatorServer.faults("{\"clientErrorStatus\":400,\"clientErrorNextCalls\":1000}");

		this.messaging.send(Topics.PAYMENT_COMMANDS, command);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.messaging.received(PaymentDeclined.class, orderId), (replies) -> !replies.isEmpty());
		assertThat(this.messaging.received(PaymentDeclined.class, orderId).get(0).declineCode())
			.isEqualTo(PaymentDeclined.PROVIDER_REJECTED);
		assertThat(this.rows.status(command.transactionId())).isEqualTo("FAILED");
		// the first refusal is answered as unavailable (the saga may ask again), the last
		// as the failure
		assertThat(this.messaging.received(PaymentUnavailable.class, orderId)).hasSize(1);
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
			assertThat(PspSimulatorServer.chargeCalls(command.transactionId())).isEqualTo(3);
		});
		assertThat(PspSimulatorServer.charges(command.transactionId()).size()).isZero();
	}

	@Test
	void declinesAChargeThatReusesATransactionIdWithOtherParameters() {
		UUID orderId = UUID.randomUUID();
		ChargePayment first = charge(orderId, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, first);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);
		UUID otherOrder = UUID.randomUUID();

		this.messaging.send(Topics.PAYMENT_COMMANDS, ChargePayment.of(otherOrder, null, first.transactionId(), "carol",
				first.amountMinor() + 1, first.currency(), first.paymentToken()));

		assertThat(this.messaging.awaitMessage(PaymentDeclined.class, otherOrder).declineCode())
			.isEqualTo(PaymentDeclined.TRANSACTION_MISMATCH);
		assertThat(this.rows.status(first.transactionId())).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.chargeCalls(first.transactionId())).isEqualTo(1);
		assertThat(this.messaging.records(Topics.deadLetter(Topics.PAYMENT_COMMANDS),
				(record) -> otherOrder.toString().equals(record.key())))
			.isEmpty();
	}

	@Test
	void neverRefundsAnotherOrdersCharge() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);
		UUID otherOrder = UUID.randomUUID();

		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(otherOrder, null, command.transactionId()));

		assertThat(this.messaging.awaitMessage(RefundFailed.class, otherOrder).reason())
			.isEqualTo(RefundFailed.TRANSACTION_MISMATCH);
		assertThat(this.rows.status(command.transactionId())).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.charges(command.transactionId()).get(0).path("refunded").asBoolean()).isFalse();
		assertThat(this.messaging.received(PaymentRefunded.class, orderId)).isEmpty();
	}

	@Test
	void refundsALiveChargeWithinTenSecondsOfTheProvidersReturnAfterALongOutage() {
		UUID orderId = UUID.randomUUID();
		ChargePayment command = charge(orderId, "tok_ok_visa");
		this.messaging.send(Topics.PAYMENT_COMMANDS, command);
		this.messaging.awaitMessage(PaymentSucceeded.class, orderId);
		PspSimulatorServer.faults("{\"errorRate\":1.0}");

		// the order was rejected or cancelled while the provider is down
		this.messaging.send(Topics.PAYMENT_COMMANDS, RefundPayment.of(orderId, null, command.transactionId()));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.rows.attempts(command.transactionId()) >= 1);
		// a long outage: the refund failed ten times already, as in the run of issue 15
		this.jdbc.sql("UPDATE payment SET attempts = attempts + 10 WHERE transaction_id = ?")
			.param(command.transactionId())
			.update();
		int longOutage = this.rows.attempts(command.transactionId());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.rows.attempts(command.transactionId()) > longOutage);
		PspSimulatorServer.faults("{}");
		long recovered = System.nanoTime();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.messaging.received(PaymentRefunded.class, orderId), (replies) -> !replies.isEmpty());
		System.out.println("Refunded " + Duration.ofNanos(System.nanoTime() - recovered).toMillis()
				+ " ms after the provider answered again");
		assertThat(this.rows.status(command.transactionId())).isEqualTo("REFUNDED");
		assertThat(PspSimulatorServer.charges(command.transactionId()).get(0).path("refunded").asBoolean()).isTrue();
	}

	/**
	 * A second payment-service on the same database: its reconciler competes with ours.
	 */
	private static ConfigurableApplicationContext secondInstance() {
		// only the reconciler competes: no consumer joins the group
		return Instances.start(List.of(PaymentApplication.class), "--spring.kafka.listener.auto-startup=false",
				"--spring.main.banner-mode=off");
	}

	private HttpResponse<String> chargeThroughApi(String transactionId) throws Exception {
		return post("/api/payments", "{\"transactionId\":\"" + transactionId
				+ "\",\"amountMinor\":100,\"currency\":\"EUR\",\"paymentMethod\":{\"token\":\"tok_ok\"}}");
	}

	private static ChargePayment charge(UUID orderId, String token) {
		return ChargePayment.of(orderId, null, "tx-" + orderId, "carol", 1500, "EUR", token);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(request(path, TestTokens.admin()).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30));
	}

}
