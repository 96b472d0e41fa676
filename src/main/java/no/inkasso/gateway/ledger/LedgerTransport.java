package no.inkasso.gateway.ledger;

import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;

/** How events reach one ledger: a webhook, a status file on SFTP, or a topic on our broker. */
public interface LedgerTransport {

    /** A message taken from the ledger's outbound queue: the event as JSON and the broker message it came in. */
    record Pending(String deliveryId, String caseId, String type, String statusCode, String json, TextMessage original) {}

    /**
     * Delivers {@code messages} in order, or throws a {@link LedgerDeliveryException}. {@code session} is the
     * worker's broker transaction (a topic publishes in it, so the send and the acknowledgement commit together).
     */
    void deliver(Session session, List<Pending> messages);

    /** Messages taken per broker transaction. */
    int batchSize();

    /** True: {@link #deliver} gets one message at a time (each recorded on its own, a refusal dead-letters only it). */
    boolean oneByOne();
}
