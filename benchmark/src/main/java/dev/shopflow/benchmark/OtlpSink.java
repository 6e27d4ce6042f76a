package dev.shopflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where a benchmarked stack sends its spans ({@code --otlp-sink}): an OTLP/HTTP endpoint
 * that answers every export with success and counts what it got, so that the stack's
 * processes pay for building, batching and sending spans as they would to a collector.
 */
final class OtlpSink implements AutoCloseable {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private final HttpServer server;

	OtlpSink() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/v1/traces", this::receive);
		this.server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	String summary() {
		return "OTLP sink: %d export requests, %.1f KB of spans".formatted(this.requests.get(),
				this.bytes.get() / 1024.0);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			this.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
			this.requests.incrementAndGet();
			// an empty ExportTraceServiceResponse: full success
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
