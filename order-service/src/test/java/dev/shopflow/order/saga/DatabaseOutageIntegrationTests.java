package dev.shopflow.order.saga;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import dev.shopflow.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reply consumed while the service's database is unavailable, for longer than any
 * bounded retry budget, is retried until the database is back and then applied: never
 * dead-lettered (issue 15.1). The database is made unavailable as an operator would:
 * {@code ALLOW_CONNECTIONS false} and every session terminated.
 */
// a consumer group of its own: the test JVM's other contexts (same database) consume the
// reply too, but this one's failures are the ones counted here
@ShopflowIntegrationTest(properties = { "shopflow.orders.saga-deadline=2m", "shopflow.messaging.retry-max-interval=2s",
		"spring.kafka.consumer.group-id=order-service-outage-test" })
class DatabaseOutageIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String token = TestTokens.customer("dora-" + UUID.randomUUID());

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aReplyConsumedDuringALongDatabaseOutageIsAppliedAfterItAndNeverDeadLettered() throws Exception {
		OrderApi api = new OrderApi(this.port);
		UUID orderId = api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.await(ReserveStock.class, orderId);
		double failedBefore = transientFailures();

		try (TestMessaging deadLetters = new TestMessaging(Infrastructure.kafka().getBootstrapServers(),
				Topics.deadLetter(Topics.INVENTORY_REPLIES))) {
			allowConnections(false);
			try {
				this.participants.reply(this.participants.reservationOf(orderId, java.util.Map.of()));
				// 8 failed deliveries at a back-off doubling from 200 ms to 2 s: more
				// than 10 s,
				// past the old budget of 3 retries (then dead-lettered)
				await().atMost(Duration.ofSeconds(90)).until(() -> transientFailures() - failedBefore >= 8);
			}
			finally {
				allowConnections(true);
			}

			ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
			assertThat(charge.transactionId()).isEqualTo("order-" + orderId);
			assertThat(deadLetters.records(Topics.deadLetter(Topics.INVENTORY_REPLIES),
					(record) -> orderId.toString().equals(record.key())))
				.isEmpty();
			// and the saga goes on to its end (no pending order left for the other tests)
			this.participants.reply(this.participants.successOf(orderId));
			api.awaitStatus(this.token, orderId, "CONFIRMED");
		}
	}

	private double transientFailures() {
		return this.meters.find("shopflow.messages.failed")
			.tag("topic", Topics.INVENTORY_REPLIES)
			.tag("kind", "transient")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static void allowConnections(boolean allow) throws SQLException {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		String database = postgres.getDatabaseName();
		String url = postgres.getJdbcUrl().replace("/" + database, "/postgres");
		try (Connection admin = DriverManager.getConnection(url, postgres.getUsername(), postgres.getPassword());
				Statement statement = admin.createStatement()) {
			statement.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + allow);
			if (!allow) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
						+ "' AND pid <> pg_backend_pid()");
			}
		}
	}

}
