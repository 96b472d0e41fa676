package no.inkasso.gateway.agency;

import com.fasterxml.jackson.databind.JsonNode;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.routing.AgencyDelivery;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** An OAuth2 client-credentials access token for one agency, fetched when needed and kept until shortly before it expires. */
final class OAuth2ClientCredentials {

    private final RestClient client;
    private final AgencyDelivery delivery;
    private String token;
    private long expiresAt;

    OAuth2ClientCredentials(RestClient client, AgencyDelivery delivery) {
        this.client = client;
        this.delivery = delivery;
    }

    synchronized String token() {
        if (token != null && System.currentTimeMillis() < expiresAt) {
            return token;
        }
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        if (delivery.scope() != null && !delivery.scope().isBlank()) {
            form.add("scope", delivery.scope());
        }
        try {
            String answer = client.post().uri(delivery.tokenUrl())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .headers(h -> h.setBasicAuth(delivery.clientId(), delivery.clientSecret()))
                    .body(form)
                    .retrieve()
                    .body(String.class);
            JsonNode json = ApiJson.mapper().readTree(answer);
            token = json.path("access_token").asText(null);
            if (token == null) {
                throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + ": token answer without access_token", null);
            }
            long seconds = json.path("expires_in").asLong(300);
            expiresAt = System.currentTimeMillis() + Math.max(0, seconds - 30) * 1000;
            return token;
        } catch (RestClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + ": no OAuth2 token from " + delivery.tokenUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    synchronized void invalidate() {
        token = null;
    }
}
