package no.inkasso.gateway.ehf;

/** What the PEPPOL schematron rules do to a creditor's documents. The XSD check always runs. */
public enum SchematronMode {
    /** Run the rules; any fatal finding rejects the document ({@link RejectReason#SCHEMATRON_FATAL}). */
    ENFORCE,
    /** Run the rules; every finding, fatal or not, is passed on as a warning with the accepted document. */
    WARN,
    /** Do not run the rules. */
    OFF
}
