package no.inkasso.gateway.ehf;

import no.inkasso.gateway.claims.model.Attachment;

/**
 * A document embedded in an invoice or credit note ({@code AdditionalDocumentReference/Attachment/
 * EmbeddedDocumentBinaryObject}), decoded. The claim only carries {@link #reference()}; the caller
 * stores {@link #content()} under that reference's URI.
 *
 * @param reference   what the claim holds: kind, {@code ehf-attachment:<documentId>/<index>}, media type, SHA-256
 * @param documentRef the AdditionalDocumentReference's ID in the invoice
 * @param filename    the {@code filename} attribute, or null
 * @param description the DocumentDescription, or null
 * @param content     the decoded bytes; not copied, do not modify
 */
public record EmbeddedAttachment(Attachment reference, String documentRef, String filename, String description, byte[] content) {
}
