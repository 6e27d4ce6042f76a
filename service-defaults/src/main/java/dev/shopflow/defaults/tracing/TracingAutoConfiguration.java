package dev.shopflow.defaults.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link TraceContexts} on Micrometer Tracing's tracer and propagator (OpenTelemetry), or
 * tracing nothing when tracing is off ({@code management.tracing.enabled=false}).
 */
@AutoConfiguration(after = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
public class TracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer available = tracer.getIfAvailable();
		Propagator propagation = propagator.getIfAvailable();
		return (available != null && propagation != null) ? new TraceContexts(available, propagation)
				: TraceContexts.none();
	}

}
