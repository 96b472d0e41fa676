package no.inkasso.gateway.agency;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Session;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.routing.AgencyDelivery;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * POSTs each feed message (JSON) to the agency's endpoint with {@code Idempotency-Key: <caseId>:<sequence>}
 * and its credentials (API key header, or an OAuth2 client-credentials bearer token). A 2xx is delivered,
 * and {@code agencyCaseNumber} in its JSON answer is the agency's case number; the status decides what
 * a failure is (see {@link DeliveryException}).
 */
public final class RestAgencyTransport implements AgencyTransport {

    private final AgencyDelivery delivery;
    private final RestClient client;
    private final OAuth2ClientCredentials oauth;

    public RestAgencyTransport(AgencyDelivery delivery) {
        this.delivery = delivery;
        Duration timeout = Duration.ofMillis(delivery.timeoutMs());
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(factory).build();
        this.oauth = delivery.auth() == AgencyDelivery.Auth.OAUTH2 ? new OAuth2ClientCredentials(client, delivery) : null;
    }

    /**
     * Up to 50 feed messages per broker transaction, each POSTed and recorded on its own: a failure
     * half-way rolls the batch back to the queue, and the ones already recorded as delivered are then
     * only acknowledged (one broker commit per 50 cases instead of per case).
     */
    @Override
    public int batchSize() {
        return 50;
    }

    @Override
    public boolean oneByOne() {
        return true;
    }

    @Override
    public List<String> deliver(Session session, List<Outbound> messages) {
        List<String> numbers = new ArrayList<>();
        for (Outbound message : messages) {
            numbers.add(post(message));
        }
        return numbers;
    }

    private String post(Outbound message) {
        ResponseEntity<String> answer;
        try {
            answer = client.post().uri(delivery.endpoint())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", message.caseId() + ":" + message.sequence())
                    .headers(h -> {
                        switch (delivery.auth()) {
                            case API_KEY -> h.set(delivery.apiKeyHeader(), delivery.apiKey());
                            case OAUTH2 -> h.setBearerAuth(oauth.token());
                            case NONE -> { }
                        }
                    })
                    .body(message.json())
                    .retrieve()
                    .onStatus(status -> true, (request, response) -> { })
                    .toEntity(String.class);
        } catch (ResourceAccessException e) {
            throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + " unreachable: " + e.getMessage(), e);
        }
        int status = answer.getStatusCode().value();
        String body = answer.getBody() == null ? "" : answer.getBody();
        String what = delivery.agencyId() + " answered HTTP " + status + " to case " + message.caseId() + " #" + message.sequence()
                + (body.isBlank() ? "" : ": " + abbreviate(body));
        if (answer.getStatusCode().is2xxSuccessful()) {
            return caseNumber(body);
        }
        if (status == 401 && oauth != null) {
            oauth.invalidate();
        }
        if (status == 401 || status == 403 || status == 429 || status == 502 || status == 503 || status == 504) {
            throw new DeliveryException.AgencyUnavailable(what, null);
        }
        if (status == 408 || status >= 500) {
            throw new DeliveryException.Transient(what, null);
        }
        throw new DeliveryException.Permanent(what);
    }

    private static String caseNumber(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode number = ApiJson.mapper().readTree(body).get("agencyCaseNumber");
            return number == null || !number.isTextual() ? null : number.asText();
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
