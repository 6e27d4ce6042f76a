package dev.shopflow.testsupport;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assertion every {@code @WebMvcTest} slice makes of an error: the answer is a
 * Shopflow RFC 9457 problem of a given type. Tokens: {@link SliceTokens}.
 */
public final class SliceTests {

	private SliceTests() {
	}

	/**
	 * Asserts that the request is answered with an RFC 9457 problem of Shopflow's type
	 * {@code slug}.
	 * @param request the request
	 * @param status the expected status
	 * @param slug the last part of the problem type URI
	 * @param title the expected title
	 * @return the body, for further assertions
	 */
	public static AbstractJsonContentAssert<?> assertProblem(MockMvcRequestBuilder request, HttpStatus status,
			String slug, String title) {
		return assertThat(request).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{ \"type\": \"https://shopflow.dev/problems/" + slug + "\", \"title\": \"" + title
					+ "\", \"status\": " + status.value() + " }");
	}

}
