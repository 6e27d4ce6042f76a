package dev.shopflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which address an anonymous caller's rate limit is keyed by, behind trusted proxies and
 * without them.
 */
class ClientAddressesTests {

	private final ClientAddresses behindIngress = new ClientAddresses(
			List.of("10.0.0.0/8", " 192.168.1.5 ", "fd00::/8"));

	@Test
	void ignoresForwardedForFromAnUntrustedConnection() {
		assertThat(this.behindIngress.clientAddress(remote("203.0.113.7"), List.of("198.51.100.1")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void takesTheRightmostUntrustedEntryFromATrustedProxy() {
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of("198.51.100.1, 203.0.113.7")))
			.as("the client wrote 198.51.100.1 itself; the ingress appended what it saw")
			.isEqualTo("203.0.113.7");
	}

	@Test
	void skipsAChainOfTrustedProxiesAcrossHeaderLines() {
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"),
				List.of("198.51.100.1, 203.0.113.7", "192.168.1.5,10.9.9.9")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void fallsBackToTheLastTrustedHopWhenEveryEntryIsTrusted() {
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of("192.168.1.5, 10.9.9.9")))
			.isEqualTo("192.168.1.5");
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
	}

	@Test
	void handlesIpv6ProxiesAndClientsInCanonicalForm() {
		assertThat(this.behindIngress.clientAddress(remote("fd12::1"), List.of("2001:db8::1")))
			.isEqualTo("2001:db8:0:0:0:0:0:1");
		assertThat(this.behindIngress.clientAddress(remote("fd12::1"), List.of("[2001:DB8:0::1], fd00::2")))
			.isEqualTo("2001:db8:0:0:0:0:0:1");
		assertThat(this.behindIngress.clientAddress(remote("2001:db8::9"), List.of("198.51.100.1")))
			.isEqualTo("2001:db8:0:0:0:0:0:9");
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of("::ffff:10.0.0.1, 2001:db8::1")))
			.isEqualTo("2001:db8:0:0:0:0:0:1");
	}

	@Test
	void stopsAtTheLastTrustedHopOnAMalformedEntryWithoutResolvingIt() {
		for (String malformed : List.of("client.example.com", "unknown", "999.1.1.1", "1.2.3.4/24", "203.0.113.7:4711",
				"", "fe80::1%eth0", "_hidden", "\"[2001:db8::1]\"")) {
			assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of("203.0.113.7, " + malformed)))
				.as(malformed)
				.isEqualTo("10.1.2.3");
			assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"),
					List.of("203.0.113.7, " + malformed + ", 10.9.9.9")))
				.as(malformed)
				.isEqualTo("10.9.9.9");
		}
		assertThat(this.behindIngress.clientAddress(remote("10.1.2.3"), List.of("203.0.113.7,"))).isEqualTo("10.1.2.3");
	}

	@Test
	void trustsNobodyWithoutConfiguration() {
		ClientAddresses nobody = new ClientAddresses(List.of());

		assertThat(nobody.clientAddress(remote("10.1.2.3"), List.of("203.0.113.7"))).isEqualTo("10.1.2.3");
		assertThat(nobody.clientAddress(remote("127.0.0.1"), List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
		assertThat(new ClientAddresses(List.of("")).clientAddress(remote("10.1.2.3"), List.of("203.0.113.7")))
			.isEqualTo("10.1.2.3");
	}

	@Test
	void hasNoAddressForAConnectionWithoutOne() {
		assertThat(this.behindIngress.clientAddress(null, List.of("203.0.113.7"))).isEqualTo(ClientAddresses.UNKNOWN);
		assertThat(this.behindIngress.clientAddress(InetSocketAddress.createUnresolved("proxy", 80),
				List.of("203.0.113.7")))
			.isEqualTo(ClientAddresses.UNKNOWN);
	}

	@Test
	void refusesTrustedProxiesThatAreNotAddressesOrRanges() {
		for (String wrong : List.of("ingress.example.com", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/33", "fd00::/129",
				"10.0.0")) {
			assertThatIllegalArgumentException().as(wrong).isThrownBy(() -> new ClientAddresses(List.of(wrong)));
		}
	}

	private static InetSocketAddress remote(String literal) {
		return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(literal), 443);
	}

}
