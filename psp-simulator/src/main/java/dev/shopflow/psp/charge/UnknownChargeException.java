package dev.shopflow.psp.charge;

/** No charge has that id. */
class UnknownChargeException extends RuntimeException {

	UnknownChargeException(String chargeId) {
		super("No charge " + chargeId);
	}

}
