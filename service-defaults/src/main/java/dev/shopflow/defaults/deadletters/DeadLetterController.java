package dev.shopflow.defaults.deadletters;

import java.util.List;

import dev.shopflow.defaults.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of this service's dead letters, admin only (the security chain guards
 * {@code /api/admin/**}), under {@code /api/admin/<application name>/dead-letters} so
 * that the gateway routes each service's own.
 */
@RestController
@Validated
@RequestMapping("/api/admin/${spring.application.name}/dead-letters")
@Tag(name = "dead letters", description = "Messages this service could not process, and their redrive (admin)")
@ApiResponse(responseCode = "403", description = "The token lacks the admin role")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	@Operation(operationId = "listDeadLetters",
			summary = "The newest dead letters of this service's topics, newest first")
	@ApiResponse(responseCode = "200", description = "The topics read and their newest dead letters")
	DeadLetterList list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return new DeadLetterList(this.deadLetters.topics(), this.deadLetters.list(limit));
	}

	@GetMapping("/{topic}/{partition}/{offset}")
	@Operation(operationId = "getDeadLetter", summary = "One dead letter")
	@ApiResponse(responseCode = "200", description = "The dead letter")
	@ApiResponse(responseCode = "404", description = "No such record on this service's dead-letter topics")
	DeadLetter find(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
		return this.deadLetters.find(topic, partition, offset)
			.orElseThrow(() -> new DeadLetterNotFoundException(topic, partition, offset));
	}

	@PostMapping("/{topic}/{partition}/{offset}/redrive")
	@Operation(operationId = "redriveDeadLetter", summary = "Publishes a dead letter again to the topic it came from",
			description = "Harmless to repeat: the consumer's inbox skips a message it has handled. "
					+ "A record that fails again is dead-lettered again. Audited in the log.")
	@ApiResponse(responseCode = "202", description = "Published again; the consumer handles it asynchronously")
	@ApiResponse(responseCode = "404", description = "No such record on this service's dead-letter topics")
	@ApiResponse(responseCode = "503", description = "The broker did not answer in time; try again")
	ResponseEntity<DeadLetter> redrive(@PathVariable String topic, @PathVariable int partition,
			@PathVariable long offset, Caller caller) {
		DeadLetter letter = this.deadLetters.redrive(topic, partition, offset, caller.id())
			.orElseThrow(() -> new DeadLetterNotFoundException(topic, partition, offset));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(letter);
	}

	/**
	 * The answer of a listing.
	 *
	 * @param topics the dead-letter topics read
	 * @param deadLetters what they hold (newest first)
	 */
	record DeadLetterList(List<String> topics, List<DeadLetter> deadLetters) {
	}

}
