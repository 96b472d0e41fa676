package no.inkasso.gateway.returnpath;

import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * An agency's events queue ({@code agency.<id>.events}): the same JSON as the webhook, one event or a
 * batch per message. Events refused one by one (unknown case, illegal, invalid) are normal outcomes,
 * stored with their reason; a message that is not agency events at all is a {@link MalformedEventsException}
 * (the route dead-letters it at once with the reason).
 */
@Component("agencyEventsInbound")
public class AgencyEventsInbound {

    private final AgencyEventRecorder recorder;

    public AgencyEventsInbound(AgencyEventRecorder recorder) {
        this.recorder = recorder;
    }

    public void receive(Object body, String agencyId) {
        byte[] bytes = body instanceof byte[] b ? b : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
        if (bytes == null) {
            throw new MalformedEventsException("not a text or bytes message (" + (body == null ? "no body" : body.getClass().getSimpleName())
                    + ")");
        }
        if (recorder.receive(agencyId, "JMS", bytes) instanceof AgencyEventRecorder.Receipt.Malformed m) {
            throw new MalformedEventsException("not agency events: " + m.reason() + " (rejection " + m.rejectionId() + ")");
        }
    }
}
