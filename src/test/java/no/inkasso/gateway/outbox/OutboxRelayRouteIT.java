package no.inkasso.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The route intake-relay-outbox against the real embedded broker and database: what is in the
 * outbox reaches its queue, and a message relayed twice (a crash between the broker commit and
 * the outbox delete) arrives twice with the same {@code gatewayMessageId}, for the consumer to
 * recognise (at least once; the broker's duplicate detection is not relied on).
 */
@CamelSpringBootTest
// The eligibility stage is paused: these tests read claims.received themselves.
@SpringBootTest(properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
class OutboxRelayRouteIT {

    private static final String QUEUE = "claims.received";

    @Autowired
    CamelContext camel;
    @Autowired
    OutboxStore outbox;
    @Autowired
    JmsTemplate jms;

    @Test
    void storedMessagesReachTheirQueueWithTheirProperties() throws Exception {
        String caseId = UUID.randomUUID().toString();
        NotifyBuilder relayed = new NotifyBuilder(camel).fromRoute("intake-relay-outbox").whenCompleted(1).create();

        outbox.add(List.of(OutboxMessage.of(QUEUE, QUEUE + ":" + caseId, caseId, "corr-1", "{\"caseId\":\"" + caseId + "\"}")));

        assertThat(relayed.matches(10, TimeUnit.SECONDS)).isTrue();
        jms.setReceiveTimeout(10_000);
        TextMessage message = (TextMessage) jms.receiveSelected(QUEUE, "caseId = '" + caseId + "'");
        assertThat(message).isNotNull();
        assertThat(message.getText()).contains(caseId);
        assertThat(message.getStringProperty("correlationId")).isEqualTo("corr-1");
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo(caseId);
        assertThat(outbox.oldest(1000)).noneMatch(m -> caseId.equals(m.caseId()));
    }

    @Test
    void theSameAnnouncementRelayedTwiceArrivesTwiceWithOneMessageId() throws Exception {
        String caseId = UUID.randomUUID().toString();
        OutboxMessage announcement = OutboxMessage.of(QUEUE, QUEUE + ":" + caseId, caseId, "corr-2", "{\"n\":1}");

        outbox.add(List.of(announcement));
        jms.setReceiveTimeout(10_000);
        Message first = jms.receiveSelected(QUEUE, "caseId = '" + caseId + "'");
        // as if the relay had died after the broker commit and before deleting the row: the row is back
        outbox.add(List.of(announcement));
        Message second = jms.receiveSelected(QUEUE, "caseId = '" + caseId + "'");
        assertThat(outbox.oldest(1000)).noneMatch(m -> caseId.equals(m.caseId()));
        jms.setReceiveTimeout(1_000);
        Message third = jms.receiveSelected(QUEUE, "caseId = '" + caseId + "'");

        assertThat(first).isNotNull();
        assertThat(second).as("the copy is not dropped by the broker").isNotNull();
        assertThat(second.getStringProperty(OutboxRelay.MESSAGE_ID_PROPERTY))
                .isEqualTo(first.getStringProperty(OutboxRelay.MESSAGE_ID_PROPERTY))
                .isEqualTo(QUEUE + ":" + caseId);
        assertThat(third).isNull();
    }
}
