package dev.shopflow.inventory.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A new product for the catalogue.
 *
 * @param sku the stock keeping unit, {@code [A-Z0-9][A-Z0-9-]{0,63}}
 * @param name the display name
 * @param unitPriceMinor the unit price in minor units, above 0
 * @param initialStock the units in stock, 0..1,000,000,000
 */
record CreateProductRequest(@NotNull @Pattern(regexp = Skus.PATTERN, message = "must match " + Skus.PATTERN) String sku,
		@NotBlank @Size(max = 200) @Pattern(regexp = "\\P{Cntrl}*",
				message = "must not contain control characters") String name,
		@NotNull @Positive Long unitPriceMinor, @NotNull @PositiveOrZero @Max(MAX_STOCK) Long initialStock) {

	/** A bound far above any real stock, so that unit counts never overflow. */
	static final long MAX_STOCK = 1_000_000_000L;

}
