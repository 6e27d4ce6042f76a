package dev.shopflow.defaults.security;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every servlet service checks the bearer token itself (defence in depth behind the
 * gateway): an OAuth2 resource server whose JWT roles claim
 * ({@code shopflow.security.roles-claim}) becomes roles ({@code customer},
 * {@code admin}). Probes, metrics and the API documents stay open; so do the GET paths a
 * service lists in {@code shopflow.security.public-get-paths}; everything else needs a
 * valid token. Sessions are never created.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServletSecurityAutoConfiguration {

	/**
	 * The probes of the public port, the open actuator endpoints of the management port
	 * (whose requests pass this chain too), the API document and the error page.
	 */
	private static final String[] OPEN_PATHS = { "/livez", "/readyz", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error" };

	@Bean
	SecurityFilterChain shopflowSecurityFilterChain(HttpSecurity http, SecurityProperties properties) {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
		JwtAuthenticationConverter authentication = TokenChecks.authenticationConverter(properties.rolesClaim());
		List<String> publicGetPaths = properties.publicGetPaths();
		// a stateless API: no CSRF tokens, sessions, saved requests or logout endpoint
		// (each is
		// a filter every request would pass through for nothing)
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(OPEN_PATHS).permitAll();
				if (!publicGetPaths.isEmpty()) {
					requests.requestMatchers(HttpMethod.GET, publicGetPaths.toArray(String[]::new)).permitAll();
				}
				// operators' endpoints (dead letters): admin only, whatever the
				// controller says
				requests.requestMatchers("/api/admin/**").hasRole(Caller.ADMIN);
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	@Bean
	SecurityProblemsAdvice securityProblemsAdvice() {
		return new SecurityProblemsAdvice();
	}

	@Bean
	WebMvcConfigurer callerArgumentResolverConfigurer(SecurityProperties properties) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver(properties.rolesClaim()));
			}
		};
	}

}
