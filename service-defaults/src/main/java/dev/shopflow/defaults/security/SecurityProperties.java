package dev.shopflow.defaults.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the token check of a service and of the gateway
 * ({@code shopflow.security.*}). Where the keys come from is Spring Boot's resource
 * server configuration ({@code JWT_JWK_SET_URI}). The defaults fit the gateway's
 * local-mode token issuer.
 *
 * @param publicGetPaths Ant patterns that anyone may read without a token, e.g.
 * {@code /api/products/**}
 * @param tokenCacheSize how many verified tokens an instance remembers (0: verify every
 * request's token)
 * @param tokenCacheMaxAge the longest a verified token is remembered (never past its
 * {@code exp})
 * @param issuer the {@code iss} every token must carry ({@code SHOPFLOW_SECURITY_ISSUER})
 * @param audience a value the token's {@code aud} must contain
 * ({@code SHOPFLOW_SECURITY_AUDIENCE})
 * @param rolesClaim the claim holding the roles, a dotted path for nested claims such as
 * Keycloak's {@code realm_access.roles} ({@code SHOPFLOW_SECURITY_ROLES_CLAIM})
 * @param clockSkew how long past its {@code exp} (or before its {@code nbf}) a token is
 * still accepted ({@code SHOPFLOW_SECURITY_CLOCK_SKEW})
 * @param jwkSetRefetchInterval the shortest time between two fetches of the key set, so
 * that tokens with unknown key ids cannot make every request fetch it
 */
@ConfigurationProperties("shopflow.security")
public record SecurityProperties(@DefaultValue( {
	}) List<String> publicGetPaths, @DefaultValue("10000") long tokenCacheSize,
		@DefaultValue("5m") Duration tokenCacheMaxAge, @DefaultValue("shopflow-dev") String issuer,
		@DefaultValue("shopflow") String audience, @DefaultValue("roles") String rolesClaim,
		@DefaultValue("10s") Duration clockSkew, @DefaultValue("30s") Duration jwkSetRefetchInterval){

}
