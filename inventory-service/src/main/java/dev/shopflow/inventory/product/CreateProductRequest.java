package dev.shopflow.inventory.product;

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
 * @param initialStock the units in stock, 0 or more
 */
record CreateProductRequest(@NotNull @Pattern(regexp = Skus.PATTERN, message = "must match " + Skus.PATTERN) String sku,
		@NotBlank @Size(max = 200) String name, @NotNull @Positive Long unitPriceMinor,
		@NotNull @PositiveOrZero Long initialStock) {

}
