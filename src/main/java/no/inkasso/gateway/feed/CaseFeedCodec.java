package no.inkasso.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.model.CaseFeedMessage;

/**
 * The feed's two forms: JSON (REST and JMS; the generated classes read and written field by field,
 * like the canonical claim) and XML (SFTP batch files), each checked against its schema on the way
 * out, so an agency never receives a message the published schema refuses.
 */
public final class CaseFeedCodec {

    private static final JAXBContext CONTEXT;
    private static final Schema XSD;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(CaseFeedMessage.class, CaseFeedBatch.class);
            URL xsd = CaseFeedCodec.class.getResource("/schemas/feed/case-feed-v1.xsd");
            if (xsd == null) {
                throw new IllegalStateException("schemas/feed/case-feed-v1.xsd is not on the class path");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            XSD = factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CaseFeedCodec() {}

    public static String toJson(CaseFeedMessage message) {
        try {
            return ApiJson.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed message could not be written as JSON", e);
        }
    }

    public static CaseFeedMessage fromJson(String json) {
        try {
            return ApiJson.mapper().readValue(json, CaseFeedMessage.class);
        } catch (JsonProcessingException e) {
            throw new InvalidFeedException("not a case feed message: " + e.getOriginalMessage(), e);
        }
    }

    public static String toXml(CaseFeedMessage message) {
        StringWriter xml = new StringWriter();
        try {
            marshaller().marshal(message, xml);
        } catch (JAXBException e) {
            throw new InvalidFeedException("feed message for case " + message.getCaseId() + " does not meet case-feed-v1.xsd: "
                    + reason(e), e);
        }
        return xml.toString();
    }

    /** An SFTP batch file: the messages for one agency, in order, validated against the XSD while written. */
    public static void writeBatch(CaseFeedBatch batch, OutputStream out) {
        try {
            marshaller().marshal(batch, out);
        } catch (JAXBException e) {
            throw new InvalidFeedException("feed batch does not meet case-feed-v1.xsd: " + reason(e), e);
        }
    }

    public static CaseFeedMessage fromXml(String xml) {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setSchema(XSD);
            return unmarshaller.unmarshal(new StreamSource(new StringReader(xml)), CaseFeedMessage.class).getValue();
        } catch (JAXBException e) {
            throw new InvalidFeedException("not a valid case feed message: " + reason(e), e);
        }
    }

    public static CaseFeedBatch readBatch(java.io.InputStream in) {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setSchema(XSD);
            JAXBElement<CaseFeedBatch> batch = unmarshaller.unmarshal(new StreamSource(in), CaseFeedBatch.class);
            return batch.getValue();
        } catch (JAXBException e) {
            throw new InvalidFeedException("not a valid case feed batch: " + reason(e), e);
        }
    }

    public static Schema xsd() {
        return XSD;
    }

    private static Marshaller marshaller() throws JAXBException {
        Marshaller marshaller = CONTEXT.createMarshaller();
        marshaller.setSchema(XSD);
        marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        return marshaller;
    }

    private static String reason(JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
        return cause.getMessage();
    }

    /** A feed message that is not what the schema describes: permanent, never retried. */
    public static final class InvalidFeedException extends RuntimeException {
        public InvalidFeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
