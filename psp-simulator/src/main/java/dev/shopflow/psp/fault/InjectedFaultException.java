package dev.shopflow.psp.fault;

/** A fault injected on purpose; answered with a 5xx, or the 4xx it names. */
public class InjectedFaultException extends RuntimeException {

	private final String kind;

	private final int status;

	InjectedFaultException(String kind) {
		this(kind, "fail-after-charge".equals(kind) ? 500 : 503);
	}

	InjectedFaultException(String kind, int status) {
		super("Injected fault: " + kind);
		this.kind = kind;
		this.status = status;
	}

	/**
	 * The HTTP status to answer.
	 * @return 500 after a charge, a 4xx for {@code client-error}, else 503
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Which fault it is.
	 * @return {@code error}, {@code timeout}, {@code fail-after-charge} or
	 * {@code client-error}
	 */
	public String kind() {
		return this.kind;
	}

}
