package no.inkasso.gateway.feed;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import no.inkasso.gateway.feed.receipt.CaseFeedReceipt;

/**
 * The agencies' receipt files for SFTP batches (schemas/feed/case-feed-receipt-v1.xsd): read with the
 * schema checked and no DTD or external entity ever resolved (the file comes from outside), and written
 * (by the agency simulator) checked against the same schema.
 */
public final class CaseFeedReceipts {

    private static final JAXBContext CONTEXT;
    private static final Schema XSD;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        try {
            CONTEXT = JAXBContext.newInstance(CaseFeedReceipt.class);
            URL xsd = CaseFeedReceipts.class.getResource("/schemas/feed/case-feed-receipt-v1.xsd");
            if (xsd == null) {
                throw new IllegalStateException("schemas/feed/case-feed-receipt-v1.xsd is not on the class path");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            XSD = factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
            XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CaseFeedReceipts() {}

    /** Reads a receipt; anything else (not XML, a DOCTYPE, not the schema's document) is {@link InvalidReceiptException}. */
    public static CaseFeedReceipt read(byte[] content) {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new ByteArrayInputStream(content));
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setSchema(XSD);
            return unmarshaller.unmarshal(reader, CaseFeedReceipt.class).getValue();
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new InvalidReceiptException("not a case-feed-receipt/v1 document: " + cause.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new InvalidReceiptException("not XML: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    public static void write(CaseFeedReceipt receipt, OutputStream out) {
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setSchema(XSD);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.marshal(new jakarta.xml.bind.JAXBElement<>(
                    new javax.xml.namespace.QName("urn:inkasso-gateway:feed-receipt:1", "caseFeedReceipt"), CaseFeedReceipt.class, receipt),
                    out);
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new InvalidReceiptException("receipt does not meet case-feed-receipt-v1.xsd: " + cause.getMessage(), e);
        }
    }

    /** A receipt file that is not a case-feed-receipt/v1 document. */
    public static final class InvalidReceiptException extends RuntimeException {
        public InvalidReceiptException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
