package dev.shopflow.gateway.security;

import dev.shopflow.defaults.security.SecurityProperties;
import dev.shopflow.defaults.security.TokenChecks;
import dev.shopflow.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway checks every token before a request reaches a service (which checks it
 * again). The catalogue can be read without a token; everything else under {@code /api}
 * needs a valid one: the issuer, audience, {@code sub} and {@code exp} of
 * {@code shopflow.security.*}, as in the services ({@link TokenChecks}). Roles are
 * checked by the services, and here for the admin-only paths. Failures are problems like
 * every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurityConfiguration {

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, SecurityProperties properties) {
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
				.pathMatchers(HttpMethod.POST, "/api/products", "/api/products/*/stock", "/api/payments",
						"/api/payments/*/refund")
				.hasRole("admin")
				// operators' endpoints of the services (dead letters)
				.pathMatchers("/api/admin/**")
				.hasRole("admin")
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
						TokenChecks.authenticationConverter(properties.rolesClaim()))))
				.authenticationEntryPoint((exchange, ex) -> Mono
					.error(unauthorized(exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))))
				.accessDeniedHandler((exchange, ex) -> Mono.error(forbidden())))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint((exchange, ex) -> Mono.error(unauthorized(false)))
						.accessDeniedHandler((exchange, ex) -> Mono.error(forbidden())))
			.build();
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
				ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						tokenSent ? "The bearer token is malformed, expired or not signed by a trusted issuer."
								: "This call needs a bearer token."),
				null);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
		return ex;
	}

	private static ErrorResponseException forbidden() {
		return new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"The token does not carry the role this call needs."), null);
	}

}
