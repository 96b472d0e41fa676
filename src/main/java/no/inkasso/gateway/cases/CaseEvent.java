package no.inkasso.gateway.cases;

import java.time.OffsetDateTime;

/** One entry of a case's append-only history. {@code detailJson} is a JSON object or null. */
public record CaseEvent(int seq, String type, OffsetDateTime occurredAt, String actor, String detailJson) {}
