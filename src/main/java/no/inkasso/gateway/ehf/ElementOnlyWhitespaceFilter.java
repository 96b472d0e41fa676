package no.inkasso.gateway.ehf;

import java.util.ArrayDeque;
import java.util.Deque;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Drops the whitespace between elements (indentation) and keeps every character inside leaf
 * elements. UBL has no mixed content and the XSD has already been checked, so an element with
 * child elements holds only insignificant whitespace; dropping it halves the nodes the schematron
 * stylesheets walk, without changing any value a rule can read.
 */
final class ElementOnlyWhitespaceFilter extends XMLFilterImpl {

    private final StringBuilder pending = new StringBuilder();
    /** For each open element: whether it has had a child element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    ElementOnlyWhitespaceFilter(XMLReader parent) {
        super(parent);
    }

    @Override
    public void startDocument() throws SAXException {
        pending.setLength(0);
        open.clear();
        super.startDocument();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (!open.isEmpty()) {
            open.peek()[0] = true;
        }
        flush(true);
        open.push(new boolean[1]);
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        boolean hadChildren = open.pop()[0];
        flush(hadChildren);
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        pending.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        pending.append(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        flush(false);
        super.processingInstruction(target, data);
    }

    @Override
    public void endDocument() throws SAXException {
        flush(true);
        super.endDocument();
    }

    /** Passes the buffered text on, unless it is only whitespace next to a child element. */
    private void flush(boolean besideElement) throws SAXException {
        if (pending.length() == 0) {
            return;
        }
        if (!(besideElement && isWhitespace(pending))) {
            char[] text = pending.toString().toCharArray();
            super.characters(text, 0, text.length);
        }
        pending.setLength(0);
    }

    private static boolean isWhitespace(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
