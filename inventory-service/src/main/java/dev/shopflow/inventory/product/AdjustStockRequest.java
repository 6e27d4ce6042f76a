package dev.shopflow.inventory.product;

import jakarta.validation.constraints.NotNull;

/**
 * A change of a product's stock by an admin (a delivery, a stock count, a write-off).
 *
 * @param delta units to add (positive) or take away (negative), never 0
 */
record AdjustStockRequest(@NotNull @NonZero Integer delta) {

}
