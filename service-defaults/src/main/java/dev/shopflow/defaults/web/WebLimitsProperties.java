package dev.shopflow.defaults.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Load shedding and request bounds of a servlet service ({@code shopflow.web.*}).
 *
 * @param maxInFlightRequests API requests handled at once per instance; one more is
 * answered at once with a 503 problem and {@code Retry-After}
 * @param maxRequestBody the largest request body taken, declared or chunked; a larger one
 * is answered with a 413 problem (the gateway's own bound is the same 1 MB)
 */
@ConfigurationProperties("shopflow.web")
public record WebLimitsProperties(@DefaultValue("200") int maxInFlightRequests,
		@DefaultValue("1MB") DataSize maxRequestBody) {

}
