package dev.shopflow.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Decides whether a caller may send one more request now. */
interface CallerRateLimiter {

	/**
	 * Takes one token from the caller's bucket if there is one.
	 * @param caller the caller's key ({@code sub:...} or {@code ip:...})
	 * @return the decision
	 */
	Mono<Decision> tryAcquire(String caller);

	/**
	 * The outcome for one request.
	 *
	 * @param allowed whether the request may pass
	 * @param retryAfterSeconds when a refused caller may try again
	 */
	record Decision(boolean allowed, long retryAfterSeconds) {

	}

}
