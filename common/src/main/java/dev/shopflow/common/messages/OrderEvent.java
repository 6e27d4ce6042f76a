package dev.shopflow.common.messages;

/**
 * A public fact about an order, published by order-service on
 * {@code shopflow.order.events}.
 */
public sealed interface OrderEvent extends Message permits OrderConfirmed, OrderRejected, OrderCancelled {

	/**
	 * The customer ({@code sub} of the token) who placed the order.
	 * @return the customer id
	 */
	String customerId();

}
