package dev.shopflow.inventory.product;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.shopflow.inventory.InventoryFixtures;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.shopflow.testsupport.ServiceContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue's HTTP contract (API.md "Catalogue and stock") against the running
 * service with real PostgreSQL: status codes, problems, security and paging.
 */
@ShopflowIntegrationTest
class ProductApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createsProductWithLocationAndServesItWithoutToken() throws Exception {
		String sku = InventoryFixtures.freshSku("MUG");

		HttpResponse<String> created = post("/api/products", TestTokens.admin(), newProduct(sku, 1299, 7));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + sku);
		JsonNode body = JSON.readTree(created.body());
		assertThat(body.path("sku").asString()).isEqualTo(sku);
		assertThat(body.path("name").asString()).isEqualTo("Mug " + sku);
		assertThat(body.path("unitPriceMinor").asLong()).isEqualTo(1299);
		assertThat(body.path("currency").asString()).isEqualTo("EUR");
		assertThat(body.path("available").asLong()).isEqualTo(7);

		HttpResponse<String> read = get("/api/products/" + sku, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(read.body())).isEqualTo(body);
	}

	@Test
	void refusesDuplicateSkuWithConflictProblem() throws Exception {
		String sku = InventoryFixtures.freshSku("DUP");
		assertThat(post("/api/products", TestTokens.admin(), newProduct(sku, 100, 1)).statusCode()).isEqualTo(201);

		HttpResponse<String> again = post("/api/products", TestTokens.admin(), newProduct(sku, 200, 2));

		JsonNode problem = assertProblem(again, 409);
		assertThat(problem.path("type").asString()).endsWith("/duplicate-sku");
		assertThat(JSON.readTree(get("/api/products/" + sku, null).body()).path("unitPriceMinor").asLong())
			.isEqualTo(100);
	}

	@Test
	void refusesInvalidProductWithValidationProblemListingFields() throws Exception {
		String invalid = """
				{ "sku": "lower-case", "name": " ", "unitPriceMinor": 0, "initialStock": -1 }""";

		JsonNode problem = assertProblem(post("/api/products", TestTokens.admin(), invalid), 400);

		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("sku", "name", "unitPriceMinor", "initialStock");
		String hostile = """
				{ "sku": "OK-1", "name": "nul\\u0000byte", "unitPriceMinor": 1, "initialStock": 10000000000 }""";
		JsonNode refused = assertProblem(post("/api/products", TestTokens.admin(), hostile), 400);
		assertThat(refused.path("errors")).hasSize(2);
	}

	@Test
	void refusesMissingFieldsAndMalformedJsonWithBadRequestProblem() throws Exception {
		JsonNode missing = assertProblem(post("/api/products", TestTokens.admin(), "{}"), 400);
		assertThat(missing.path("errors")).hasSize(4);
		assertProblem(post("/api/products", TestTokens.admin(), "{ \"sku\": "), 400);
		assertProblem(post("/api/products", TestTokens.admin(), "{ \"sku\": \"A\", \"unitPriceMinor\": \"x\" }"), 400);
	}

	@Test
	void answersUnknownSkuWithNotFoundProblem() throws Exception {
		JsonNode problem = assertProblem(get("/api/products/NO-SUCH-SKU-" + System.nanoTime(), null), 404);
		assertThat(problem.path("type").asString()).endsWith("/product-not-found");
		assertProblem(post("/api/products/NO-SUCH-SKU/stock", TestTokens.admin(), "{ \"delta\": 1 }"), 404);
	}

	@Test
	void adjustsStockAndRefusesToMakeAvailableNegative() throws Exception {
		String sku = InventoryFixtures.freshSku("ADJ");
		post("/api/products", TestTokens.admin(), newProduct(sku, 500, 3));

		HttpResponse<String> added = post("/api/products/" + sku + "/stock", TestTokens.admin(), "{ \"delta\": 5 }");
		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(added.body()).path("available").asLong()).isEqualTo(8);

		HttpResponse<String> removed = post("/api/products/" + sku + "/stock", TestTokens.admin(), "{ \"delta\": -8 }");
		assertThat(JSON.readTree(removed.body()).path("available").asLong()).isZero();

		JsonNode tooMuch = assertProblem(
				post("/api/products/" + sku + "/stock", TestTokens.admin(), "{ \"delta\": -1 }"), 409);
		assertThat(tooMuch.path("type").asString()).endsWith("/insufficient-stock");
		assertProblem(post("/api/products/" + sku + "/stock", TestTokens.admin(), "{ \"delta\": 0 }"), 400);
		assertProblem(post("/api/products/" + sku + "/stock", TestTokens.admin(), "{}"), 400);
		new InventoryFixtures(this.jdbc).assertStockConserved();
	}

	@Test
	void admitsOnlyAdminsToChanges() throws Exception {
		String sku = InventoryFixtures.freshSku("SEC");

		assertProblem(post("/api/products", null, newProduct(sku, 100, 1)), 401);
		assertProblem(post("/api/products", TestTokens.customer("alice"), newProduct(sku, 100, 1)), 403);
		assertProblem(post("/api/products", TestTokens.expired("admin"), newProduct(sku, 100, 1)), 401);
		assertProblem(get("/api/products/" + sku, null), 404);

		post("/api/products", TestTokens.admin(), newProduct(sku, 100, 1));
		assertProblem(post("/api/products/" + sku + "/stock", null, "{ \"delta\": 1 }"), 401);
		assertProblem(post("/api/products/" + sku + "/stock", TestTokens.customer("alice"), "{ \"delta\": 1 }"), 403);
		assertThat(JSON.readTree(get("/api/products/" + sku, null).body()).path("available").asLong()).isEqualTo(1);
	}

	@Test
	void pagesProductsOrderedBySku() throws Exception {
		for (int i = 0; i < 3; i++) {
			post("/api/products", TestTokens.admin(), newProduct(InventoryFixtures.freshSku("PAGE"), 100, 1));
		}
		long total = this.jdbc.sql("SELECT count(*) FROM product").query(Long.class).single();

		JsonNode first = JSON.readTree(get("/api/products?page=0&size=2", null).body());
		JsonNode second = JSON.readTree(get("/api/products?page=1&size=2", null).body());

		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("totalItems").asLong()).isEqualTo(total);
		assertThat(first.path("items")).hasSize(2);
		List<String> skus = new ArrayList<>();
		first.path("items").forEach((item) -> skus.add(item.path("sku").asString()));
		second.path("items").forEach((item) -> skus.add(item.path("sku").asString()));
		assertThat(skus).hasSize(4).isSorted().doesNotHaveDuplicates();
		JsonNode defaults = JSON.readTree(get("/api/products", null).body());
		assertThat(defaults.path("size").asInt()).isEqualTo(20);
	}

	@Test
	void refusesBadPagingWithBadRequestProblem() throws Exception {
		for (String query : List.of("size=0", "size=101", "page=-1", "page=abc", "size=x")) {
			assertProblem(get("/api/products?" + query, null), 400);
		}
	}

	private static String newProduct(String sku, long price, long stock) {
		return """
				{ "sku": "%s", "name": "Mug %s", "unitPriceMinor": %d, "initialStock": %d }""".formatted(sku, sku,
				price, stock);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String token, String json) throws Exception {
		return this.http.send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

}
