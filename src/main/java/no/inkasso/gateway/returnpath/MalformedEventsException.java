package no.inkasso.gateway.returnpath;

/** A message that is not agency events at all: refused for good, never retried. */
public class MalformedEventsException extends RuntimeException {

    public MalformedEventsException(String message) {
        super(message);
    }
}
