package dev.shopflow.order.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. Prices are never taken from the client.
 *
 * @param items the lines: 1 to 50, each sku once
 * @param paymentMethod how to pay
 */
public record PlaceOrderRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid LineRequest> items,
		@NotNull @Valid PaymentMethodRequest paymentMethod) {

	/**
	 * One line of the order.
	 *
	 * @param sku the product
	 * @param quantity how many units, 1 to 1000
	 */
	public record LineRequest(@NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,63}") String sku,
			@NotNull @Min(1) @Max(1000) Integer quantity) {

	}

	/**
	 * The customer's payment method.
	 *
	 * @param token the card token issued by the provider; never logged
	 */
	public record PaymentMethodRequest(@NotBlank @Size(max = 255) String token) {

		@Override
		public String toString() {
			return "PaymentMethodRequest[token=***]";
		}

	}

	void checkEachSkuOnce() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < this.items.size(); i++) {
			if (!seen.add(this.items.get(i).sku())) {
				throw new DuplicateSkuException(i, this.items.get(i).sku());
			}
		}
	}

	/**
	 * A hash of what the request asks for, the same for requests that differ only in line
	 * order or in fields this API ignores: two requests with one idempotency key must
	 * have the same fingerprint.
	 * @return the SHA-256 of the canonical form, hex
	 */
	String fingerprint() {
		String canonical = this.items.stream()
			.sorted(Comparator.comparing(LineRequest::sku))
			.map((line) -> line.sku() + "=" + line.quantity())
			.collect(Collectors.joining(",", "items:", ";token:" + this.paymentMethod.token()));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "PlaceOrderRequest[items=" + this.items + "]";
	}

}
