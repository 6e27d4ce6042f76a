package dev.shopflow.order.saga;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.OrderApplication;
import dev.shopflow.order.OrderServiceTest;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.Instances;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of order-service on one database and one consumer group: orders placed on
 * either are driven by whichever instance gets the reply, and the relays and sweepers of
 * both never act twice on one saga.
 */
@OrderServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String token = TestTokens.customer("twins-" + UUID.randomUUID());

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	private ConfigurableApplicationContext second;

	@BeforeAll
	void startSecondInstance() {
		this.second = Instances.start(List.of(OrderApplication.class, TestTokens.Decoder.class),
				"--shopflow.orders.saga-deadline=3s", "--shopflow.orders.sweep-interval=100ms",
				"--shopflow.orders.wait-recheck=1m");
		// both instances share the group's partitions
		Instances.awaitAssigned(this.listeners, 6);
	}

	@AfterAll
	void stopSecondInstance() {
		this.second.close();
		ListenerReadiness.await(this.listeners);
	}

	@Test
	void drivesEachSagaExactlyOnceAcrossInstances() {
		OrderApi first = new OrderApi(this.port);
		OrderApi other = new OrderApi(Integer.parseInt(this.second.getEnvironment().getProperty("local.server.port")));
		List<UUID> confirmed = new ArrayList<>();
		List<UUID> timedOut = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			OrderApi api = (i % 2 == 0) ? first : other;
			UUID orderId = api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
			((i < 4) ? confirmed : timedOut).add(orderId);
		}

		for (UUID orderId : confirmed) {
			this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		}
		for (UUID orderId : confirmed) {
			this.participants.reply(this.participants.successOf(orderId));
		}
		for (UUID orderId : confirmed) {
			this.participants.reply(this.participants.commitOf(orderId));
		}

		for (UUID orderId : confirmed) {
			first.awaitStatus(this.token, orderId, "CONFIRMED");
			this.participants.assertExactly(ReserveStock.class, orderId, 1);
			this.participants.assertExactly(ChargePayment.class, orderId, 1);
			this.participants.assertExactly(CommitStock.class, orderId, 1);
			this.participants.assertExactly(OrderConfirmed.class, orderId, 1);
		}
		for (UUID orderId : timedOut) {
			assertThat(other.awaitStatus(this.token, orderId, "REJECTED").path("failureReason").asString())
				.isEqualTo("TIMEOUT");
			this.participants.assertExactly(ReleaseStock.class, orderId, 1);
			this.participants.assertExactly(OrderRejected.class, orderId, 1);
			assertThat(first.timelineSteps(this.token, orderId)).containsOnlyOnce("SAGA_DEADLINE_PASSED");
		}
	}

	@Test
	void answersWaitingReadOnOneInstanceWhenTheOtherDecidesTheOrder() throws Exception {
		OrderApi first = new OrderApi(this.port);
		OrderApi other = new OrderApi(Integer.parseInt(this.second.getEnvironment().getProperty("local.server.port")));
		KafkaListenerEndpointRegistry otherListeners = this.second.getBean(KafkaListenerEndpointRegistry.class);
		otherListeners.stop();
		try {
			// every reply is now handled, and every outcome committed, by the first
			// instance
			ListenerReadiness.await(this.listeners);
			UUID orderId = first.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
			CompletableFuture<HttpResponse<String>> waiting = other.orderWaiting(this.token, orderId, "wait=20");

			this.participants.confirm(orderId);

			HttpResponse<String> answer = waiting.get(15, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			assertThat(OrderApi.JSON.readTree(answer.body()).path("status").asString()).isEqualTo("CONFIRMED");
		}
		finally {
			otherListeners.start();
			Instances.awaitAssigned(this.listeners, 6);
		}
	}

}
