package dev.shopflow.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.shopflow.localrun.LocalStack;
import dev.shopflow.localrun.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack, started as {@code ./shopflow run} starts it (separate processes, a
 * real Kafka broker, PostgreSQL), on its own ports and databases, exercised through the
 * gateway. The last test checks the books: stock conserved and one charge per confirmed
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopflowSystemTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	private static OtlpCollector traces;

	private static LocalStack stack;

	private static Shop shop;

	private static String admin;

	private static String alice;

	@BeforeAll
	static void startStack() throws Exception {
		Path project = Path.of(System.getProperty("shopflow.project", "..")).toAbsolutePath().normalize();
		traces = new OtlpCollector();
		stack = LocalStack.start(
				new StackSettings(project, project.resolve("system-tests/target/system-run"), 10_000, "_system", true,
						Map.of("ORDER_SAGA_DEADLINE", "120s", "SHOPFLOW_TRACING_EXPORT", "true",
								"SHOPFLOW_OTLP_ENDPOINT", traces.endpoint(),
								"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms")));
		shop = new Shop(stack.settings().gatewayUrl(), stack.settings().pspUrl());
		admin = shop.token("system-admin", "admin");
		alice = shop.token("alice-" + RUN, "customer");
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
		if (traces != null) {
			traces.close();
		}
	}

	@Test
	@Order(1)
	void confirmsAnOrderOfAvailableStock() throws Exception {
		String sku = product("HAPPY", 1500, 10);

		UUID orderId = shop.placeOrder(alice, sku, 2, "tok_ok_visa");

		JsonNode order = shop.awaitFinal(alice, orderId, "CONFIRMED");
		assertThat(order.path("totalMinor").asLong()).isEqualTo(3000);
		assertThat(available(sku)).isEqualTo(8);
		assertThat(shop.charges("order-" + orderId)).hasSize(1);
	}

	@Test
	@Order(2)
	void rejectsOrdersThatCannotBeFulfilledWithTheRightReason() throws Exception {
		String scarce = product("SCARCE", 100, 1);
		String plenty = product("PLENTY", 100, 100);

		UUID outOfStock = shop.placeOrder(alice, scarce, 2, "tok_ok_visa");
		UUID unknownSku = shop.placeOrder(alice, "NO-SUCH-" + RUN, 1, "tok_ok_visa");
		UUID declined = shop.placeOrder(alice, plenty, 1, "tok_decline_visa");

		assertThat(shop.awaitFinal(alice, outOfStock, "REJECTED").path("failureReason").asString())
			.isEqualTo("OUT_OF_STOCK");
		assertThat(shop.awaitFinal(alice, unknownSku, "REJECTED").path("failureReason").asString())
			.isEqualTo("UNKNOWN_SKU");
		assertThat(shop.awaitFinal(alice, declined, "REJECTED").path("failureReason").asString())
			.isEqualTo("PAYMENT_DECLINED");
		assertThat(available(scarce)).isEqualTo(1);
		assertThat(available(plenty)).isEqualTo(100);
	}

	@Test
	@Order(3)
	void replaysTheFirstAnswerForTheSameIdempotencyKey() throws Exception {
		String sku = product("REPLAY", 700, 10);
		String key = "system-" + UUID.randomUUID();

		HttpResponse<String> first = shop.placeOrder(alice, key, sku, 1, "tok_ok_visa");
		HttpResponse<String> again = shop.placeOrder(alice, key, sku, 1, "tok_ok_visa");
		HttpResponse<String> otherBody = shop.placeOrder(alice, key, sku, 3, "tok_ok_visa");

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isIn(202, 409);
		if (again.statusCode() == 202) {
			assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
			assertThat(id(again)).isEqualTo(id(first));
		}
		assertThat(otherBody.statusCode()).isEqualTo(422);
		shop.awaitFinal(alice, id(first), "CONFIRMED");
		assertThat(available(sku)).isEqualTo(9);
	}

	@Test
	@Order(4)
	void refundsAndRestocksACancelledConfirmedOrder() throws Exception {
		String sku = product("CANCEL", 2500, 5);
		UUID orderId = shop.placeOrder(alice, sku, 3, "tok_ok_visa");
		shop.awaitFinal(alice, orderId, "CONFIRMED");

		assertThat(shop.cancel(alice, orderId).statusCode()).isEqualTo(202);

		shop.awaitFinal(alice, orderId, "CANCELLED");
		JsonNode charges = shop.charges("order-" + orderId);
		assertThat(charges).hasSize(1);
		assertThat(charges.get(0).path("refunded").asBoolean()).isTrue();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(available(sku)).isEqualTo(5));
	}

	@Test
	@Order(5)
	void failsFastWhileInventoryIsDownAndCompletesAcceptedOrdersAfterItsRestart() throws Exception {
		String sku = product("OUTAGE", 900, 10);
		stack.stopService("inventory-service");
		try {
			long started = System.nanoTime();
			HttpResponse<String> read = shop.product(sku);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(read.statusCode()).isEqualTo(503);
			assertThat(read.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(read.headers().firstValue("Retry-After")).isPresent();
			assertThat(took).isLessThan(Duration.ofSeconds(5));

			UUID orderId = shop.placeOrder(alice, sku, 1, "tok_ok_visa");
			assertThat(shop.order(alice, orderId).path("status").asString()).isEqualTo("PENDING");

			stack.restartService("inventory-service");
			shop.awaitFinal(alice, orderId, "CONFIRMED");
		}
		finally {
			if (shop.product(sku).statusCode() != 200) {
				stack.restartService("inventory-service");
			}
		}
	}

	@Test
	@Order(6)
	void servesOneSwaggerUiListingTheOperationsOfTheThreeServices() throws Exception {
		assertThat(shop.get("/swagger-ui.html").statusCode()).isEqualTo(200);
		Map<String, String> operations = Map.of("/api-docs/inventory", "/api/products", "/api-docs/orders",
				"/api/orders", "/api-docs/payments", "/api/payments");
		for (Map.Entry<String, String> document : operations.entrySet()) {
			HttpResponse<String> response = shop.get(document.getKey());
			assertThat(response.statusCode()).as(document.getKey()).isEqualTo(200);
			assertThat(Shop.JSON.readTree(response.body()).path("paths").propertyNames()).as(document.getKey())
				.contains(document.getValue());
		}
	}

	@Test
	@Order(7)
	void followsOneOrderAsOneTraceThroughEveryServiceAndTheProvider() throws Exception {
		String sku = product("TRACED", 1200, 5);
		String traceId = hex(16);
		String callerSpanId = hex(8);
		String traceparent = "00-" + traceId + "-" + callerSpanId + "-01";

		HttpResponse<String> placed = shop.placeTracedOrder(alice, sku, 1, "tok_ok_visa", traceparent);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
		shop.awaitFinal(alice, id(placed), "CONFIRMED");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<OtlpCollector.ReceivedSpan> spans = traces.trace(traceId);
			assertThat(spans).extracting(OtlpCollector.ReceivedSpan::service)
				.contains("gateway", "order-service", "inventory-service", "payment-service", "psp-simulator");
			assertThat(spans).extracting((span) -> span.service() + " " + span.name())
				.contains("inventory-service receive inventory.ReserveStock.v1",
						"order-service receive inventory.StockReserved.v1",
						"payment-service receive payment.ChargePayment.v1",
						"order-service receive payment.PaymentSucceeded.v1");
			// one tree: the gateway's span hangs under the caller's, every other under a
			// span of the same trace
			Set<String> ids = spans.stream().map(OtlpCollector.ReceivedSpan::spanId).collect(Collectors.toSet());
			assertThat(spans).allSatisfy((span) -> assertThat(span.parentSpanId()).as(span.toString())
				.isIn(Stream.concat(ids.stream(), Stream.of(callerSpanId)).toList()));
		});
	}

	@Test
	@Order(8)
	void problemAnswersCarryTheW3cTraceIdOfTheRequest() throws Exception {
		String traceId = hex(16);
		HttpResponse<String> missing = shop.get("/api/orders/" + UUID.randomUUID(), alice,
				"00-" + traceId + "-" + hex(8) + "-00");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(Shop.JSON.readTree(missing.body()).path("traceId").asString()).isEqualTo(traceId);

		HttpResponse<String> unknownPath = shop.get("/api/no-such-thing", alice, null);
		assertThat(unknownPath.statusCode()).isEqualTo(404);
		assertThat(Shop.JSON.readTree(unknownPath.body()).path("traceId").asString()).matches("[0-9a-f]{32}")
			.isNotEqualTo(unknownPath.headers().firstValue("X-Request-Id").orElse(""));
	}

	@Test
	@Order(99)
	void booksBalanceStockIsConservedAndEveryConfirmedOrderIsChargedOnce() throws Exception {
		Books.audit(stack, shop);
	}

	private static String product(String name, long price, int stock) throws Exception {
		String sku = name + "-" + RUN;
		assertThat(shop.createProduct(admin, sku, price, stock).statusCode()).isEqualTo(201);
		return sku;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static long available(String sku) throws Exception {
		return Shop.JSON.readTree(shop.product(sku).body()).path("available").asLong();
	}

	private static UUID id(HttpResponse<String> response) {
		return UUID.fromString(Shop.JSON.readTree(response.body()).path("id").asString());
	}

}
