package dev.shopflow.defaults.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load shedding of a servlet service ({@code shopflow.web.*}).
 *
 * @param maxInFlightRequests API requests handled at once per instance; one more is
 * answered at once with a 503 problem and {@code Retry-After}
 */
@ConfigurationProperties("shopflow.web")
public record WebLimitsProperties(@DefaultValue("200") int maxInFlightRequests) {

}
