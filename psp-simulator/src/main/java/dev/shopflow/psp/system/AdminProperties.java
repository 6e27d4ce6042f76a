package dev.shopflow.psp.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the simulator's admin endpoints ({@code shopflow.psp.admin.*}).
 *
 * @param token the shared secret callers send as {@code Authorization: Bearer <token>}
 * ({@code PSP_ADMIN_TOKEN}); empty or absent: every admin call is refused
 */
@ConfigurationProperties("shopflow.psp.admin")
public record AdminProperties(String token) {

	/**
	 * Whether a token is configured.
	 * @return {@code false} when the admin endpoints are off
	 */
	boolean configured() {
		return this.token != null && !this.token.isBlank();
	}

}
