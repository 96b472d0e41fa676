package no.inkasso.gateway.ehf;

/**
 * The Standard Business Document Header a PEPPOL access point wraps a document in
 * (namespace {@value #NAMESPACE}). Absent values are null.
 *
 * @param sender              sender participant id, e.g. {@code 0192:987654325}
 * @param senderAuthority     its scheme, normally {@code iso6523-actorid-upis}
 * @param receiver            receiver participant id
 * @param receiverAuthority   its scheme
 * @param instanceIdentifier  DocumentIdentification/InstanceIdentifier: the sender's unique id for this message
 * @param standard            DocumentIdentification/Standard: the payload's root namespace
 * @param type                DocumentIdentification/Type: the payload's root element name
 * @param typeVersion         DocumentIdentification/TypeVersion
 * @param creationDateAndTime DocumentIdentification/CreationDateAndTime, as written
 * @param documentTypeId      the DOCUMENTID scope: the PEPPOL document type identifier
 * @param processId           the PROCESSID scope
 * @param countryC1           the COUNTRY_C1 scope: the sender's country
 */
public record SbdhEnvelope(
        String sender,
        String senderAuthority,
        String receiver,
        String receiverAuthority,
        String instanceIdentifier,
        String standard,
        String type,
        String typeVersion,
        String creationDateAndTime,
        String documentTypeId,
        String processId,
        String countryC1) {

    public static final String NAMESPACE = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
}
