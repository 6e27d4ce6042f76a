package dev.shopflow.order.saga;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.OrderApplication;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.Instances;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing of a saga lives only in memory: order-service is stopped after it asked for the
 * stock, the reservation arrives while it is down, and a new instance completes the saga.
 * The instances get a database and consumer group of their own, so that no other
 * order-service of the test JVM can finish the saga for them.
 */
class SagaRestartIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String token = TestTokens.customer("restart-" + UUID.randomUUID());

	@Test
	void completesSagaAfterRestartWithReplyThatArrivedWhileDown() throws SQLException {
		String database = createDatabase();
		String group = "order-service-" + database;
		UUID orderId;
		try (ConfigurableApplicationContext first = start(database, group)) {
			orderId = new OrderApi(port(first)).placeAccepted(this.token, orderBody("tok_ok", sku(), 2));
			this.participants.await(ReserveStock.class, orderId);
		}
		StockReserved reserved = this.participants.reservationOf(orderId, Map.of());
		this.participants.reply(reserved);

		try (ConfigurableApplicationContext second = start(database, group)) {
			OrderApi api = new OrderApi(port(second));
			ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
			assertThat(charge.amountMinor()).isEqualTo(200);
			assertThat(charge.paymentToken()).isEqualTo("tok_ok");
			this.participants.reply(this.participants.successOf(orderId));
			this.participants.reply(this.participants.commitOf(orderId));

			api.awaitStatus(this.token, orderId, "CONFIRMED");
			// confirmed on the payment; the stock commit's reply follows on the timeline
			await().atMost(10, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
						"STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "PAYMENT_REQUESTED", "PAYMENT_SUCCEEDED",
						"STOCK_COMMIT_REQUESTED", "ORDER_CONFIRMED", "STOCK_COMMITTED"));
			this.participants.assertExactly(ReserveStock.class, orderId, 1);
			this.participants.assertExactly(ChargePayment.class, orderId, 1);
		}
	}

	private static ConfigurableApplicationContext start(String database, String group) {
		ConfigurableApplicationContext context = Instances.startOnDatabase(database,
				List.of(OrderApplication.class, TestTokens.Decoder.class), "--spring.kafka.consumer.group-id=" + group,
				"--shopflow.orders.saga-deadline=60s", "--shopflow.orders.sweep-interval=100ms");
		ListenerReadiness.await(context.getBean(KafkaListenerEndpointRegistry.class));
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static String createDatabase() throws SQLException {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		String database = "orders_restart_" + UUID.randomUUID().toString().substring(0, 8);
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		return database;
	}

}
