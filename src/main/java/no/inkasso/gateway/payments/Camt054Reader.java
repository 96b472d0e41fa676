package no.inkasso.gateway.payments;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an ISO 20022 camt.054 notification (any version: elements are matched by name within the
 * {@code camt.054} namespace), streaming one entry ({@code Ntry}) at a time. A booked credit entry
 * gives one payment per transaction ({@code TxDtls}, or the entry itself when it has none): amount,
 * currency, booking (or value) date, the structured creditor reference ({@code RmtInf/Strd/CdtrRefInf/Ref},
 * where Norwegian banks put the KID; an all-digit {@code Ustrd} is taken when there is none), the
 * payer's name, and the bank's reference. Debits and entries not booked are counted as skipped.
 */
public final class Camt054Reader {

    static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.054.";

    private Camt054Reader() {
    }

    /** A small element tree for one entry. */
    private record Node(String name, Map<String, String> attributes, StringBuilder text, List<Node> children) {
        Node child(String... path) {
            Node at = this;
            for (String step : path) {
                Node next = null;
                for (Node c : at.children) {
                    if (c.name.equals(step)) {
                        next = c;
                        break;
                    }
                }
                if (next == null) {
                    return null;
                }
                at = next;
            }
            return at;
        }

        List<Node> all(String name) {
            return children.stream().filter(c -> c.name.equals(name)).toList();
        }

        String text(String... path) {
            Node n = child(path);
            return n == null ? null : n.text.toString().strip();
        }
    }

