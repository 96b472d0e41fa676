package no.inkasso.gateway.claims;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with an input, located by a JSON Pointer (RFC 6901) into the submitted document,
 * with a stable machine code and a sentence a person can act on.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldError(String pointer, String code, String message) {

    public static FieldError of(String pointer, String code, String message) {
        return new FieldError(pointer, code, message);
    }
}
