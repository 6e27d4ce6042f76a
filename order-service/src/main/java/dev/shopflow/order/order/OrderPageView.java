package dev.shopflow.order.order;

import java.util.List;

/**
 * One page of orders, newest first.
 *
 * @param items the orders
 * @param page the page number, from 0
 * @param size the page size
 * @param totalItems how many orders match in all
 */
public record OrderPageView(List<OrderView> items, int page, int size, long totalItems) {

}
