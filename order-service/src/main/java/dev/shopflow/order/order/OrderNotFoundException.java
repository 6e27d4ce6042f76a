package dev.shopflow.order.order;

/**
 * No such order, or not one the caller may see (a customer never learns that another
 * customer's order exists).
 */
public class OrderNotFoundException extends RuntimeException {

	OrderNotFoundException(OrderId id) {
		super("Order " + id + " was not found.");
	}

}
