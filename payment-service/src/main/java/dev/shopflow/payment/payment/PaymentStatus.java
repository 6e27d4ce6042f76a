package dev.shopflow.payment.payment;

/** Where a payment stands. */
public enum PaymentStatus {

	/** The outcome at the provider is not known yet. */
	PENDING,

	/** Charged exactly once. */
	SUCCEEDED,

	/** Declined; nothing charged. */
	DECLINED,

	/** Charged and refunded. */
	REFUNDED,

	/** The provider refused the request for good (not a decline); nothing charged. */
	FAILED

}
