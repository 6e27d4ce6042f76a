package dev.shopflow.inventory.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue's use cases: list and look up products, add products, adjust stock. */
@Service
class ProductCatalogue {

	private static final Logger log = LoggerFactory.getLogger(ProductCatalogue.class);

	private final ProductRepository products;

	ProductCatalogue(ProductRepository products) {
		this.products = products;
	}

	@Transactional
	Product add(String sku, String name, long unitPriceMinor, long initialStock) {
		Product product = Product.create(sku, name, unitPriceMinor, initialStock);
		if (!this.products.addIfAbsent(product)) {
			throw new DuplicateSkuException(sku);
		}
		log.info("Product {} added with {} units", sku, initialStock);
		return product;
	}

	@Transactional(readOnly = true)
	Product product(String sku) {
		return this.products.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	@Transactional(readOnly = true)
	Page page(int page, int size) {
		return new Page(this.products.page((long) page * size, size), this.products.count());
	}

	@Transactional
	Product adjustStock(String sku, long delta) {
		Product adjusted = this.products.adjustStock(sku, delta).orElseThrow(() -> {
			Product product = product(sku);
			return new InsufficientStockException(sku, delta, product.available());
		});
		log.info("Stock of {} adjusted by {} to {} available", sku, delta, adjusted.available());
		return adjusted;
	}

	record Page(java.util.List<Product> items, long totalItems) {
	}

}
