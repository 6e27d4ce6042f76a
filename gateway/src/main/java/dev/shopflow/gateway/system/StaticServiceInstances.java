package dev.shopflow.gateway.system;

import java.net.URI;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * A discovery client over the fixed instance lists of {@link ServiceInstancesProperties}:
 * what the load balancer of the {@code lb://} routes chooses from. No registry is needed
 * for a static topology; a service that moves is configured anew.
 */
class StaticServiceInstances implements ReactiveDiscoveryClient {

	private final Map<String, List<ServiceInstance>> instances;

	StaticServiceInstances(ServiceInstancesProperties properties) {
		this.instances = properties.instances()
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(service) -> instances(service.getKey(), service.getValue())));
	}

	private static List<ServiceInstance> instances(String service, List<URI> urls) {
		return urls.stream().map((url) -> instance(service, url)).toList();
	}

	private static ServiceInstance instance(String service, URI url) {
		boolean secure = "https".equalsIgnoreCase(url.getScheme());
		int port = (url.getPort() != -1) ? url.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(service + "@" + url.getHost() + ":" + port, service, url.getHost(), port,
				secure);
	}

	@Override
	public String description() {
		return "Static service instances (shopflow.gateway.instances)";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.fromIterable(this.instances.getOrDefault(serviceId, List.of()));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(this.instances.keySet());
	}

}
