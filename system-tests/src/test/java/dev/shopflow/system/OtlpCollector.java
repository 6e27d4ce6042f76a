package dev.shopflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver in the test's JVM, the in-memory exporter of a stack whose
 * services are separate processes: they export to {@link #endpoint()} as they would to
 * Jaeger or a collector, and the test reads the spans they sent.
 */
final class OtlpCollector implements AutoCloseable {

	private static final HexFormat HEX = HexFormat.of();

	private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

	private final HttpServer server;

	OtlpCollector() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/traces", this::receive);
		this.server.start();
	}

	/**
	 * The URL to give the services as their OTLP traces endpoint.
	 * @return the endpoint
	 */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * The spans received so far of one trace.
	 * @param traceId the trace id (32 hex digits)
	 * @return its spans
	 */
	List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = body(exchange)) {
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = resource.getResource()
					.getAttributesList()
					.stream()
					.filter((attribute) -> attribute.getKey().equals("service.name"))
					.map(KeyValue::getValue)
					.map((value) -> value.getStringValue())
					.findFirst()
					.orElse("?");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					scope.getSpansList()
						.forEach((span) -> this.spans
							.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
									HEX.formatHex(span.getSpanId().toByteArray()),
									HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
									span.getKind().name())));
				}
			}
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
				: exchange.getRequestBody();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A span as a service exported it.
	 *
	 * @param service the exporting service's {@code service.name}
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent's span id, empty for a root
	 * @param name the span's name
	 * @param kind its kind, such as {@code SPAN_KIND_CONSUMER}
	 */
	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {

	}

}
