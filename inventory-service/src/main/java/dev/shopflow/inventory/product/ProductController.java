package dev.shopflow.inventory.product;

import java.net.URI;

import dev.shopflow.inventory.system.InventoryProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue over HTTP (API.md, "Catalogue and stock"): anyone reads, admins add
 * products and adjust stock.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final ProductCatalogue catalogue;

	private final String currency;

	ProductController(ProductCatalogue catalogue, InventoryProperties properties) {
		this.catalogue = catalogue;
		this.currency = properties.currency();
	}

	/**
	 * A page of products ordered by sku; public.
	 * @param page the page number, from 0
	 * @param size products per page, 1..100
	 * @return the page
	 */
	@GetMapping
	ProductPageView products(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		ProductCatalogue.Page found = this.catalogue.page(page, size);
		return new ProductPageView(found.items().stream().map(this::view).toList(), page, size, found.totalItems());
	}

	/**
	 * One product; public.
	 * @param sku the product's sku
	 * @return the product
	 */
	@GetMapping("/{sku}")
	ProductView product(@PathVariable String sku) {
		return view(this.catalogue.product(sku));
	}

	/**
	 * Adds a product; admins only.
	 * @param request the product
	 * @return 201 with the product and its {@code Location}
	 */
	@PostMapping
	@PreAuthorize("hasRole('admin')")
	ResponseEntity<ProductView> add(@Valid @RequestBody CreateProductRequest request) {
		Product product = this.catalogue.add(request.sku(), request.name().strip(), request.unitPriceMinor(),
				request.initialStock());
		return ResponseEntity.created(URI.create("/api/products/" + product.sku())).body(view(product));
	}

	/**
	 * Adds or takes away available units; admins only.
	 * @param sku the product's sku
	 * @param request the change
	 * @return the adjusted product
	 */
	@PostMapping("/{sku}/stock")
	@PreAuthorize("hasRole('admin')")
	ProductView adjustStock(@PathVariable String sku, @Valid @RequestBody AdjustStockRequest request) {
		return view(this.catalogue.adjustStock(sku, request.delta()));
	}

	private ProductView view(Product product) {
		return ProductView.of(product, this.currency);
	}

}
