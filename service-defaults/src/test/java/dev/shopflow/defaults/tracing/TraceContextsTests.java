package dev.shopflow.defaults.tracing;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link TraceContexts} on the real Micrometer-to-OpenTelemetry bridge, spans recorded in
 * memory.
 */
class TraceContextsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	private final InMemorySpanExporter exported = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.setSampler(Sampler.parentBased(Sampler.alwaysOff()))
		.addSpanProcessor(SimpleSpanProcessor.create(this.exported))
		.build();

	private final TraceContexts traces = traces();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void runsWorkInAChildOfTheMessagesContextAndHandsThatChildOn() {
		AtomicReference<String> inside = new AtomicReference<>();

		this.traces.run("receive inventory.ReserveStock.v1", Span.Kind.CONSUMER, PARENT,
				() -> inside.set(this.traces.currentTraceparent("none")));

		List<SpanData> spans = this.exported.getFinishedSpanItems();
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getName()).isEqualTo("receive inventory.ReserveStock.v1");
			assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
			assertThat(span.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CONSUMER);
			assertThat(inside.get()).isEqualTo("00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
		});
		assertThat(this.traces.currentTraceparent("none")).isEqualTo("none");
	}

	@Test
	void followsTheCallersDecisionNotToSample() {
		AtomicReference<String> inside = new AtomicReference<>();

		this.traces.run("receive", Span.Kind.CONSUMER, "00-" + TRACE_ID + "-00f067aa0ba902b7-00",
				() -> inside.set(this.traces.currentTraceparent(null)));

		assertThat(this.exported.getFinishedSpanItems()).isEmpty();
		assertThat(inside.get()).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
	}

	@Test
	void startsANewTraceForAMissingOrMalformedContext() {
		AtomicReference<String> inside = new AtomicReference<>();

		this.traces.run("receive", Span.Kind.CONSUMER, "00-not-a-context",
				() -> inside.set(this.traces.currentTraceId()));

		assertThat(inside.get()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
	}

	@Test
	void marksTheSpanOfFailedWorkAndRethrows() {
		assertThatIllegalStateException().isThrownBy(() -> this.traces.run("charge", null, PARENT, () -> {
			throw new IllegalStateException("provider down");
		}));

		assertThat(this.exported.getFinishedSpanItems()).singleElement()
			.satisfies((span) -> assertThat(span.getStatus().getStatusCode())
				.isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR));
	}

	@Test
	void withoutTracingHandsOnTheMessagesOwnContext() {
		TraceContexts none = TraceContexts.none();
		AtomicReference<String> inside = new AtomicReference<>();

		none.run("receive", Span.Kind.CONSUMER, PARENT, () -> inside.set(none.currentTraceparent(PARENT)));

		assertThat(inside.get()).isEqualTo(PARENT);
		assertThat(TraceContexts.isValid(PARENT)).isTrue();
		assertThat(TraceContexts.isValid("00-" + TRACE_ID + "-00f067aa0ba902b7")).isFalse();
		assertThat(TraceContexts.isValid(null)).isFalse();
	}

	private TraceContexts traces() {
		io.opentelemetry.api.trace.Tracer otel = this.provider.get("test");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otel, current, (event) -> {
		});
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		return new TraceContexts(tracer, propagator);
	}

}
