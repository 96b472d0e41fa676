package no.inkasso.gateway.api;

/** The kinds of problem the API answers with; the slug is part of the problem's type URI. */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "The body is not well-formed JSON"),
    INVALID_CLAIM(400, "invalid-claim", "The claim has invalid or missing fields"),
    INVALID_BATCH(400, "invalid-batch", "The batch is not acceptable as a whole"),
    INVALID_QUERY(400, "invalid-query", "A query parameter is invalid"),
    INVALID_COMMAND(400, "invalid-command", "The command has invalid or missing fields"),
    MALFORMED_EVENTS(400, "malformed-events", "The body is not agency events"),
    INVALID_REQUEST(400, "invalid-request", "The request body is missing or invalid"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid credential is required"),
    BAD_SIGNATURE(401, "bad-signature", "The request's signature is missing, wrong or too old"),
    FORBIDDEN(403, "forbidden", "This client may not do that"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The path does not take this method"),
    CONFLICT(409, "conflicting-resubmission", "A different claim with the same invoice was already received"),
    STATE_CONFLICT(409, "state-conflict", "The case's state does not allow this"),
    ACTION_REFUSED(409, "action-refused", "The action cannot be done as things stand"),
    BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
    EHF_REJECTED(422, "ehf-rejected", "The EHF document was rejected"),
    PAYMENT_FILE_REJECTED(422, "payment-file-rejected", "The payment file was rejected"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The content type is not accepted here"),
    INTERNAL(500, "internal-error", "The gateway failed to handle the request"),
    UNAVAILABLE(503, "unavailable", "This is not available on this gateway");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
