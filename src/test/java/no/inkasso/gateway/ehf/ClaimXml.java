package no.inkasso.gateway.ehf;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ObjectFactory;
import org.xml.sax.SAXException;

/** Checks a mapped claim against the canonical claim's own XSD, schemas/claim/claim-v1.xsd. */
final class ClaimXml {

    private static final JAXBContext CONTEXT;
    private static final Schema SCHEMA;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ObjectFactory.class);
            SCHEMA = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(Path.of("schemas/claim/claim-v1.xsd").toFile());
        } catch (JAXBException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ClaimXml() {
    }

    static void assertValid(Claim claim) {
        try {
            StringWriter xml = new StringWriter();
            CONTEXT.createMarshaller().marshal(claim, xml);
            SCHEMA.newValidator().validate(new StreamSource(new java.io.StringReader(xml.toString())));
        } catch (JAXBException | SAXException | java.io.IOException e) {
            throw new AssertionError("the mapped claim is not a valid claim-v1 document: " + e.getMessage(), e);
        }
    }
}
