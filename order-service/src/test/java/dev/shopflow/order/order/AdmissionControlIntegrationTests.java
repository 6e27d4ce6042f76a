package dev.shopflow.order.order;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.shopflow.order.OrderApi;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.shopflow.order.OrderApi.JSON;
import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static dev.shopflow.testsupport.ServiceContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control: while too many sagas run, or too many of them are late, a placement
 * is refused at once with a 503 problem and {@code Retry-After}, records nothing, and is
 * accepted with the same key once the pipeline has room again. Nobody answers the
 * commands here, so every accepted saga runs until its 3 s deadline.
 */
@ShopflowIntegrationTest(properties = { "shopflow.orders.saga-deadline=3s", "shopflow.orders.sweep-interval=100ms",
		"shopflow.orders.admission-refresh=100ms", "shopflow.orders.max-sagas-in-flight=4",
		"shopflow.orders.late-saga-age=1500ms", "shopflow.orders.max-late-sagas=2" })
class AdmissionControlIntegrationTests {

	private final String customer = "carol-" + UUID.randomUUID();

	private final String token = TestTokens.customer(this.customer);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	private OrderApi api;

	@BeforeEach
	void waitForAnIdlePipeline() {
		this.api = new OrderApi(this.port);
		// sagas of other tests on this database end at their deadline
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM orders WHERE status = 'PENDING'")
				.query(Long.class)
				.single() == 0 && this.meters.get("shopflow.saga.in.flight").gauge().value() == 0);
	}

	@Test
	void refusesPlacementsWhileTooManySagasRunAndAcceptsTheSameKeyOnceTheyEnd() {
		List<HttpResponse<String>> accepted = new ArrayList<>();
		HttpResponse<String> refused = null;
		String refusedKey = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			String key = UUID.randomUUID().toString();
			HttpResponse<String> response = this.api.place(this.token, key, orderBody("tok_ok", sku(), 1));
			if (response.statusCode() == 202) {
				accepted.add(response);
			}
			else {
				refused = response;
				refusedKey = key;
			}
		}

		// a soft limit: a placement committing while the count runs may be missed by it
		// once
		assertThat(accepted).hasSizeBetween(4, 5);
		assertThat(refused).isNotNull();
		JsonNode problem = assertProblem(refused, 503);
		assertThat(problem.path("type").asString()).endsWith("/saga-pipeline-saturated");
		assertThat(problem.path("detail").asString()).containsPattern("[45] orders are being processed");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		// nothing recorded for the refused placement
		assertThat(ordersOfCustomer()).isEqualTo(accepted.size());
		assertThat(this.meters.get("shopflow.orders.refused").tag("reason", "in-flight").counter().count())
			.isGreaterThanOrEqualTo(1);

		String key = refusedKey;
		HttpResponse<String> retried = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.api.place(this.token, key, orderBody("tok_ok", sku(), 1)),
					(response) -> response.statusCode() != 503);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		assertThat(ordersOfCustomer()).isEqualTo(accepted.size() + 1);
		assertThat(JSON.readTree(retried.body()).path("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void refusesPlacementsWhileTooManySagasAreLate() {
		this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));

		// two sagas older than 1.5 s, though only two of four may run: refused for
		// lateness
		await().atMost(Duration.ofSeconds(3)).until(() -> this.meters.get("shopflow.saga.late").gauge().value() >= 2);
		HttpResponse<String> refused = this.api.place(this.token, UUID.randomUUID().toString(),
				orderBody("tok_ok", sku(), 1));
		JsonNode problem = assertProblem(refused, 503);
		assertThat(problem.path("detail").asString()).contains("2 orders have been processed for longer than");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.meters.get("shopflow.orders.refused").tag("reason", "late").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void countsTheSagasInTheDatabaseOnlyWhileThereIsSomethingToCount() {
		// idle: nothing in flight, nothing placed or ended since the last count
		await().atMost(Duration.ofSeconds(5)).until(() -> counts() > 0);
		double idle = counts();
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(counts() - idle).isLessThanOrEqualTo(1));

		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));

		// counted again at once, and while it runs
		await().atMost(Duration.ofSeconds(2))
			.until(() -> this.meters.get("shopflow.saga.in.flight").gauge().value() == 1);
		double running = counts();
		await().atMost(Duration.ofSeconds(2)).until(() -> counts() - running >= 3);
		assertThat(this.jdbc.sql("SELECT status FROM orders WHERE id = ?").param(orderId).query(String.class).single())
			.isEqualTo("PENDING");
	}

	private double counts() {
		return this.meters.get("shopflow.saga.admission.counts").counter().count();
	}

	private long ordersOfCustomer() {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?")
			.param(this.customer)
			.query(Long.class)
			.single();
	}

}
