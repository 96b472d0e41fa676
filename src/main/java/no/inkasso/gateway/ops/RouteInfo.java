package no.inkasso.gateway.ops;

import java.time.Instant;

/** A Camel route as operations see it: its state and what it has done since the gateway started. */
public record RouteInfo(
        String routeId,
        String from,
        String state,
        long uptimeMillis,
        long exchangesTotal,
        long exchangesFailed,
        long exchangesInflight,
        long meanProcessingTimeMillis,
        long lastProcessingTimeMillis,
        Instant lastFailureAt) {
}
