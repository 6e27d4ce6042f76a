package dev.shopflow.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP server standing in for a service behind the gateway: it answers fixed
 * bodies, can hang on a path, answers late on another, dies on a third, and records the
 * requests it saw (to prove what was forwarded and that nothing was while a circuit was
 * open).
 */
final class DownstreamStub implements AutoCloseable {

	/** How long a path ending in {@code /slow} takes to answer. */
	static final Duration SLOW_ANSWER = Duration.ofMillis(1500);

	private final HttpServer server;

	private final Map<String, String> bodies = new ConcurrentHashMap<>();

	private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

	private final List<Headers> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private DownstreamStub(HttpServer server) {
		this.server = server;
	}

	static DownstreamStub start() {
		try {
			return started(new DownstreamStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A stub that answers over HTTPS only, with the certificate of the given context. */
	static DownstreamStub startHttps(SSLContext certificate) {
		try {
			HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(certificate));
			return started(new DownstreamStub(server));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static DownstreamStub started(DownstreamStub stub) {
		stub.server.createContext("/", stub::handle);
		stub.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		stub.server.start();
		return stub;
	}

	/** A URL where nothing listens: a stopped service. */
	static String stoppedServiceUrl() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return scheme + "://127.0.0.1:" + this.server.getAddress().getPort();
	}

	DownstreamStub answer(String path, String json) {
		this.bodies.put(path, json);
		return this;
	}

	/**
	 * Answers the path with a status other than 200; a 503 comes with {@code Retry-After:
	 * 1}, as a saturated service's does.
	 */
	DownstreamStub answer(String path, int status, String json) {
		this.statuses.put(path, status);
		this.bodies.put(path, json);
		return this;
	}

	List<Headers> requests() {
		return this.requests;
	}

	long requestsTo(String path) {
		return this.requests.stream().filter((headers) -> path.equals(headers.getFirst("X-Stub-Path"))).count();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Headers seen = new Headers();
		seen.putAll(exchange.getRequestHeaders());
		seen.set("X-Stub-Path", path);
		seen.set("X-Stub-Method", exchange.getRequestMethod());
		seen.set("X-Stub-Body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		this.requests.add(seen);
		if (path.endsWith("/die")) {
			// a service killed while it handled the request: the server closes the
			// connection without an answer
			throw new IOException("killed mid-request");
		}
		if (path.endsWith("/hang")) {
			awaitRelease();
		}
		if (path.endsWith("/slow")) {
			// a service that answers later than the gateway's timeout, as one holding a
			// request for an outcome does
			answerLater();
		}
		String body = this.bodies.getOrDefault(path, "{\"path\":\"" + path + "\"}");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		int status = this.statuses.getOrDefault(path, 200);
		exchange.getResponseHeaders()
			.set("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		if (status == 503) {
			exchange.getResponseHeaders().set("Retry-After", "1");
		}
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private void answerLater() {
		try {
			this.release.await(SLOW_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitRelease() {
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

}
