package no.inkasso.gateway.cases;

import org.slf4j.MDC;

/**
 * The case being worked on, in the logging MDC ({@code caseId}, {@code correlationId}) for the lines
 * written meanwhile; closing restores what was there before (a batch's or a request's own ids).
 */
public final class CaseMdc implements AutoCloseable {

    public static final String CASE_ID = "caseId";
    public static final String CORRELATION_ID = "correlationId";

    private final String previousCase;
    private final String previousCorrelation;

    private CaseMdc(String caseId, String correlationId) {
        previousCase = MDC.get(CASE_ID);
        previousCorrelation = MDC.get(CORRELATION_ID);
        put(CASE_ID, caseId);
        put(CORRELATION_ID, correlationId);
    }

    /** {@code correlationId} may be null when it is only known once the case is read: see {@link #correlation}. */
    public static CaseMdc of(String caseId, String correlationId) {
        return new CaseMdc(caseId, correlationId);
    }

    /** The case's correlation id, once read; restored with the rest on close. */
    public static void correlation(String correlationId) {
        put(CORRELATION_ID, correlationId);
    }

    @Override
    public void close() {
        restore(CASE_ID, previousCase);
        restore(CORRELATION_ID, previousCorrelation);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
