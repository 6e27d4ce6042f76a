package dev.shopflow.order.idempotency;

/**
 * The value of an {@code Idempotency-Key} request header: 1 to 255 visible ASCII
 * characters. The draft defines it as a structured-field string, so a quoted value is
 * accepted and unquoted.
 *
 * @param value the key
 */
public record IdempotencyKey(String value) {

	private static final int MAX_LENGTH = 255;

	/**
	 * Reads a header value.
	 * @param header the header value, or {@code null} if absent
	 * @return the key
	 * @throws InvalidIdempotencyKeyException if it is absent or not a valid key
	 */
	public static IdempotencyKey parse(String header) {
		if (header == null || header.isEmpty()) {
			throw new InvalidIdempotencyKeyException("This call needs an Idempotency-Key header.");
		}
		String value = (header.length() >= 2 && header.startsWith("\"") && header.endsWith("\""))
				? header.substring(1, header.length() - 1) : header;
		if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			throw new InvalidIdempotencyKeyException("The Idempotency-Key must be 1 to 255 visible ASCII characters.");
		}
		return new IdempotencyKey(value);
	}

}
