package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * A ledger's webhook endpoint for tests (JDK HttpServer): verifies each request's signature as a ledger
 * would, records it, and answers what the test says per path (default 200; 401 for a bad signature).
 */
final class LedgerReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String ledger, String deliveryId, String eventHeader, boolean signatureValid, int answered, JsonNode event,
                    String body) {
        String caseId() {
            return event.path("caseId").asText();
        }

        String type() {
            return event.path("type").asText();
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, ToIntFunction<Received>> answers = new ConcurrentHashMap<>();

    private LedgerReceiver(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret;
        server.createContext("/", this::handle);
        server.start();
    }

    static LedgerReceiver start(int port, String secret) {
        try {
            return new LedgerReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** How {@code ledger} (the first path segment) answers from now on. */
    void answer(String ledger, ToIntFunction<Received> status) {
        answers.put(ledger, status);
    }

    List<Received> received(String ledger, String caseId) {
        return received.stream().filter(r -> r.ledger().equals(ledger) && r.caseId().equals(caseId)).toList();
    }

    List<Received> delivered(String ledger, String caseId) {
        return received(ledger, caseId).stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String ledger = exchange.getRequestURI().getPath().replaceAll("^/([^/]+).*", "$1");
        var headers = exchange.getRequestHeaders();
        boolean valid = "POST".equals(exchange.getRequestMethod()) && WebhookSignature.verify(secret,
                headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body, headers.getFirst(WebhookSignature.SIGNATURE_HEADER));
        JsonNode event;
        try {
            event = LedgerEvents.readEvent(body);
        } catch (Exception e) {
            event = LedgerEvents.readEvent("{}");
        }
        Received provisional = new Received(ledger, headers.getFirst(WebhookSignature.DELIVERY_HEADER),
                headers.getFirst(WebhookSignature.EVENT_HEADER), valid, 0, event, body);
        int status = !valid ? 401 : answers.getOrDefault(ledger, r -> 200).applyAsInt(provisional);
        received.add(new Received(ledger, provisional.deliveryId(), provisional.eventHeader(), valid, status, event, body));
        byte[] answer = (status / 100 == 2 ? "{\"ok\":true}" : "{\"title\":\"refused by the test\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
