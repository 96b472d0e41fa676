package no.inkasso.gateway.cases;

/** What idempotency needs to know of a stored case: its id and its claim's fingerprint. */
public record ExistingCase(String caseId, String contentSha256) {}
