package dev.shopflow.defaults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private static final UUID ORDER = UUID.fromString("0b9f6a57-3c1e-4f7e-9d1a-2f4c8e5b7a10");

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void givesARequestTheTraceIdOfItsTraceparentElseItsRequestId() {
		try (LogContext context = LogContext.ofRequest(TRACEPARENT, "req-1")) {
			assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		}
		try (LogContext context = LogContext.ofRequest(null, "req-1")) {
			assertThat(MDC.get("traceId")).isEqualTo("req-1");
		}
		try (LogContext context = LogContext.ofRequest(null, null)) {
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
	}

	@Test
	void givesAMessageItsOrderIdAndTraceId() {
		try (LogContext context = LogContext.ofMessage(ORDER, TRACEPARENT)) {
			assertThat(MDC.get("orderId")).isEqualTo(ORDER.toString());
			assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		}
		try (LogContext context = LogContext.ofMessage(ORDER, null)) {
			assertThat(MDC.get("orderId")).isEqualTo(ORDER.toString());
			assertThat(MDC.get("traceId")).isNull();
		}
	}

	@Test
	void restoresWhatTheMdcHeldBefore() {
		MDC.put("orderId", "outer");
		try (LogContext context = LogContext.ofMessage(ORDER, TRACEPARENT)) {
			assertThat(MDC.get("orderId")).isEqualTo(ORDER.toString());
		}
		assertThat(MDC.get("orderId")).isEqualTo("outer");
		assertThat(MDC.get("traceId")).isNull();
		MDC.remove("orderId");
	}

	@Test
	void keepsTheTraceIdOfTheCurrentSpan() {
		// Micrometer Tracing puts the current span's ids in the MDC
		MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
		try (LogContext context = LogContext.ofMessage(ORDER, TRACEPARENT)) {
			assertThat(MDC.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(MDC.get("orderId")).isEqualTo(ORDER.toString());
		}
		assertThat(MDC.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		MDC.remove("traceId");
	}

	@Test
	void putsTheIdsInEveryEcsJsonLine() {
		ByteArrayOutputStream lines = new ByteArrayOutputStream();
		Logger log = ecsLogger(lines);

		try (LogContext context = LogContext.ofMessage(ORDER, TRACEPARENT)) {
			log.info("Order {} confirmed", ORDER);
		}
		log.info("outside");

		String[] json = lines.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(json[0]).startsWith("{")
			.contains("\"service\":{\"name\":\"order-service\"")
			.contains("\"orderId\":\"" + ORDER + "\"")
			.contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
			.contains("\"ecs\":{\"version\"");
		assertThat(json[1]).doesNotContain("orderId").doesNotContain("traceId");
	}

	// the encoder Spring Boot configures for logging.structured.format.console=ecs
	private static Logger ecsLogger(ByteArrayOutputStream lines) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(MDC.getMDCAdapter());
		context.putObject(Environment.class.getName(),
				new MockEnvironment().withProperty("spring.application.name", "order-service"));
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(lines);
		appender.start();
		Logger log = context.getLogger("dev.shopflow.order.Example");
		log.addAppender(appender);
		return log;
	}

}
