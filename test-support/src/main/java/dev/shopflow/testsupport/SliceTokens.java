package dev.shopflow.testsupport;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Callers of a {@code @WebMvcTest} slice that runs the services' real security chain
 * (kept apart from {@link SliceTests} so that a slice without Spring Security, such as
 * psp-simulator's, can load that one).
 */
public final class SliceTokens {

	private SliceTokens() {
	}

	/**
	 * A token as the services read it: its {@code roles} claim, and {@code ROLE_}
	 * authorities from it.
	 * @param subject the caller's {@code sub}
	 * @param roles its roles
	 * @return the request post-processor that authenticates the request
	 */
	public static RequestPostProcessor token(String subject, String... roles) {
		return jwt().jwt((token) -> token.subject(subject).claim("roles", List.of(roles)))
			.authorities(Arrays.stream(roles)
				.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
				.toList());
	}

}
