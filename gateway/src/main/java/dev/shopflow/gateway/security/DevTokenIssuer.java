package dev.shopflow.gateway.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shopflow.defaults.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Local mode only: {@code POST /dev/token} signs any token a developer asks for, and
 * {@code /.well-known/jwks.json} publishes its key so the services trust it. Its tokens
 * carry the configured issuer and audience ({@code shopflow.security.*}), so the gateway
 * and the services accept them. Exists only with the {@code local} profile (see
 * {@link DevIssuerConfiguration}).
 */
@RestController
@Profile("local")
class DevTokenIssuer {

	private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

	private static final Set<String> ROLES = Set.of("customer", "admin");

	private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

	private final DevKeys keys;

	private final SecurityProperties security;

	DevTokenIssuer(DevKeys keys, SecurityProperties security) {
		this.keys = keys;
		this.security = security;
		log.warn("*** DEV TOKEN ISSUER ENABLED: POST /dev/token signs ANY token. Local profile only; "
				+ "never expose this gateway to anyone. ***");
	}

	@PostMapping("/dev/token")
	Map<String, String> token(@RequestBody DevTokenRequest request) {
		request.check();
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.security.issuer())
			.audience(this.security.audience())
			.subject(request.sub())
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", request.roles())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(request.ttlSeconds())))
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keys.signingKey().getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(this.keys.signingKey()));
			return Map.of("token", jwt.serialize());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a dev token", ex);
		}
	}

	@GetMapping("/.well-known/jwks.json")
	Map<String, Object> jwks() {
		return this.keys.publicKeys().toJSONObject();
	}

	/**
	 * What token to sign.
	 *
	 * @param sub the customer id
	 * @param roles {@code customer} and/or {@code admin}
	 * @param ttlSeconds validity, 1 s to 24 h (default 1 h)
	 */
	record DevTokenRequest(String sub, List<String> roles, Long ttlSeconds) {

		DevTokenRequest {
			roles = (roles != null) ? List.copyOf(roles) : List.of("customer");
			ttlSeconds = (ttlSeconds != null) ? ttlSeconds : 3600L;
		}

		void check() {
			if (this.sub == null || !SUBJECT.matcher(this.sub).matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"sub must be 1..64 characters of letters, digits and ._@-");
			}
			if (this.roles.isEmpty() || !ROLES.containsAll(this.roles)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"roles must be a non-empty list of 'customer' and/or 'admin'");
			}
			if (this.ttlSeconds < 1 || this.ttlSeconds > 86_400) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "ttlSeconds must be between 1 and 86400");
			}
		}

	}

}
