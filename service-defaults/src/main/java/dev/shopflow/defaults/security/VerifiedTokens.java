package dev.shopflow.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Bearer tokens this instance has already verified, until they expire: a customer who
 * places an order and then polls it sends the same token many times, and verifying its
 * RS256 signature again each time was the largest single cost of the gateway and of
 * order-service under load (docs/performance.md). The key is the whole token string, so
 * only a byte-identical token (same signature) hits; an entry lives no longer than the
 * token's {@code exp} and at most {@code maxAge}, and a token that failed verification is
 * never remembered. Bounded (Caffeine, size-based eviction).
 */
public final class VerifiedTokens {

	private final Cache<String, Jwt> cache;

	private final Clock clock;

	/**
	 * A cache of verified tokens.
	 * @param maximumSize how many tokens at most
	 * @param maxAge the longest an entry lives, whatever the token's expiry
	 * @param clock the clock expiry is measured with
	 */
	public VerifiedTokens(long maximumSize, Duration maxAge, Clock clock) {
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt, maxAge)))
			.build();
	}

	private Duration lifetime(Jwt jwt, Duration maxAge) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return maxAge;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : (left.compareTo(maxAge) < 0 ? left : maxAge);
	}

	Jwt get(String token) {
		Jwt jwt = this.cache.getIfPresent(token);
		if (jwt == null) {
			return null;
		}
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null && !expiresAt.isAfter(this.clock.instant())) {
			this.cache.invalidate(token);
			return null;
		}
		return jwt;
	}

	void put(String token, Jwt jwt) {
		this.cache.put(token, jwt);
	}

	/**
	 * A decoder that asks the cache first and remembers what its delegate verified.
	 * @param delegate the verifying decoder
	 * @return the caching decoder
	 */
	public JwtDecoder decoder(JwtDecoder delegate) {
		return (token) -> {
			Jwt cached = get(token);
			if (cached != null) {
				return cached;
			}
			Jwt verified = delegate.decode(token);
			put(token, verified);
			return verified;
		};
	}

	/**
	 * The reactive counterpart of {@link #decoder(JwtDecoder)}.
	 * @param delegate the verifying decoder
	 * @return the caching decoder
	 */
	public ReactiveJwtDecoder reactiveDecoder(ReactiveJwtDecoder delegate) {
		return (token) -> {
			Jwt cached = get(token);
			if (cached != null) {
				return Mono.just(cached);
			}
			return delegate.decode(token).doOnNext((verified) -> put(token, verified));
		};
	}

	/**
	 * Wraps every {@link JwtDecoder} and {@link ReactiveJwtDecoder} bean of the context,
	 * whoever declared it (Boot's auto-configuration or a test), with one cache.
	 * @param tokens the cache
	 * @return the post-processor
	 */
	static BeanPostProcessor wrapDecoders(VerifiedTokens tokens) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JwtDecoder decoder) {
					return tokens.decoder(decoder);
				}
				if (bean instanceof ReactiveJwtDecoder decoder) {
					return tokens.reactiveDecoder(decoder);
				}
				return bean;
			}
		};
	}

}
