package dev.shopflow.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The local-mode signing key: generated at start, or kept in a file of the local run
 * directory so that tokens survive a gateway restart. Never used outside the local
 * profile.
 */
final class DevKeys {

	private final RSAKey key;

	private DevKeys(RSAKey key) {
		this.key = key;
	}

	static DevKeys loadOrCreate(String keyFile) {
		try {
			if (keyFile != null && !keyFile.isBlank() && Files.exists(Path.of(keyFile))) {
				return new DevKeys(RSAKey.parse(Files.readString(Path.of(keyFile))));
			}
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			if (keyFile != null && !keyFile.isBlank()) {
				Path path = Path.of(keyFile);
				if (path.getParent() != null) {
					Files.createDirectories(path.getParent());
				}
				Files.writeString(path, key.toJSONString());
			}
			return new DevKeys(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("Cannot read or make the dev signing key", ex);
		}
	}

	RSAKey signingKey() {
		return this.key;
	}

	JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

}
