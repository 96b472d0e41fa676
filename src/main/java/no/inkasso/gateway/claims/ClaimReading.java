package no.inkasso.gateway.claims;

import java.util.List;
import no.inkasso.gateway.claims.model.Claim;

/** The outcome of reading one submitted claim: accepted in canonical form, or every reason it is not. */
public sealed interface ClaimReading {

    /** A valid claim, its canonical JSON (stable for equal claims) and that JSON's SHA-256. */
    record Valid(Claim claim, String canonicalJson, String sha256) implements ClaimReading {}

    record Invalid(List<FieldError> errors) implements ClaimReading {}
}
