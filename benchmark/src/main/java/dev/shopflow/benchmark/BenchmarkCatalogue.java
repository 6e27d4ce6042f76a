package dev.shopflow.benchmark;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The products the benchmark orders from, {@code BENCH-0001} and up, created with a stock
 * far beyond anything a run can sell, so that no order is rejected for lack of stock.
 */
final class BenchmarkCatalogue {

	/** The largest initial stock inventory-service accepts. */
	static final long INITIAL_STOCK = 1_000_000_000L;

	private BenchmarkCatalogue() {
	}

	/**
	 * Creates the products that do not exist yet.
	 * @param shop the client
	 * @param adminToken an admin token
	 * @param count how many products
	 * @return the skus
	 */
	static List<String> seed(ShopClient shop, String adminToken, int count) throws Exception {
		List<String> skus = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String sku = "BENCH-%04d".formatted(i);
			HttpResponse<String> response = shop.createProduct(adminToken, sku, 100 + i * 7L, INITIAL_STOCK);
			if (response.statusCode() != 201 && response.statusCode() != 409) {
				throw new IllegalStateException(
						"Could not create " + sku + ": " + response.statusCode() + " " + response.body());
			}
			skus.add(sku);
		}
		long available = ShopClient.JSON.readTree(shop.product(skus.getFirst()).body()).path("available").asLong();
		if (available < 10_000_000) {
			System.err.println("Warning: " + skus.getFirst() + " has only " + available
					+ " units left; orders may be rejected OUT_OF_STOCK");
		}
		return skus;
	}

}
