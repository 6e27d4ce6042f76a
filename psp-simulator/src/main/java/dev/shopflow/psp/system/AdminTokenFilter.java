package dev.shopflow.psp.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.shopflow.defaults.Problems;
import dev.shopflow.defaults.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to {@code /admin/**} through only with the admin token as its bearer
 * token; anything else is a 401 problem before any controller runs (also for unknown
 * admin paths and wrong methods, which reveal nothing then). The token is compared in
 * constant time ({@link MessageDigest#isEqual}), so the answer's timing does not tell how
 * much of a guess was right.
 */
class AdminTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final byte[] token;

	AdminTokenFilter(AdminProperties properties) {
		// trimmed: a token read from a file or Secret often ends with a line break
		this.token = properties.configured() ? properties.token().trim().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"psp-simulator-admin\"");
		ProblemResponses.write(response, request,
				Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
						(this.token != null) ? "The admin endpoints need the simulator's admin token as bearer token."
								: "The admin endpoints are off: no admin token (PSP_ADMIN_TOKEN) is configured."));
	}

	private boolean authorized(String authorization) {
		if (this.token == null || authorization == null
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return false;
		}
		byte[] sent = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
		// the time depends on the configured token's length only, never on how much
		// matched
		return MessageDigest.isEqual(this.token, sent);
	}

}
