package dev.shopflow.inventory.product;

import java.net.URI;

import dev.shopflow.inventory.system.InventoryProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "products", description = "The catalogue and its stock: anyone reads, admins change")
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
	@Operation(operationId = "listProducts", summary = "Lists products, ordered by sku; no token needed")
	@SecurityRequirements
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
	@Operation(operationId = "getProduct", summary = "Reads a product; no token needed")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "The product")
	@ApiResponse(responseCode = "404", description = "No product with this sku")
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
	@Operation(operationId = "createProduct", summary = "Adds a product with its initial stock")
	@ApiResponse(responseCode = "201", description = "The product",
			headers = @Header(name = "Location", description = "/api/products/{sku}",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
	@ApiResponse(responseCode = "409", description = "A product with this sku exists")
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
	@Operation(operationId = "adjustStock", summary = "Adds or takes away available units")
	@ApiResponse(responseCode = "200", description = "The product as adjusted")
	@ApiResponse(responseCode = "404", description = "No product with this sku")
	@ApiResponse(responseCode = "409", description = "Available stock would go below 0")
	ProductView adjustStock(@PathVariable String sku, @Valid @RequestBody AdjustStockRequest request) {
		return view(this.catalogue.adjustStock(sku, request.delta()));
	}

	private ProductView view(Product product) {
		return ProductView.of(product, this.currency);
	}

}
