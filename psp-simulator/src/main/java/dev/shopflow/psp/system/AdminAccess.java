package dev.shopflow.psp.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The admin endpoints ({@code /admin/**}: fault injection, call statistics, resets) need
 * the shared admin token; the provider's API ({@code /v1/**}, which payment-service
 * calls) and the actuator stay open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminAccess {

	private static final Logger log = LoggerFactory.getLogger(AdminAccess.class);

	/**
	 * The token check on {@code /admin/**}, right after service-defaults' in-flight
	 * limit.
	 * @param properties the admin settings
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminProperties properties) {
		if (!properties.configured()) {
			log.warn("No PSP_ADMIN_TOKEN set: the admin endpoints (fault injection, statistics) refuse every call");
		}
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(properties));
		registration.addUrlPatterns("/admin", "/admin/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
