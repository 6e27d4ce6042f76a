package dev.shopflow.defaults.tracing;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Spans for work that no Spring observation covers, and the W3C context that ties a
 * saga's messages into one trace. Consumers read in batches, for which Spring Kafka has
 * no observation, and the outbox relay publishes long after the work that wrote a
 * message; so every handled message gets a span here whose parent is the context the
 * message carries, and the outbox stores the context of the span that wrote it
 * ({@link #currentTraceparent}). Hand-written because it is that link through the
 * database, not the span plumbing (Micrometer Tracing's), that no library provides.
 */
public class TraceContexts {

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final String HEADER = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	public TraceContexts(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Without tracing: work runs without spans, and the context is the one given.
	 * @return contexts that trace nothing
	 */
	public static TraceContexts none() {
		return new TraceContexts(Tracer.NOOP, Propagator.NOOP);
	}

	/**
	 * Whether a value is a well-formed W3C {@code traceparent}.
	 * @param traceparent the value, or {@code null}
	 * @return whether it is one
	 */
	public static boolean isValid(String traceparent) {
		return traceparent != null && traceparent.length() == 55 && TRACEPARENT.matcher(traceparent).matches();
	}

	/**
	 * Runs work in a new span, a child of the given context (a new trace if there is none
	 * or it is malformed), current for the work's log lines and for the spans and
	 * contexts made inside it.
	 * @param <T> the work's result
	 * @param name the span's name, such as {@code receive inventory.ReserveStock.v1}
	 * @param kind what the work is ({@link Span.Kind#CONSUMER} for a message), or
	 * {@code null} for work inside a process
	 * @param traceparent the parent context, or {@code null}
	 * @param work the work
	 * @return the work's result
	 */
	public <T> T within(String name, Span.Kind kind, String traceparent, Supplier<T> work) {
		Span.Builder builder = isValid(traceparent)
				? this.propagator.extract(traceparent, (carrier, key) -> HEADER.equals(key) ? carrier : null)
				: this.tracer.spanBuilder();
		builder.name(name);
		if (kind != null) {
			builder.kind(kind);
		}
		Span span = builder.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Runs work in a new span (see {@link #within(String, Span.Kind, String, Supplier)}).
	 * @param name the span's name
	 * @param kind what the work is, or {@code null}
	 * @param traceparent the parent context, or {@code null}
	 * @param work the work
	 */
	public void run(String name, Span.Kind kind, String traceparent, Runnable work) {
		within(name, kind, traceparent, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * The W3C context of the current span, for a message to carry to its consumer.
	 * @param fallback what to answer when no span is current (or tracing is off)
	 * @return {@code 00-<trace id>-<span id>-<flags>}, or the fallback
	 */
	public String currentTraceparent(String fallback) {
		// an unsampled span is not recording (Micrometer calls it "noop") but has ids
		// that must travel on: the trace stays whole, unsampled end to end
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return fallback;
		}
		TraceContext context = span.context();
		String traceparent = "00-" + context.traceId() + "-" + context.spanId() + "-"
				+ (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
		return isValid(traceparent) ? traceparent : fallback;
	}

	/**
	 * The trace id of the current span.
	 * @return the 32 hex digits, or {@code null} without a current span
	 */
	public String currentTraceId() {
		Span span = this.tracer.currentSpan();
		String traceId = (span != null) ? span.context().traceId() : null;
		return (traceId != null && traceId.length() == 32) ? traceId : null;
	}

}
