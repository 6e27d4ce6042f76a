package dev.shopflow.gateway.security;

import java.util.List;
import java.util.stream.Stream;

import dev.shopflow.defaults.Problems;
import dev.shopflow.defaults.security.SecurityProperties;
import dev.shopflow.defaults.security.TokenChecks;
import dev.shopflow.gateway.ratelimit.RefusedTokens;
import dev.shopflow.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway checks every token before a request reaches a service (which checks it
 * again). The catalogue can be read without a token; everything else under {@code /api}
 * needs a valid one: the issuer, audience, {@code sub} and {@code exp} of
 * {@code shopflow.security.*}, as in the services ({@link TokenChecks}). Roles are
 * checked by the services, and here for the admin-only paths. Failures are problems like
 * every other error; a refused token counts toward the rate limit of the address it came
 * from ({@link RefusedTokens}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurityConfiguration {

	private static final PathPatternParser ANY_CASE = caseInsensitive();

	/** Calls that change the catalogue or move money by hand. */
	private static final List<PathPattern> ADMIN_POSTS = Stream
		.of("/api/products", "/api/products/*/stock", "/api/payments", "/api/payments/*/refund")
		.map(ANY_CASE::parse)
		.toList();

	/** The services' operator endpoints (dead letters), whatever the method. */
	private static final PathPattern ADMIN_PATHS = ANY_CASE.parse("/api/admin/**");

	/**
	 * Admin-only requests, matched without regard to case or trailing slashes: a variant
	 * such as {@code POST /api/products/} would otherwise pass as a customer's call and
	 * reach the service, which is then the only one to refuse it.
	 */
	private static final ServerWebExchangeMatcher ADMIN_ONLY = (exchange) -> {
		PathContainer path = PathContainer
			.parsePath(exchange.getRequest().getPath().pathWithinApplication().value().replaceAll("/+$", ""));
		boolean adminOnly = ADMIN_PATHS.matches(path) || (HttpMethod.POST.equals(exchange.getRequest().getMethod())
				&& ADMIN_POSTS.stream().anyMatch((pattern) -> pattern.matches(path)));
		return adminOnly ? MatchResult.match() : MatchResult.notMatch();
	};

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, SecurityProperties properties,
			RefusedTokens refusedTokens) {
		ServerAuthenticationEntryPoint refuseToken = (exchange, ex) -> Mono
			.error(unauthorized(exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)));
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.cors(Customizer.withDefaults())
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/products", "/api/products/**")
				.permitAll()
				// operators' calls, also spelled with a trailing slash or in another case
				.matchers(ADMIN_ONLY)
				.hasRole("admin")
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
						TokenChecks.authenticationConverter(properties.rolesClaim()))))
				.authenticationEntryPoint(refuseToken)
				.authenticationFailureHandler(countedAgainstTheAddress(refuseToken, refusedTokens))
				.accessDeniedHandler((exchange, ex) -> Mono.error(forbidden())))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint((exchange, ex) -> Mono.error(unauthorized(false)))
						.accessDeniedHandler((exchange, ex) -> Mono.error(forbidden())))
			.build();
	}

	/**
	 * A refused token is first counted against the address it came from: over that
	 * address's limit the caller gets a 429 problem instead of the 401.
	 */
	private static ServerAuthenticationFailureHandler countedAgainstTheAddress(ServerAuthenticationEntryPoint refuse,
			RefusedTokens refusedTokens) {
		ServerAuthenticationFailureHandler unauthorized = new ServerAuthenticationEntryPointFailureHandler(refuse);
		return (filterExchange, ex) -> refusedTokens.count(filterExchange.getExchange())
			.then(Mono.defer(() -> unauthorized.onAuthenticationFailure(filterExchange, ex)));
	}

	private static PathPatternParser caseInsensitive() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.addAllowedMethod("*");
		cors.addAllowedHeader("*");
		cors.addExposedHeader("Location");
		cors.addExposedHeader("Retry-After");
		cors.addExposedHeader("X-Request-Id");
		cors.addExposedHeader("Idempotent-Replayed");
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

	private static ErrorResponseException unauthorized(boolean tokenSent) {
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.UNAUTHORIZED,
				Problems.unauthorized(tokenSent), null);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
		return ex;
	}

	private static ErrorResponseException forbidden() {
		return new ErrorResponseException(HttpStatus.FORBIDDEN, Problems.forbidden(), null);
	}

}
