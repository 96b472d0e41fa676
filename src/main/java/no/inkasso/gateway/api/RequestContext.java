package no.inkasso.gateway.api;

/** Names of the request attributes the edge filter sets for the routes behind it. */
public final class RequestContext {

    public static final String CLIENT_ATTRIBUTE = "no.inkasso.gateway.client";
    public static final String CORRELATION_ID_ATTRIBUTE = "no.inkasso.gateway.correlationId";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String MDC_CORRELATION_ID = "correlationId";
    public static final String MDC_CLIENT = "client";

    private RequestContext() {}
}
