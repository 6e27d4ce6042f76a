package dev.shopflow.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Bearer tokens for tests, signed RS256 with a key pair made for this test JVM; services
 * under test trust it through {@link Decoder} (included by
 * {@link ShopflowIntegrationTest}).
 */
public final class TestTokens {

	/**
	 * The issuer of the tokens, the services' default ({@code shopflow.security.issuer}).
	 */
	public static final String ISSUER = "shopflow-dev";

	/** The audience of the tokens, the services' default. */
	public static final String AUDIENCE = "shopflow";

	private static final KeyPair KEYS = rsaKeyPair();

	private static final KeyPair STRANGER = rsaKeyPair();

	private TestTokens() {
	}

	/**
	 * A customer's token, valid for an hour.
	 * @param customerId the {@code sub}
	 * @return the JWT
	 */
	public static String customer(String customerId) {
		return token(customerId, List.of("customer"), Duration.ofHours(1));
	}

	/**
	 * An operator's token, valid for an hour.
	 * @return the JWT
	 */
	public static String admin() {
		return token("admin", List.of("admin"), Duration.ofHours(1));
	}

	/**
	 * A token that expired a while ago.
	 * @param subject the {@code sub}
	 * @return the JWT
	 */
	public static String expired(String subject) {
		return token(subject, List.of("customer"), Duration.ofMinutes(-10));
	}

	/**
	 * A well-formed token signed with a key nobody trusts.
	 * @param subject the {@code sub}
	 * @return the JWT
	 */
	public static String signedByStranger(String subject) {
		return sign(claims(subject, List.of("admin"), Duration.ofHours(1)), STRANGER);
	}

	/**
	 * A token with any subject, roles and time to live (negative: already expired).
	 * @param subject the {@code sub}
	 * @param roles the {@code roles} claim
	 * @param ttl how long it is valid from now
	 * @return the JWT
	 */
	public static String token(String subject, List<String> roles, Duration ttl) {
		return sign(claims(subject, roles, ttl), KEYS);
	}

	/**
	 * A customer's token, valid for an hour, changed as a test needs: another issuer, no
	 * {@code sub}, Keycloak's claims...
	 * @param change what to change in the claims
	 * @return the JWT
	 */
	public static String with(UnaryOperator<JWTClaimsSet.Builder> change) {
		return sign(change.apply(new JWTClaimsSet.Builder(claims("alice", List.of("customer"), Duration.ofHours(1))))
			.build(), KEYS);
	}

	/**
	 * A customer's token whose header names a key id.
	 * @param keyId the {@code kid}
	 * @return the JWT
	 */
	public static String withKeyId(String keyId) {
		return sign(claims("alice", List.of("customer"), Duration.ofHours(1)), KEYS, keyId);
	}

	/**
	 * The trusted public key as a JWK set document.
	 * @param keyId the key's {@code kid}
	 * @return the JSON
	 */
	public static String jwkSet(String keyId) {
		return new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID(keyId).build()).toString();
	}

	private static JWTClaimsSet claims(String subject, List<String> roles, Duration ttl) {
		Instant now = Instant.now();
		Instant issuedAt = ttl.isNegative() ? now.plus(ttl).minus(Duration.ofMinutes(5)) : now;
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(now.plus(ttl)))
			.build();
	}

	private static String sign(JWTClaimsSet claims, KeyPair keys) {
		return sign(claims, keys, null);
	}

	private static String sign(JWTClaimsSet claims, KeyPair keys, String keyId) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
			jwt.sign(new RSASSASigner(keys.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes the application under test trust {@link TestTokens}. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Decoder {

		@Bean
		JwtDecoder testJwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
		}

	}

	/** Makes a reactive application under test (the gateway) trust {@link TestTokens}. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class ReactiveDecoder {

		@Bean
		ReactiveJwtDecoder testReactiveJwtDecoder() {
			return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
		}

	}

}