    public static PaymentFile read(InputStream in) throws UnreadablePaymentFileException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        List<IncomingPayment> payments = new ArrayList<>();
        int skipped = 0;
        String notificationId = null;
        boolean atNotificationStart = false;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
                    // to the root
                }
                if (!xml.isStartElement()) {
                    throw new UnreadablePaymentFileException("NOT_CAMT_054", "the file has no XML element");
                }
                String namespace = xml.getNamespaceURI();
                if (!"Document".equals(xml.getLocalName()) || namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
                    throw new UnreadablePaymentFileException("NOT_CAMT_054", "the root is {" + namespace + "}" + xml.getLocalName()
                            + ", not a camt.054 Document (" + NAMESPACE_PREFIX + "*)"
                            + (namespace != null && namespace.contains("camt.053") ? "; camt.053 account statements are not taken, send camt.054" : ""));
                }
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (atNotificationStart) {
                        // the notification's own Id is its first child
                        atNotificationStart = false;
                        if ("Id".equals(xml.getLocalName())) {
                            notificationId = xml.getElementText().strip();
                            continue;
                        }
                    }
                    if ("Ntfctn".equals(xml.getLocalName())) {
                        notificationId = null;
                        atNotificationStart = true;
                    } else if ("Ntry".equals(xml.getLocalName())) {
                        Node entry = subtree(xml);
                        skipped += entry(entry, payments, notificationId);
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new UnreadablePaymentFileException("NOT_XML", "the file is not well-formed XML: " + e.getMessage());
        }
        return new PaymentFile(PaymentFileFormat.CAMT_054, List.copyOf(payments), skipped);
    }

    /** Adds the entry's payments; returns 1 if it was skipped. */
    private static int entry(Node ntry, List<IncomingPayment> payments, String notificationId) {
        String status = ntry.text("Sts", "Cd") != null ? ntry.text("Sts", "Cd") : ntry.text("Sts");
        String direction = ntry.text("CdtDbtInd");
        if (!"CRDT".equals(direction) || (status != null && !"BOOK".equals(status))) {
            return 1;
        }
        boolean reversal = "true".equalsIgnoreCase(ntry.text("RvslInd"));
        LocalDate booked = firstDate(ntry, "BookgDt", "ValDt");
        String entryReference = ntry.text("AcctSvcrRef");
        List<Node> transactions = new ArrayList<>();
        for (Node details : ntry.all("NtryDtls")) {
            transactions.addAll(details.all("TxDtls"));
        }
        if (transactions.isEmpty()) {
            int position = payments.size() + 1;
            payments.add(payment(position, null, amount(ntry), currency(ntry), booked,
                    reference(entryReference, null, notificationId, position), null, reversal));
            return 0;
        }
        int index = 0;
        for (Node tx : transactions) {
            index++;
            int position = payments.size() + 1;
            Node amountNode = tx.child("Amt") != null ? tx.child("Amt") : tx.child("AmtDtls", "TxAmt", "Amt");
            BigDecimal amount = amountNode != null ? decimal(amountNode) : transactions.size() == 1 ? amount(ntry) : null;
            String currency = amountNode != null ? amountNode.attributes.get("Ccy") : currency(ntry);
            if ("DBIT".equals(tx.text("CdtDbtInd"))) {
                continue;
            }
            String ref = tx.text("RmtInf", "Strd", "CdtrRefInf", "Ref");
            if (ref == null) {
                for (Node unstructured : tx.child("RmtInf") == null ? List.<Node>of() : tx.child("RmtInf").all("Ustrd")) {
                    String text = unstructured.text.toString().replace(" ", "").strip();
                    if (text.matches("[0-9]{2,24}[0-9-]")) {
                        ref = text;
                        break;
                    }
                }
            }
            String payer = tx.text("RltdPties", "Dbtr", "Nm") != null ? tx.text("RltdPties", "Dbtr", "Nm")
                    : tx.text("RltdPties", "Dbtr", "Pty", "Nm");
            String bankReference = tx.text("Refs", "AcctSvcrRef");
            payments.add(payment(position, ref, amount, currency, booked,
                    bankReference != null ? "CAMT:" + bankReference : reference(entryReference, index, notificationId, position), payer,
                    reversal));
        }
        return 0;
    }

    private static IncomingPayment payment(int position, String reference, BigDecimal amount, String currency, LocalDate paidOn,
                                           String bankReference, String payer, boolean reversal) {
        String problem = null;
        if (reversal) {
            problem = "a reversal (RvslInd): not applied automatically";
        } else if (amount == null || currency == null) {
            problem = "no amount for the transaction";
        } else if (amount.signum() <= 0) {
            problem = "amount is not positive";
        } else if (amount.scale() > 2) {
            problem = "amount has more than 2 decimals";
        } else if (paidOn == null) {
            problem = "no booking or value date";
        } else if (reference == null) {
            problem = "no payment reference (KID) in the remittance information";
        }
        return new IncomingPayment(position, reference, amount == null ? null : amount.setScale(Math.max(2, amount.scale())), currency,
                paidOn, bankReference, payer, problem);
    }

    private static String reference(String entryReference, Integer txIndex, String notificationId, int position) {
        if (entryReference != null) {
            return "CAMT:" + entryReference + (txIndex == null ? "" : "/" + txIndex);
        }
        return "CAMT:" + (notificationId == null ? "?" : notificationId) + "#" + position;
    }

    private static BigDecimal amount(Node ntry) {
        Node amt = ntry.child("Amt");
        return amt == null ? null : decimal(amt);
    }

    private static String currency(Node ntry) {
        Node amt = ntry.child("Amt");
        return amt == null ? null : amt.attributes.get("Ccy");
    }

    private static BigDecimal decimal(Node amount) {
        try {
            return new BigDecimal(amount.text.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate firstDate(Node ntry, String... names) {
        for (String name : names) {
            String day = ntry.text(name, "Dt");
            String time = ntry.text(name, "DtTm");
            try {
                if (day != null) {
                    return LocalDate.parse(day);
                }
                if (time != null) {
                    return OffsetDateTime.parse(time).toLocalDate();
                }
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        return null;
    }

    private static Node subtree(XMLStreamReader xml) throws XMLStreamException {
        Node root = node(xml);
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            int event = xml.next();
            Node top = stack.get(stack.size() - 1);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Node child = node(xml);
                    top.children.add(child);
                    stack.add(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> top.text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                default -> {
                    // comments, whitespace
                }
            }
        }
        return root;
    }

    private static Node node(XMLStreamReader xml) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        return new Node(xml.getLocalName(), attributes, new StringBuilder(), new ArrayList<>());
    }
}
