package dev.shopflow.order.order;

/** An order names the same sku on two lines; each sku may appear once. */
public class DuplicateSkuException extends RuntimeException {

	private final int line;

	DuplicateSkuException(int line, String sku) {
		super("The sku " + sku + " appears on more than one line.");
		this.line = line;
	}

	/**
	 * The index of the second line naming the sku.
	 * @return the line index
	 */
	public int line() {
		return this.line;
	}

}
