package dev.shopflow.localrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether something listens on a TCP port: the readiness of the parts that have no health
 * endpoint (the broker, PostgreSQL, Redis). It needs no client library, so the launcher's
 * JVM carries none of Kafka's (or its logging binding).
 */
final class Ports {

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private Ports() {
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
