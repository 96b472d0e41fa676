package no.inkasso.gateway.agency;

import jakarta.jms.TextMessage;

/** A feed message taken from an agency's outbound queue: its key (case, sequence), kind and JSON body. */
public record Outbound(String caseId, int sequence, String kind, String json, TextMessage original) {}
