package dev.shopflow.defaults;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.MDC;

/**
 * What every log line of one piece of work carries, as MDC entries: fields of the
 * structured (ECS JSON) logs in containers. {@code traceId} is the id that the problem
 * answers carry too ({@link Problems#traceId}: the W3C trace id, else the request id), so
 * an answer leads to its request's logs; {@code orderId} is that of the message being
 * handled. Inside a span, Micrometer Tracing has put {@code traceId} and {@code spanId}
 * there already, and this keeps them. Closing restores what the MDC held before.
 */
public final class LogContext implements AutoCloseable {

	/** The MDC key of the trace id (the key Micrometer Tracing uses too). */
	public static final String TRACE_ID = "traceId";

	/** The MDC key of the order id. */
	public static final String ORDER_ID = "orderId";

	private final Map<String, String> previous = new HashMap<>();

	private LogContext(Map<String, String> entries) {
		entries.forEach((key, value) -> {
			this.previous.put(key, MDC.get(key));
			MDC.put(key, value);
		});
	}

	/**
	 * The context of an HTTP request.
	 * @param traceparent its {@code traceparent} header, or {@code null}
	 * @param requestId its {@code X-Request-Id} header, or {@code null}
	 * @return the context, to close when the request is done
	 */
	public static LogContext ofRequest(String traceparent, String requestId) {
		Map<String, String> entries = new LinkedHashMap<>();
		if (MDC.get(TRACE_ID) == null) {
			Problems.traceId(traceparent, requestId).ifPresent((traceId) -> entries.put(TRACE_ID, traceId));
		}
		return new LogContext(entries);
	}

	/**
	 * The context of handling a message.
	 * @param orderId the order (saga) the message belongs to
	 * @param traceparent the W3C trace context it carries, or {@code null}
	 * @return the context, to close when the message is handled
	 */
	public static LogContext ofMessage(UUID orderId, String traceparent) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(ORDER_ID, orderId.toString());
		if (MDC.get(TRACE_ID) == null) {
			Problems.traceId(traceparent, null).ifPresent((traceId) -> entries.put(TRACE_ID, traceId));
		}
		return new LogContext(entries);
	}

	@Override
	public void close() {
		this.previous.forEach((key, value) -> {
			if (value != null) {
				MDC.put(key, value);
			}
			else {
				MDC.remove(key);
			}
		});
	}

}
