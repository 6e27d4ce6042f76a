package dev.shopflow.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@EnableConfigurationProperties(DevIssuerProperties.class)
class DevIssuerConfiguration {

	@Bean
	DevKeys devKeys(DevIssuerProperties properties) {
		return DevKeys.loadOrCreate(properties.keyFile());
	}

	@Bean
	ReactiveJwtDecoder devJwtDecoder(DevKeys keys) throws Exception {
		return NimbusReactiveJwtDecoder.withPublicKey(keys.signingKey().toRSAPublicKey()).build();
	}

}
