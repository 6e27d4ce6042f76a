package dev.shopflow.psp.system;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin token check on its own: the right bearer token passes, nothing else does. */
class AdminTokenFilterTests {

	@Test
	void passesTheRightBearerTokenOn() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		MockHttpServletResponse response = filter(new AdminProperties("s3cret-token"), "Bearer s3cret-token", chain);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void ignoresTheLineBreakATokenFromAFileEndsWith() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		filter(new AdminProperties("s3cret-token\n"), "Bearer s3cret-token", chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void acceptsTheSchemeInAnyCase() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		filter(new AdminProperties("s3cret-token"), "bearer s3cret-token", chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void answersAMissingTokenWithAnUnauthorizedProblem() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		MockHttpServletResponse response = filter(new AdminProperties("s3cret-token"), null, chain);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.getContentAsString()).contains("\"type\":\"https://shopflow.dev/problems/unauthorized\"")
			.contains("\"instance\":\"/admin/faults\"")
			.doesNotContain("s3cret");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void refusesEveryCallWhenNoTokenIsConfigured() throws Exception {
		for (String configured : new String[] { null, "", "  " }) {
			MockFilterChain chain = new MockFilterChain();

			MockHttpServletResponse response = filter(new AdminProperties(configured), "Bearer ", chain);

			assertThat(response.getStatus()).as("token '%s'", configured).isEqualTo(401);
			assertThat(response.getContentAsString()).contains("PSP_ADMIN_TOKEN");
			assertThat(chain.getRequest()).isNull();
		}
	}

	private static MockHttpServletResponse filter(AdminProperties properties, String authorization, FilterChain chain)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/admin/faults");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		new AdminTokenFilter(properties).doFilter(request, response, chain);
		return response;
	}

}
