package dev.shopflow.defaults.security;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Verifies each bearer token once per instance and lifetime instead of once per request
 * ({@link VerifiedTokens}), in the services and the gateway alike.
 */
@AutoConfiguration
@ConditionalOnClass({ Jwt.class, com.github.benmanes.caffeine.cache.Caffeine.class })
@ConditionalOnExpression("${shopflow.security.token-cache-size:10000} > 0")
public class TokenCacheAutoConfiguration {

	/**
	 * Static, as a post-processor must be; binds its settings itself for the same reason.
	 * @param environment the environment
	 * @return the post-processor wrapping the context's JWT decoders
	 */
	@Bean
	static BeanPostProcessor shopflowVerifiedTokens(Environment environment) {
		SecurityProperties properties = Binder.get(environment)
			.bindOrCreate("shopflow.security", SecurityProperties.class);
		return VerifiedTokens.wrapDecoders(
				new VerifiedTokens(properties.tokenCacheSize(), properties.tokenCacheMaxAge(), Clock.systemUTC()));
	}

}
