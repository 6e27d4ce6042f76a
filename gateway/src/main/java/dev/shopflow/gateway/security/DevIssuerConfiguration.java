package dev.shopflow.gateway.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The {@code local} profile's token issuer; docker-compose.yml and k8s/ never activate
 * it. The gateway then trusts its own key directly, and the services fetch it from
 * {@code /.well-known/jwks.json}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DevIssuerConfiguration {

	@Bean
	DevKeys devKeys(@Value("${shopflow.dev-issuer.key-file:}") String keyFile) {
		return DevKeys.loadOrCreate(keyFile);
	}

	@Bean
	ReactiveJwtDecoder devJwtDecoder(DevKeys keys) throws Exception {
		return NimbusReactiveJwtDecoder.withPublicKey(keys.signingKey().toRSAPublicKey()).build();
	}

}
