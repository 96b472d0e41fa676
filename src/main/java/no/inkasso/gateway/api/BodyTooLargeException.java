package no.inkasso.gateway.api;

import java.io.IOException;

/** A body without a declared length grew past the configured limit while it was read. */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
