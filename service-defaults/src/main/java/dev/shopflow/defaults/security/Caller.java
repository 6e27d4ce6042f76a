package dev.shopflow.defaults.security;

import java.util.Set;

/**
 * Who is calling: the {@code sub} of the caller's token and its roles. A controller
 * method declares a {@code Caller} parameter to receive it.
 *
 * @param id the customer id ({@code sub})
 * @param roles the roles ({@code customer}, {@code admin})
 */
public record Caller(String id, Set<String> roles) {

	/** The role of shop customers. */
	public static final String CUSTOMER = "customer";

	/** The role of operators, who see and change everything. */
	public static final String ADMIN = "admin";

	public Caller {
		roles = Set.copyOf(roles);
	}

	/**
	 * Whether the caller is an operator.
	 * @return {@code true} for the admin role
	 */
	public boolean isAdmin() {
		return this.roles.contains(ADMIN);
	}

	/**
	 * Whether the caller may see something owned by a customer: its owner, or an admin.
	 * @param ownerId the owning customer's id
	 * @return {@code true} if it may
	 */
	public boolean mayAccess(String ownerId) {
		return isAdmin() || this.id.equals(ownerId);
	}

}
