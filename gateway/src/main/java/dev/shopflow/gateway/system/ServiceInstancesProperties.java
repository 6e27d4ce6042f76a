package dev.shopflow.gateway.system;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The instances of each service behind the gateway
 * ({@code shopflow.gateway.instances.*}): a service id (the host of the routes'
 * {@code lb://} URIs) and its base URLs, bound from one comma-separated value such as
 * {@code ORDER_SERVICE_URL}. One URL (docker-compose.yml, k8s/, where the platform
 * balances) or several (the local run's {@code --instances 2}), between which Spring
 * Cloud LoadBalancer balances round robin.
 *
 * @param instances base URLs by service id
 */
@ConfigurationProperties("shopflow.gateway")
public record ServiceInstancesProperties(Map<String, List<URI>> instances) {

	public ServiceInstancesProperties {
		instances = (instances != null) ? Map.copyOf(instances) : Map.of();
	}

}
