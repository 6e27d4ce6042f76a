package dev.shopflow.defaults.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * RFC 9457 problem answers for every error of a servlet service, load shedding, and the
 * request's trace id in its log lines.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimitsProperties.class)
public class WebAutoConfiguration {

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	ProblemCompletion problemCompletion() {
		return new ProblemCompletion();
	}

	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	/**
	 * The in-flight limit, first of all filters: a refused request costs no token check.
	 * @param limits the limits
	 * @param meters the meter registry
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(WebLimitsProperties limits,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<InFlightLimitFilter> registration = new FilterRegistrationBean<>(new InFlightLimitFilter(
				limits.maxInFlightRequests(), meters.getIfAvailable(() -> Metrics.globalRegistry)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The request body bound, right after the in-flight limit and before anything reads a
	 * body.
	 * @param limits the limits
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebLimitsProperties limits) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(limits.maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * The request's trace id in every log line, right after the in-flight limit.
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<LogContextFilter> logContextFilter() {
		FilterRegistrationBean<LogContextFilter> registration = new FilterRegistrationBean<>(new LogContextFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
