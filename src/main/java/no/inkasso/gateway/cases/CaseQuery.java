package no.inkasso.gateway.cases;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A filter over cases, newest first. {@code creditors} limits the result to what the caller may see
 * (null = every creditor); {@code afterCaseId} is the keyset cursor (case ids are time-ordered).
 */
public record CaseQuery(
        Set<String> creditors,
        String creditor,
        CaseState state,
        OffsetDateTime receivedFrom,
        OffsetDateTime receivedBefore,
        String afterCaseId,
        int limit) {}
