package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A ledger's status file: the events of one batch, one per row (CSV) or element (XML), in the ledger's
 * own words. Formats: schemas/files/ledger-status-v1.md (CSV) and schemas/files/ledger-status-v1.xsd (XML).
 */
public final class StatusFile {

    public static final String NAMESPACE = "urn:inkasso-gateway:ledger-status:1";
    static final List<String> COLUMNS = List.of("deliveryId", "occurredAt", "caseId", "creditorOrgNumber", "invoiceNumber",
            "ledgerReference", "type", "statusCode", "statusText", "caseState", "outstandingAmount", "outstandingCurrency",
            "agencyCaseNumber", "questionId", "questionText", "detail");

    private StatusFile() {}

    /** The file's name: the batch's first delivery id, so a batch written again after a crash replaces its first copy. */
    public static String name(String sourceSystem, String firstDeliveryId, LedgerDelivery.FileFormat format) {
        return sourceSystem + "-status-" + firstDeliveryId + (format == LedgerDelivery.FileFormat.XML ? ".xml" : ".csv");
    }

    public static void write(List<JsonNode> events, LedgerDelivery.FileFormat format, String sourceSystem, OutputStream out)
            throws IOException {
        if (format == LedgerDelivery.FileFormat.XML) {
            writeXml(events, sourceSystem, out);
        } else {
            writeCsv(events, out);
        }
    }

    private static void writeCsv(List<JsonNode> events, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(";", COLUMNS));
        w.write("\r\n");
        for (JsonNode e : events) {
            String[] row = {text(e, "/deliveryId"), text(e, "/occurredAt"), text(e, "/caseId"), text(e, "/creditorOrgNumber"),
                    text(e, "/invoiceNumber"), text(e, "/ledgerReference"), text(e, "/type"), text(e, "/status/code"),
                    text(e, "/status/text"), text(e, "/caseState"), amount(e.at("/outstanding/amount")),
                    text(e, "/outstanding/currency"), text(e, "/agencyCaseNumber"), text(e, "/question/questionId"),
                    text(e, "/question/text"), detail(e)};
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    w.write(';');
                }
                w.write(quote(row[i]));
            }
            w.write("\r\n");
        }
        w.flush();
    }

    private static void writeXml(List<JsonNode> events, String sourceSystem, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("ledgerStatus");
            x.writeDefaultNamespace(NAMESPACE);
            x.writeAttribute("sourceSystem", sourceSystem);
            for (JsonNode e : events) {
                x.writeStartElement("event");
                x.writeAttribute("deliveryId", text(e, "/deliveryId"));
                x.writeAttribute("type", text(e, "/type"));
                x.writeAttribute("occurredAt", text(e, "/occurredAt"));
                element(x, "caseId", text(e, "/caseId"));
                element(x, "creditorOrgNumber", text(e, "/creditorOrgNumber"));
                element(x, "invoiceNumber", text(e, "/invoiceNumber"));
                element(x, "ledgerReference", text(e, "/ledgerReference"));
                x.writeStartElement("status");
                x.writeAttribute("code", text(e, "/status/code"));
                x.writeAttribute("mapped", String.valueOf(e.at("/status/mapped").asBoolean()));
                x.writeCharacters(text(e, "/status/text"));
                x.writeEndElement();
                element(x, "caseState", text(e, "/caseState"));
                if (e.at("/outstanding/amount").isNumber()) {
                    x.writeStartElement("outstanding");
                    x.writeAttribute("currency", text(e, "/outstanding/currency"));
                    x.writeCharacters(amount(e.at("/outstanding/amount")));
                    x.writeEndElement();
                }
                element(x, "agencyCaseNumber", text(e, "/agencyCaseNumber"));
                if (e.has("question")) {
                    x.writeStartElement("question");
                    x.writeAttribute("questionId", text(e, "/question/questionId"));
                    x.writeAttribute("kind", text(e, "/question/kind"));
                    x.writeAttribute("answerPath", text(e, "/question/answer/path"));
                    x.writeCharacters(text(e, "/question/text"));
                    x.writeEndElement();
                }
                element(x, "detail", detail(e));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private static void element(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value != null && !value.isEmpty()) {
            x.writeStartElement(name);
            x.writeCharacters(value);
            x.writeEndElement();
        }
    }

    /** What else the ledger should read: the eligibility summary, the rejection message, or the event's details as JSON. */
    static String detail(JsonNode e) {
        if (e.at("/eligibility/summary").isTextual()) {
            return e.at("/eligibility/summary").asText();
        }
        if (e.at("/rejection/message").isTextual()) {
            return e.at("/rejection/message").asText();
        }
        if (e.path("details").isObject() && !e.path("details").isEmpty()) {
            return e.get("details").toString();
        }
        if (e.path("creditNote").isObject()) {
            return e.get("creditNote").toString();
        }
        return "";
    }

    private static String amount(JsonNode amount) {
        if (!amount.isNumber()) {
            return "";
        }
        java.math.BigDecimal value = amount.decimalValue();
        return (value.scale() < 2 ? value.setScale(2) : value).toPlainString();
    }

    private static String text(JsonNode e, String pointer) {
        JsonNode value = e.at(pointer);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    static String quote(String value) {
        if (value.indexOf(';') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
