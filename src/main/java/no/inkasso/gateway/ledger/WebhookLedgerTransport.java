package no.inkasso.gateway.ledger;

import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * POSTs each event to the ledger's URL as JSON, signed ({@link WebhookSignature}) and with the delivery id
 * as {@code X-Gateway-Delivery} (the ledger's key for recognising a copy). 2xx is delivered; 429, 502-504,
 * 401/403 and no answer at all mean the ledger is unavailable (retried, never counted); 408 and other 5xx
 * are this message's failure (counted); any other 4xx is a refusal (dead-lettered at once).
 */
public class WebhookLedgerTransport implements LedgerTransport {

    private final LedgerDelivery delivery;
    private final HttpClient client;
    private final LongSupplier epochSeconds;

    public WebhookLedgerTransport(LedgerDelivery delivery, LongSupplier epochSeconds) {
        this.delivery = delivery;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(delivery.timeoutMs())).build();
        this.epochSeconds = epochSeconds;
    }

    @Override
    public int batchSize() {
        return 50;
    }

    @Override
    public boolean oneByOne() {
        return true;
    }

    @Override
    public void deliver(Session session, List<Pending> messages) {
        for (Pending message : messages) {
            post(message);
        }
    }

    private void post(Pending message) {
        long timestamp = epochSeconds.getAsLong();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(Duration.ofMillis(delivery.timeoutMs()))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(delivery.signingSecret(), timestamp, message.json()))
                .header(WebhookSignature.DELIVERY_HEADER, message.deliveryId())
                .header(WebhookSignature.EVENT_HEADER, message.type())
                .POST(HttpRequest.BodyPublishers.ofString(message.json()))
                .build();
        HttpResponse<String> answer;
        try {
            answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LedgerDeliveryException.Unavailable(delivery.sourceSystem() + " unreachable at " + delivery.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerDeliveryException.Unavailable(delivery.sourceSystem() + ": interrupted", e);
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ").trim();
        String what = delivery.sourceSystem() + " answered HTTP " + status + " to delivery " + message.deliveryId()
                + (body.isEmpty() ? "" : ": " + (body.length() <= 300 ? body : body.substring(0, 300) + "…"));
        if (status == 401 || status == 403 || status == 429 || status == 502 || status == 503 || status == 504) {
            throw new LedgerDeliveryException.Unavailable(what, null);
        }
        if (status == 408 || status >= 500) {
            throw new LedgerDeliveryException.Failed(what, null);
        }
        throw new LedgerDeliveryException.Refused(what);
    }
}
