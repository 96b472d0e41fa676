package no.inkasso.gateway.ops;

import java.util.List;

/**
 * A dead-letter queue: how many messages it holds and the first of them; with a filter, how many of
 * them match ({@code matching}, null without a filter) and the first of those.
 */
public record DeadLetterQueue(String queue, String originalQueue, long count, Long matching, List<DeadLetter> messages) {
}
