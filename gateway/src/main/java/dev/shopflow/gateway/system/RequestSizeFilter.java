package dev.shopflow.gateway.system;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies above the limit with a 413 problem before they reach a service
 * (Spring Cloud Gateway's own {@code RequestSize} filter answers without a problem body).
 * A declared {@code Content-Length} above the limit is refused at once; a body without
 * one (chunked) is counted as it streams and fails with the same 413 once it passes the
 * limit, so it is never buffered whole.
 */
class RequestSizeFilter implements WebFilter, Ordered {

	private final DataSize limit;

	RequestSizeFilter(DataSize limit) {
		this.limit = limit;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.limit.toBytes()) {
			return Mono.error(tooLarge());
		}
		if (length < 0) {
			return chain.filter(exchange.mutate().request(new LimitedRequest(exchange.getRequest())).build());
		}
		return chain.filter(exchange);
	}

	private ResponseStatusException tooLarge() {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.limit.toKilobytes() + " KB.");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	/** A request whose body fails with a 413 once more than the limit has been read. */
	private final class LimitedRequest extends ServerHttpRequestDecorator {

		LimitedRequest(ServerHttpRequest request) {
			super(request);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				AtomicLong read = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (read.addAndGet(buffer.readableByteCount()) > RequestSizeFilter.this.limit.toBytes()) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge());
					}
					else {
						sink.next(buffer);
					}
				});
			});
		}

	}

}
