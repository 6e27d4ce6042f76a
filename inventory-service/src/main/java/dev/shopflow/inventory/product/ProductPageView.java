package dev.shopflow.inventory.product;

import java.util.List;

/**
 * One page of the catalogue, ordered by sku.
 *
 * @param items the products of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalItems how many products the catalogue holds
 */
record ProductPageView(List<ProductView> items, int page, int size, long totalItems) {

}
