package dev.shopflow.defaults.security;

import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Every token decoder of the context, whoever declared it (this configuration, Boot, the
 * gateway's local issuer, a test), checks the token with {@link TokenChecks#validator};
 * and the key set of a {@code jwk-set-uri} is fetched again at most once per
 * {@code shopflow.security.jwk-set-refetch-interval}.
 */
@AutoConfiguration(
		before = { OAuth2ResourceServerAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnClass(NimbusJwtDecoder.class)
public class TokenValidationAutoConfiguration {

	private static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

	/**
	 * Static, as a post-processor must be; binds its settings itself for the same reason.
	 * Runs before initialization, so before {@link VerifiedTokens} wraps the decoders.
	 * @param environment the environment
	 * @return the post-processor setting the validators
	 */
	@Bean
	static BeanPostProcessor shopflowTokenValidators(Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof NimbusJwtDecoder decoder) {
					decoder.setJwtValidator(TokenChecks.validator(properties(environment)));
				}
				if (bean instanceof NimbusReactiveJwtDecoder decoder) {
					decoder.setJwtValidator(TokenChecks.validator(properties(environment)));
				}
				return bean;
			}
		};
	}

	static SecurityProperties properties(Environment environment) {
		return Binder.get(environment).bindOrCreate("shopflow.security", SecurityProperties.class);
	}

	static JWKSource<SecurityContext> jwkSource(Environment environment) {
		return TokenChecks.jwkSource(environment.getRequiredProperty(JWK_SET_URI),
				properties(environment).jwkSetRefetchInterval());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnProperty(JWK_SET_URI)
	static class ServletDecoder {

		@Bean
		@ConditionalOnMissingBean
		JwtDecoder jwtDecoder(Environment environment) {
			return NimbusJwtDecoder.withJwkSource(jwkSource(environment))
				.jwsAlgorithms((algorithms) -> algorithms.addAll(algorithms(environment)))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(Flux.class)
	@ConditionalOnProperty(JWK_SET_URI)
	static class ReactiveDecoder {

		@Bean
		@ConditionalOnMissingBean
		ReactiveJwtDecoder reactiveJwtDecoder(Environment environment) {
			JWKSource<SecurityContext> keys = jwkSource(environment);
			// the Nimbus source blocks (HTTP) only when it fetches, at most once per
			// interval
			NimbusReactiveJwtDecoder.JwkSourceReactiveJwtDecoderBuilder builder = NimbusReactiveJwtDecoder
				.withJwkSource((jwt) -> Mono
					.fromCallable(() -> keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMapMany(Flux::<JWK>fromIterable));
			algorithms(environment).forEach(builder::jwsAlgorithm);
			return builder.build();
		}

	}

	private static List<SignatureAlgorithm> algorithms(Environment environment) {
		String[] names = environment.getProperty("spring.security.oauth2.resourceserver.jwt.jws-algorithms",
				String[].class, new String[] { "RS256" });
		return Arrays.stream(names).map(String::trim).map(SignatureAlgorithm::from).toList();
	}

}
