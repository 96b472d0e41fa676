package no.inkasso.gateway.ops;

import java.util.List;

/** A dead-letter queue: how many messages it holds and the first of them. */
public record DeadLetterQueue(String queue, String originalQueue, long count, List<DeadLetter> messages) {
}
