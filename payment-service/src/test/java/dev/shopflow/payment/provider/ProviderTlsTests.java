package dev.shopflow.payment.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.shopflow.testsupport.TestCertificates;
import dev.shopflow.testsupport.TestCertificates.Authority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service's provider client over TLS: it charges at an https:// provider whose
 * certificate chains to the CA of the {@code shopflow-client} bundle and names the
 * provider's host, and sends nothing to one whose certificate does not (the charge's
 * outcome is then unknown, as for an unreachable provider).
 */
class ProviderTlsTests {

	private static final Authority TRUSTED = TestCertificates.authority("Shopflow test CA");

	private static final Authority STRANGER = TestCertificates.authority("Someone else's CA");

	private final ProviderConfiguration configuration = new ProviderConfiguration();

	@Test
	void chargesAProviderWhoseCertificateItTrusts() {
		try (Provider provider = Provider.start(TRUSTED.issue("localhost", "127.0.0.1").servingContext())) {
			ChargeOutcome outcome = client(provider).charge("tx-1", 1999, "EUR", "tok_visa");

			assertThat(outcome).isEqualTo(new ChargeOutcome.Charged("ch_1"));
			assertThat(provider.charges.get()).isEqualTo(1);
		}
	}

	@Test
	void sendsNothingToAProviderCertificateOfAnUntrustedAuthority() {
		try (Provider provider = Provider.start(STRANGER.issue("localhost", "127.0.0.1").servingContext())) {
			ChargeOutcome outcome = client(provider).charge("tx-2", 1999, "EUR", "tok_visa");

			assertThat(outcome).isInstanceOf(ChargeOutcome.Unavailable.class);
			assertThat(((ChargeOutcome.Unavailable) outcome).reason()).contains("provider unreachable");
			assertThat(provider.charges.get()).isZero();
		}
	}

	@Test
	void sendsNothingToAProviderCertificateForAnotherHost() {
		try (Provider provider = Provider.start(TRUSTED.issue("psp.elsewhere.example").servingContext())) {
			ChargeOutcome outcome = client(provider).charge("tx-3", 1999, "EUR", "tok_visa");

			assertThat(outcome).isInstanceOf(ChargeOutcome.Unavailable.class);
			assertThat(provider.charges.get()).isZero();
		}
	}

	private PaymentProvider client(Provider provider) {
		ProviderProperties properties = new ProviderProperties(provider.url(), Duration.ofSeconds(2),
				Duration.ofSeconds(2),
				new ProviderProperties.Retry(1, Duration.ofMillis(10), 2, 0, Duration.ofMillis(10)),
				new ProviderProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3),
				new ProviderProperties.Bulkhead(5, Duration.ofMillis(500)));
		// the bundle as shopflow-defaults.properties defines it from SHOPFLOW_TLS_TRUST
		SslBundle trust = SslBundle
			.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(TRUSTED.certificatePem())));
		return this.configuration.paymentProvider(properties, new SimpleMeterRegistry(),
				new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class),
				new DefaultSslBundleRegistry(ProviderConfiguration.TRUST_BUNDLE, trust));
	}

	/** A provider stub that answers every charge as succeeded, over HTTPS only. */
	private record Provider(HttpsServer server, AtomicInteger charges) implements AutoCloseable {

		static Provider start(SSLContext certificate) {
			try {
				HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				server.setHttpsConfigurator(new HttpsConfigurator(certificate));
				Provider provider = new Provider(server, new AtomicInteger());
				server.createContext("/v1/charges", provider::charge);
				server.start();
				return provider;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void charge(HttpExchange exchange) throws IOException {
			this.charges.incrementAndGet();
			byte[] body = "{\"id\":\"ch_1\",\"status\":\"succeeded\",\"refunded\":false}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		}

		String url() {
			return "https://127.0.0.1:" + this.server.getAddress().getPort();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
