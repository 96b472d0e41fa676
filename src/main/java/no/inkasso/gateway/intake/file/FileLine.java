package no.inkasso.gateway.intake.file;

import java.util.List;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.FieldError;

/**
 * One claim of an export file (a CSV line, a claim element of an XML batch), as a valid claim or
 * with everything wrong with it; {@code lineNumber} is where it starts in the file and {@code raw}
 * its original text, both for the error report.
 */
public sealed interface FileLine {
    long lineNumber();

    String raw();

    record Valid(long lineNumber, String raw, ClaimReading.Valid reading) implements FileLine {}

    /** @param errors each with the claim pointer, and where it came from in the file in the message */
    record Invalid(long lineNumber, String raw, List<FieldError> errors) implements FileLine {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
