package dev.shopflow.payment.payment;

/**
 * The provider's answer is not known: it could not be reached, or its circuit is open.
 */
class ProviderUnavailableException extends RuntimeException {

	ProviderUnavailableException(String message) {
		super(message);
	}

}
