package no.inkasso.gateway.ehf;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import org.xml.sax.EntityResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/**
 * SAX readers that never fetch anything: no external DTD, entity or schema is loaded, whatever the
 * document says, and the JDK's secure-processing limits apply. Every XML the EHF intake reads goes
 * through one of these.
 */
final class SecureXml {

    /** Deeper than any real UBL document (about 12 levels); stops stack-hungry pathological input early. */
    static final int MAX_ELEMENT_DEPTH = 256;

    /** Answers every attempt to resolve an external entity with an error, in case a feature above is ignored. */
    static final EntityResolver REFUSE_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entity refused: " + systemId);
    };

    private SecureXml() {
    }

    /**
     * A namespace-aware reader. With {@code forbidDoctype} a DOCTYPE is a fatal error; without it the
     * caller must refuse the DTD itself (the front door does, in {@code startDTD}, before the internal
     * subset is read). With a {@code schema} the reader validates as it parses.
     */
    static XMLReader newReader(Schema schema, boolean forbidDoctype) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", forbidDoctype);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            if (schema != null) {
                factory.setSchema(schema);
            }
            var parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            optional(parser, "http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            XMLReader reader = parser.getXMLReader();
            reader.setEntityResolver(REFUSE_ENTITIES);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser does not support the hardening this intake needs", e);
        }
    }

    private static void optional(javax.xml.parsers.SAXParser parser, String property, String value) {
        try {
            parser.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // another JAXP implementation: the DTD ban and the size limit still hold
        }
    }
}
