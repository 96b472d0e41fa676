package no.inkasso.gateway.returnpath;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Status files an agency puts in its SFTP folder: each file one batch of agency events, the same JSON
 * as the webhook ({@code {"events": [...]}}, schemas/messages/agency-event-v1). Events refused one by one
 * are stored with their reason as for the other transports and the file is done; a file that is not
 * events at all is a {@link MalformedEventsException} (the route moves it to {@code .error/}).
 */
@Component("agencyStatusFiles")
public class AgencyStatusFiles {

    private static final Logger log = LoggerFactory.getLogger(AgencyStatusFiles.class);

    private final AgencyEventRecorder recorder;

    public AgencyStatusFiles(AgencyEventRecorder recorder) {
        this.recorder = recorder;
    }

    public void take(byte[] content, String agencyId, String fileName) {
        AgencyEventRecorder.Receipt receipt = recorder.receive(agencyId, "SFTP", content);
        if (receipt instanceof AgencyEventRecorder.Receipt.Malformed m) {
            throw new MalformedEventsException("status file " + fileName + " from " + agencyId + " is not agency events: " + m.reason()
                    + " (rejection " + m.rejectionId() + ")");
        }
        Map<AgencyEventRecorder.Outcome, Integer> counts = new TreeMap<>();
        ((AgencyEventRecorder.Receipt.Results) receipt).results().forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        log.info("Status file {} from {} taken: {}", fileName, agencyId, counts);
    }
}
