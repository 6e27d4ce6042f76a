package dev.shopflow.order.order;

/** The order already ended as rejected or cancelled: there is nothing left to cancel. */
public class OrderNotCancellableException extends RuntimeException {

	OrderNotCancellableException(OrderId id, OrderStatus status) {
		super("Order " + id + " is " + status + " and cannot be cancelled.");
	}

}
