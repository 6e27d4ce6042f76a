package dev.shopflow.common.messages;

import java.util.regex.Pattern;

/**
 * The format of a payment's {@code transactionId}, in {@code POST /api/payments} and in
 * {@link ChargePayment}: 1 to 64 letters, digits and {@code - . _ ~ : @}, characters that
 * stand unescaped in a URL path ({@code /api/payments/{transactionId}}) and in the
 * provider's {@code Idempotency-Key} header. The saga's ids ({@code order-<uuid>}) fit.
 */
public final class TransactionIds {

	/** The format as a regular expression, for bean validation. */
	public static final String PATTERN = "[A-Za-z0-9._~:@-]{1,64}";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private TransactionIds() {
	}

	/**
	 * Whether a transaction id has the format.
	 * @param transactionId the id, may be {@code null}
	 * @return {@code true} if it is valid
	 */
	public static boolean isValid(String transactionId) {
		return transactionId != null && COMPILED.matcher(transactionId).matches();
	}

}
