package dev.shopflow.defaults.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a service's token check ({@code shopflow.security.*}). Where tokens come
 * from is Spring Boot's resource server configuration ({@code JWT_JWK_SET_URI}).
 *
 * @param publicGetPaths Ant patterns that anyone may read without a token, e.g.
 * {@code /api/products/**}
 * @param tokenCacheSize how many verified tokens an instance remembers (0: verify every
 * request's token)
 * @param tokenCacheMaxAge the longest a verified token is remembered (never past its
 * {@code exp})
 */
@ConfigurationProperties("shopflow.security")
public record SecurityProperties(@DefaultValue( {
	}) List<String> publicGetPaths, @DefaultValue("10000") long tokenCacheSize,
		@DefaultValue("5m") Duration tokenCacheMaxAge){

}
