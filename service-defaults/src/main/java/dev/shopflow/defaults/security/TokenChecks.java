package dev.shopflow.defaults.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * What makes a signed token acceptable, in the services and the gateway alike: the
 * configured issuer and audience, a {@code sub}, an {@code exp} not passed by more than
 * the clock skew; and where its roles are.
 */
public final class TokenChecks {

	private static final int FETCH_CONNECT_TIMEOUT_MS = 2_000;

	private static final int FETCH_READ_TIMEOUT_MS = 3_000;

	private static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

	private TokenChecks() {
	}

	/**
	 * The validator of every decoder.
	 * @param properties the settings
	 * @return Spring Security's validators for the settings
	 */
	public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		return JwtValidators.createDefaultWithValidators(List.of(timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText)));
	}

	/**
	 * A key set fetched from a URL, cached, and fetched again at most once per interval
	 * however many tokens with unknown key ids arrive (Nimbus' rate limiting, which
	 * Spring's {@code withJwkSetUri} turns off).
	 * @param jwkSetUri where the key set is published
	 * @param refetchInterval the shortest time between two fetches
	 * @return the key source
	 */
	public static JWKSource<SecurityContext> jwkSource(String jwkSetUri, Duration refetchInterval) {
		try {
			// Nimbus' defaults give the fetch 500 ms to connect and 500 ms to
			// read: a busy issuer (the gateway in local mode, on a loaded 2-core
			// machine) misses that, and the failed fetch then blocks the next ones
			// for the rate limit's interval, refusing every new token meanwhile.
			// Seconds, one retry, and the cached keys kept in use for an hour while
			// the issuer cannot be reached.
			return JWKSourceBuilder
				.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
						new DefaultResourceRetriever(FETCH_CONNECT_TIMEOUT_MS, FETCH_READ_TIMEOUT_MS,
								JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
				.refreshAheadCache(false)
				.retrying(true)
				.outageTolerant(OUTAGE_TOLERANCE.toMillis())
				.rateLimited(refetchInterval.toMillis())
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a JWK set URL: " + jwkSetUri, ex);
		}
	}

	/**
	 * Turns a token into an authentication whose authorities are its roles
	 * ({@code ROLE_customer}, {@code ROLE_admin}) and whose name is its {@code sub}.
	 * @param claimPath the roles claim
	 * @return the converter
	 */
	public static JwtAuthenticationConverter authenticationConverter(String claimPath) {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> roles(jwt, claimPath).stream()
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList());
		return converter;
	}

	/**
	 * The roles a token carries.
	 * @param jwt the token
	 * @param claimPath the claim, dots separating nested objects
	 * ({@code realm_access.roles})
	 * @return the roles, empty if there are none
	 */
	public static Set<String> roles(Jwt jwt, String claimPath) {
		Object value = jwt.getClaims();
		for (String name : claimPath.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return Set.of();
			}
			value = map.get(name);
		}
		if (value instanceof Collection<?> roles) {
			return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
		}
		return (value instanceof String role) ? Set.of(role) : Set.of();
	}

}
