package dev.shopflow.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void verifiesATokenOnceWhileItIsValid() {
		JwtDecoder decoder = tokens(NOW).decoder(verifying(NOW.plusSeconds(600)));
		Jwt first = decoder.decode("token-a");
		Jwt second = decoder.decode("token-a");
		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		decoder.decode("token-b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverServesATokenPastItsExpiry() {
		MutableClock clock = new MutableClock(NOW);
		JwtDecoder decoder = new VerifiedTokens(100, Duration.ofMinutes(5), clock)
			.decoder(verifying(NOW.plusSeconds(30)));
		decoder.decode("token-a");
		clock.now = NOW.plusSeconds(31);
		decoder.decode("token-a");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverRemembersATokenThatFailedVerification() {
		JwtDecoder decoder = tokens(NOW).decoder((token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		});
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void cachesForTheReactiveGatewayToo() {
		JwtDecoder verifying = verifying(NOW.plusSeconds(600));
		ReactiveJwtDecoder decoder = tokens(NOW)
			.reactiveDecoder((token) -> Mono.fromCallable(() -> verifying.decode(token)));
		Jwt first = decoder.decode("token-a").block();
		assertThat(decoder.decode("token-a").block()).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	private static VerifiedTokens tokens(Instant now) {
		return new VerifiedTokens(100, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
	}

	private JwtDecoder verifying(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("alice")
				.issuedAt(expiresAt.minusSeconds(900))
				.expiresAt(expiresAt)
				.build();
		};
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
