package dev.shopflow.gateway.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address an anonymous caller's rate limit is keyed by. A connection from an address
 * that is not a trusted proxy is the client itself, whatever {@code X-Forwarded-For} it
 * sends (a client cannot pick its own bucket). A connection from a trusted proxy (the
 * ingress controller) stands for the first address of {@code X-Forwarded-For}, read from
 * the right, that is not a trusted proxy: the entries left of it were written by the
 * client and prove nothing.
 * <p>
 * Neither Boot's {@code server.forward-headers-strategy=native} (which Boot also turns on
 * by itself on Kubernetes) nor Spring Cloud Gateway's
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} does this: on Reactor Netty
 * both replace the remote address with the <em>leftmost</em> entry, the first from any
 * peer and the second from peers matching a regex, and the leftmost entry is the client's
 * to choose. So {@code application.yml} sets the strategy to {@code none} and the header
 * is read here.
 * <p>
 * Entries are IP literals only and never resolved (no DNS lookups on header content); a
 * malformed entry (a host name, {@code unknown}, an address with a port) ends the walk at
 * the last trusted hop. Addresses and CIDRs are matched by Netty's
 * {@link IpSubnetFilterRule}, as Spring Cloud Gateway's {@code RemoteAddr} predicate
 * does; Spring Security's {@code IpAddressMatcher} would pull the Servlet API into this
 * reactive application and hands strings such as {@code 999.1.1.1} to
 * {@link InetAddress#getByName}, which asks DNS.
 */
final class ClientAddresses {

	static final String UNKNOWN = "unknown";

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpSubnetFilterRule> trustedProxies;

	/**
	 * Creates the resolution for the given trusted proxies.
	 * @param trustedProxies IP addresses and CIDR ranges ({@code 10.0.0.0/8},
	 * {@code 2001:db8::/32}); empty: trust nobody
	 * @throws IllegalArgumentException for an entry that is neither
	 */
	ClientAddresses(List<String> trustedProxies) {
		List<IpSubnetFilterRule> rules = new ArrayList<>();
		for (String proxy : trustedProxies) {
			if (!proxy.isBlank()) {
				rules.add(rule(proxy.strip()));
			}
		}
		this.trustedProxies = List.copyOf(rules);
	}

	/**
	 * The address of the client that sent a request.
	 * @param request the request
	 * @return the client's address in its canonical text form, or {@value #UNKNOWN}
	 */
	String clientAddress(ServerHttpRequest request) {
		return clientAddress(request.getRemoteAddress(), request.getHeaders().getOrEmpty(X_FORWARDED_FOR));
	}

	/**
	 * The client's address.
	 * @param remote the connection's peer (may be {@code null})
	 * @param forwardedFor the {@code X-Forwarded-For} header values, in order
	 * @return the client's address in its canonical text form, or {@value #UNKNOWN}
	 */
	String clientAddress(InetSocketAddress remote, List<String> forwardedFor) {
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		if (peer == null) {
			return UNKNOWN;
		}
		return (isTrusted(peer) ? firstUntrustedFromTheRight(peer, forwardedFor) : peer).getHostAddress();
	}

	private InetAddress firstUntrustedFromTheRight(InetAddress proxy, List<String> forwardedFor) {
		List<String> hops = hops(forwardedFor);
		InetAddress lastTrusted = proxy;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops.get(i));
			if (hop == null) {
				return lastTrusted;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			lastTrusted = hop;
		}
		return lastTrusted;
	}

	private boolean isTrusted(InetAddress address) {
		InetSocketAddress socketAddress = new InetSocketAddress(address, 0);
		return this.trustedProxies.stream().anyMatch((rule) -> rule.matches(socketAddress));
	}

	private static List<String> hops(List<String> forwardedFor) {
		List<String> hops = new ArrayList<>();
		for (String value : forwardedFor) {
			for (String hop : value.split(",", -1)) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	private static IpSubnetFilterRule rule(String proxy) {
		int slash = proxy.indexOf('/');
		String literal = (slash < 0) ? proxy : proxy.substring(0, slash);
		InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
		if (address == null) {
			throw new IllegalArgumentException("Trusted proxy '" + proxy + "' is not an IP address or CIDR range");
		}
		int prefix = (slash < 0) ? ((address instanceof Inet4Address) ? 32 : 128) : prefix(proxy, slash);
		return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
	}

	private static int prefix(String proxy, int slash) {
		try {
			return Integer.parseInt(proxy.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Trusted proxy '" + proxy + "' has no valid prefix length", ex);
		}
	}

}
