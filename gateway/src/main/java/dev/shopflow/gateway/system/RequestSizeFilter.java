package dev.shopflow.gateway.system;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies above the limit with a 413 problem before they reach a service
 * (Spring Cloud Gateway's own {@code RequestSize} filter answers without a problem body).
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
			return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + this.limit.toKilobytes() + " KB."));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
