package no.inkasso.gateway.queues;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/**
 * The copy of a message that a delivery worker puts on its dead-letter queue itself (the agencies' and
 * ledgers' outbound queues count attempts in the database, not in the broker): the same body and the
 * sender's properties, without the broker's own ({@code _AMQ*}, {@code JMSX*} but the group).
 */
public final class DeadLetterCopies {

    private DeadLetterCopies() {
    }

    public static TextMessage copy(Session session, TextMessage original) throws JMSException {
        TextMessage copy = session.createTextMessage(original.getText());
        Enumeration<?> names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (name.startsWith("_AMQ") || (name.startsWith("JMSX") && !name.equals("JMSXGroupID"))) {
                continue;
            }
            copy.setObjectProperty(name, original.getObjectProperty(name));
        }
        return copy;
    }

    /** A reason cut to what a message property should carry. */
    public static String shortReason(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }
}
