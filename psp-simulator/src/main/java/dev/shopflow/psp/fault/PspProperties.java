package dev.shopflow.psp.fault;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulator.
 *
 * @param timeoutHold how long an "answer that never comes" holds the request: far longer
 * than any client timeout, but bounded so that threads are freed eventually
 */
@ConfigurationProperties("shopflow.psp")
public record PspProperties(@DefaultValue("60s") Duration timeoutHold) {

}
