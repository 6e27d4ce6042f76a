package dev.shopflow.order.order;

/** Which reply the saga of an order waits for. */
enum SagaStep {

	/**
	 * {@code ReserveStock} sent, waiting for {@code StockReserved}/{@code StockRejected}.
	 */
	RESERVING_STOCK,

	/** {@code ChargePayment} sent (or due again), waiting for the payment's outcome. */
	CHARGING_PAYMENT,

	/**
	 * {@code CommitStock} sent, its {@code StockCommitted} not yet recorded (the order is
	 * confirmed, or cancelled after that; an earlier version waited here while pending).
	 */
	COMMITTING_STOCK,

	/** Nothing: the saga ended (the order is confirmed, rejected or cancelled). */
	FINISHED

}
