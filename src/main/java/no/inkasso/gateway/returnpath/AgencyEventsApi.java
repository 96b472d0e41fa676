package no.inkasso.gateway.returnpath;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/agencies/{agencyId}/events}: an agency's signed webhook call with one event or a batch. */
@Component("agencyEventsApi")
public class AgencyEventsApi {

    private static final Logger log = LoggerFactory.getLogger(AgencyEventsApi.class);

    private final AgencyEventRecorder recorder;
    private final ReturnPathProperties properties;
    private final Clock clock;

    public AgencyEventsApi(AgencyEventRecorder recorder, ReturnPathProperties properties, Clock clock) {
        this.recorder = recorder;
        this.properties = properties;
        this.clock = clock;
    }

    public ApiReply receive(byte[] body, String agencyId, String timestamp, String signature) {
        ReturnPathProperties.Agency agency = properties.agencies().get(agencyId);
        if (agency == null || agency.webhookSecret() == null || agency.webhookSecret().isBlank()) {
            log.warn("Webhook call for agency {}, which has no webhook secret configured", agencyId);
            return ApiReply.problem(Problem.of(ProblemType.BAD_SIGNATURE, "No webhook is configured for agency " + agencyId + "."));
        }
        Optional<String> bad = WebhookSignature.check(agency.webhookSecret(), timestamp, signature, body, clock.instant(),
                properties.timestampToleranceSeconds());
        if (bad.isPresent()) {
            log.warn("Webhook call for agency {} refused: {}", agencyId, bad.get());
            return ApiReply.problem(Problem.of(ProblemType.BAD_SIGNATURE, bad.get() + "."));
        }
        AgencyEventRecorder.Receipt receipt = recorder.receive(agencyId, "REST", body);
        if (receipt instanceof AgencyEventRecorder.Receipt.Malformed m) {
            return ApiReply.problem(Problem.of(ProblemType.MALFORMED_EVENTS, "The body is not agency events: " + m.reason() + ".")
                    .withRejectionId(m.rejectionId()));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (AgencyEventRecorder.Result r : ((AgencyEventRecorder.Receipt.Results) receipt).results()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", r.index());
            putIf(item, "caseId", r.caseId());
            putIf(item, "sequence", r.sequence());
            item.put("outcome", r.outcome().name());
            item.put("status", r.status());
            putIf(item, "eventId", r.eventId());
            item.put("code", r.code());
            putIf(item, "reason", r.reason());
            results.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("agencyId", agencyId);
        answer.put("results", results);
        return ApiReply.json(200, answer);
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
