package no.inkasso.gateway.ehf;

/**
 * How serious a {@link Finding} is. Schematron {@code flag="fatal"} and every XSD error are
 * {@link #FATAL}; {@code flag="warning"} is {@link #WARNING}; anything else the rules report
 * (e.g. {@code information}) is {@link #INFO}.
 */
public enum Severity {
    FATAL,
    WARNING,
    INFO
}
