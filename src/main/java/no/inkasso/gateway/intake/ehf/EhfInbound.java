package no.inkasso.gateway.intake.ehf;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.security.ClientRegistry;
import no.inkasso.gateway.security.GatewayClient;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The step of route {@code ehf-receive-inbound}: one document an access point dropped on
 * {@code ehf.inbound} (schemas/messages/ehf-inbound-v1.md). The route's broker transaction commits
 * only after this returns, i.e. after the case, credit note or rejection is committed; a rejection is
 * a normal outcome (stored and reported on ledger.feedback). What throws (a message that carries no
 * document, the database down) is rolled back and redelivered with backoff, then dead-lettered.
 */
@Component("ehfInbound")
public class EhfInbound {

    /** The JMS string property naming the ledger client the document is from. */
    public static final String CLIENT_ID = "clientId";

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final EhfIntake intake;
    private final ClientRegistry clients;

    public EhfInbound(EhfIntake intake, ClientRegistry clients) {
        this.intake = intake;
        this.clients = clients;
    }

    public void receive(Object body, String clientId, String correlationId, String messageId) {
        byte[] document;
        if (body instanceof byte[] bytes) {
            document = bytes;
        } else if (body instanceof String text) {
            document = text.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("an ehf.inbound message must be a BytesMessage or a TextMessage, not "
                    + (body == null ? "an empty message" : body.getClass().getSimpleName()) + " (" + messageId + ")");
        }
        String correlation = correlationId != null && CORRELATION_ID.matcher(correlationId).matches() ? correlationId
                : messageId != null && CORRELATION_ID.matcher(messageId.replace("ID:", "")).matches() ? messageId.replace("ID:", "")
                : UUID.randomUUID().toString();
        GatewayClient client = clientId == null ? null : clients.byId(clientId).orElse(null);
        MDC.put("correlationId", correlation);
        try {
            intake.receive(document, new EhfIntake.Delivery(Channel.EHF, client, correlation, "application/xml",
                    "message " + messageId + (clientId == null ? " without clientId" : client == null ? " from unknown client " + clientId : "")));
        } finally {
            MDC.remove("correlationId");
        }
    }
}
