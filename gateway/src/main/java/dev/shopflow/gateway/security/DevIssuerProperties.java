package dev.shopflow.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code local} profile's token issuer ({@code shopflow.dev-issuer.*}).
 *
 * @param keyFile where the signing key is kept across restarts (JWK JSON; created if
 * missing); empty: a new key at each start
 */
@ConfigurationProperties("shopflow.dev-issuer")
record DevIssuerProperties(String keyFile) {

}
