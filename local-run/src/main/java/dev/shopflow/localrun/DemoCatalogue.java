package dev.shopflow.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds a small demo catalogue through the gateway, idempotently: a product that exists
 * already (409) is left as it is.
 */
public final class DemoCatalogue {

	/** The demo products: sku, name, unit price in minor units. */
	public static final List<Product> PRODUCTS = List.of(new Product("MUG-001", "Shopflow mug", 1299),
			new Product("TSHIRT-M", "Shopflow T-shirt, M", 1999), new Product("TSHIRT-L", "Shopflow T-shirt, L", 1999),
			new Product("STICKER-PACK", "Sticker pack", 499), new Product("HOODIE-L", "Shopflow hoodie, L", 4999));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoCatalogue() {
	}

	/**
	 * Makes sure every demo product exists.
	 * @param gatewayUrl the gateway
	 * @param initialStock the stock a new product starts with
	 * @return how many products were created now
	 */
	public static int seed(String gatewayUrl, int initialStock) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		String token = devToken(http, gatewayUrl, "shopflow-admin", "admin");
		int created = 0;
		for (Product product : PRODUCTS) {
			String body = JSON.writeValueAsString(
					new CreateProduct(product.sku(), product.name(), product.unitPriceMinor(), initialStock));
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/products"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 201) {
				created++;
			}
			else if (response.statusCode() != 409) {
				throw new IllegalStateException(
						"Seeding " + product.sku() + " failed: " + response.statusCode() + " " + response.body());
			}
		}
		return created;
	}

	/**
	 * A token from the gateway's local-mode issuer.
	 * @param http the client
	 * @param gatewayUrl the gateway
	 * @param subject the {@code sub}
	 * @param role the role
	 * @return the JWT
	 */
	public static String devToken(HttpClient http, String gatewayUrl, String subject, String role)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/dev/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],\"ttlSeconds\":86400}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No dev token: " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body()).path("token").asString();
	}

	/**
	 * A demo product.
	 *
	 * @param sku the sku
	 * @param name the name
	 * @param unitPriceMinor the unit price in minor units
	 */
	public record Product(String sku, String name, long unitPriceMinor) {

	}

	private record CreateProduct(String sku, String name, long unitPriceMinor, int initialStock) {

	}

}
