package dev.shopflow.psp.fault;

/** A fault injected on purpose; answered with a 5xx. */
public class InjectedFaultException extends RuntimeException {

	private final String kind;

	InjectedFaultException(String kind) {
		super("Injected fault: " + kind);
		this.kind = kind;
	}

	/**
	 * Which fault it is.
	 * @return {@code error}, {@code timeout} or {@code fail-after-charge}
	 */
	public String kind() {
		return this.kind;
	}

}
