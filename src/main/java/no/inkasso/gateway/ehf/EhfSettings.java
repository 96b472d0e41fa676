package no.inkasso.gateway.ehf;

import java.util.Objects;

/**
 * How the EHF reader is configured.
 *
 * @param maxDocumentBytes larger documents are refused unread ({@link RejectReason#TOO_LARGE}); EHF carries
 *                         attachments base64-encoded inline, so this is what bounds an invoice with its PDF
 * @param schematron       which creditors get which {@link SchematronMode}
 */
public record EhfSettings(long maxDocumentBytes, SchematronPolicy schematron) {

    /** 20 MiB: a few scanned pages as embedded PDF, well below what would strain the heap. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;

    public EhfSettings {
        if (maxDocumentBytes <= 0 || maxDocumentBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxDocumentBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        Objects.requireNonNull(schematron, "schematron");
    }

    /** The default size limit, every creditor's documents checked with {@link SchematronMode#ENFORCE}. */
    public static EhfSettings defaults() {
        return new EhfSettings(DEFAULT_MAX_DOCUMENT_BYTES, SchematronPolicy.always(SchematronMode.ENFORCE));
    }

    public EhfSettings withSchematron(SchematronPolicy policy) {
        return new EhfSettings(maxDocumentBytes, policy);
    }

    public EhfSettings withMaxDocumentBytes(long bytes) {
        return new EhfSettings(bytes, schematron);
    }
}
