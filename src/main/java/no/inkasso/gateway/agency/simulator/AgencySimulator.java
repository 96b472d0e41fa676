package no.inkasso.gateway.agency.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.inkasso.gateway.api.ApiJson;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A collection-agency simulator for demos and tests: agencies that take the gateway's case feed over
 * REST ({@code POST /agencies/<id>/cases}, API key or OAuth2 bearer token from {@code POST /oauth/token})
 * and JMS (a queue per agency) and SFTP batch files ({@link SimulatedSftpAgency}: its own SFTP server), answer with their case numbers, recognise a copy of a message they
 * took, and fail on demand through a small control API:
 * <pre>
 *   GET  /control/agencies/{id}           what the agency took (cases, numbers, copies, mode)
 *   POST /control/agencies/{id}/mode      {"mode": "UP|DOWN|FAILING|SLOW", "slowMs": 3000}
 *   POST /control/agencies/{id}/refuse    {"caseId": "…", "status": 422}
 *   POST /control/agencies/{id}/cases/{caseId}/play  {"lifecycle": "PAID_IN_FULL"}: the agency's events for that
 *                                         case, back to the gateway ({@link LifecyclePlayer})
 *   POST /control/reset                   forget everything
 * </pre>
 * Runs inside the integration tests ({@link #start}) or alone ({@link #main}). No Spring: it is a
 * stand-in for someone else's system.
 */
public final class AgencySimulator implements AutoCloseable {

    private static final Pattern CASES = Pattern.compile("^/agencies/([A-Za-z0-9-]+)/cases$");
    private static final Pattern PLAY = Pattern.compile("^/control/agencies/([A-Za-z0-9-]+)/cases/([A-Za-z0-9-]+)/play$");
    private static final Pattern CONTROL = Pattern.compile("^/control/agencies/([A-Za-z0-9-]+)(/mode|/refuse)?$");
    private static final JsonSchema FEED = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:schemas/feed/case-feed-v1.schema.json"));

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(8);
    private final String apiKey;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, SimulatedAgency> agencies = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<Connection> jmsConnections = new ArrayList<>();
    private final List<SimulatedSftpAgency> sftpAgencies = new ArrayList<>();
    private final LifecyclePlayer lifecycles = new LifecyclePlayer();

    private AgencySimulator(HttpServer server, String apiKey, String clientId, String clientSecret) {
        this.server = server;
        this.apiKey = apiKey;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * Starts the HTTP side on 127.0.0.1:{@code port} (0 = any free port). REST callers must send
     * {@code X-API-Key: apiKey}, or a bearer token got with {@code clientId}/{@code clientSecret}.
     */
    public static AgencySimulator start(int port, String apiKey, String clientId, String clientSecret) throws IOException {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told: each answer's body then waits for
        // the client's delayed ACK of its headers (~40 ms), which capped a REST agency at ~19 cases/s.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        AgencySimulator simulator = new AgencySimulator(server, apiKey, clientId, clientSecret);
        server.createContext("/", simulator::handle);
        server.setExecutor(simulator.workers);
        server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where each agency reports its case events (webhook or queue), and the lifecycles it plays. */
    public LifecyclePlayer lifecycles() {
        return lifecycles;
    }

    public SimulatedAgency agency(String id) {
        return agencies.computeIfAbsent(id, SimulatedAgency::new);
    }

    /** Consumes {@code queue} as agency {@code agencyId} (not while it is DOWN): each message is taken once, copies recognised. */
    public void listen(ConnectionFactory connectionFactory, String queue, String agencyId) throws JMSException {
        SimulatedAgency agency = agency(agencyId);
        Connection connection = connectionFactory.createConnection();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(message -> {
            try {
                if (agency.mode() == SimulatedAgency.Mode.DOWN) {
                    session.recover();
                    return;
                }
                String body = message instanceof TextMessage text ? text.getText() : "";
                JsonNode json = ApiJson.mapper().readTree(body);
                if (FEED.validate(json).isEmpty()) {
                    agency.take(json, body);
                    if ("NEW_CASE".equals(json.path("kind").asText())) {
                        lifecycles.registered(agency, json.path("caseId").asText());
                    }
                }
                message.acknowledge();
            } catch (Exception e) {
                throw new IllegalStateException("simulated agency " + agencyId + " could not take a message", e);
            }
        });
        connection.start();
        synchronized (jmsConnections) {
            jmsConnections.add(connection);
        }
    }

    /** Runs agency {@code agencyId}'s SFTP server on {@code port} (login {@code user}/{@code password}, files under {@code root}). */
    public SimulatedSftpAgency sftp(String agencyId, java.nio.file.Path root, int port, String user, String password) {
        SimulatedSftpAgency sftp = new SimulatedSftpAgency(agency(agencyId), root, port, user, password);
        synchronized (sftpAgencies) {
            sftpAgencies.add(sftp);
        }
        return sftp;
    }

    public void reset() {
        agencies.values().forEach(SimulatedAgency::reset);
        tokens.clear();
        lifecycles.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        synchronized (sftpAgencies) {
            sftpAgencies.forEach(SimulatedSftpAgency::close);
        }
        synchronized (jmsConnections) {
            for (Connection c : jmsConnections) {
                try {
                    c.close();
                } catch (JMSException ignored) {
                    // shutting down
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher cases = CASES.matcher(path);
            Matcher control = CONTROL.matcher(path);
            Matcher play = PLAY.matcher(path);
            if (cases.matches() && method.equals("POST")) {
                feed(exchange, agency(cases.group(1)));
            } else if (path.equals("/oauth/token") && method.equals("POST")) {
                token(exchange);
            } else if (play.matches() && method.equals("POST")) {
                play(exchange, agency(play.group(1)), play.group(2));
            } else if (control.matches()) {
                control(exchange, agency(control.group(1)), control.group(2), method);
            } else if (path.equals("/control/reset") && method.equals("POST")) {
                reset();
                reply(exchange, 204, null);
            } else {
                reply(exchange, 404, SimulatedAgency.problem(404, "no " + method + " " + path));
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, SimulatedAgency.problem(500, String.valueOf(e.getMessage())));
        }
    }

    private void feed(HttpExchange exchange, SimulatedAgency agency) throws IOException {
        if (!authorised(exchange)) {
            reply(exchange, 401, SimulatedAgency.problem(401, "a valid X-API-Key or bearer token is required"));
            return;
        }
        switch (agency.mode()) {
            case DOWN -> {
                reply(exchange, 503, SimulatedAgency.problem(503, agency.id() + " is down"));
                return;
            }
            case FAILING -> {
                reply(exchange, 500, SimulatedAgency.problem(500, agency.id() + " is failing"));
                return;
            }
            case SLOW -> pause(agency.slowMs());
            case UP -> { }
        }
        JsonNode json = ApiJson.mapper().readTree(read(exchange.getRequestBody()));
        Set<ValidationMessage> findings = FEED.validate(json);
        if (!findings.isEmpty()) {
            reply(exchange, 422, SimulatedAgency.problem(422, "not a case-feed/v1 message: " + findings.iterator().next().getMessage()));
            return;
        }
        SimulatedAgency.Answer answer = agency.take(json);
        reply(exchange, answer.status(), answer.body());
    }

    private void play(HttpExchange exchange, SimulatedAgency agency, String caseId) throws IOException {
        JsonNode body = ApiJson.mapper().readTree(read(exchange.getRequestBody()));
        LifecyclePlayer.Played played;
        try {
            played = lifecycles.play(agency, caseId, LifecyclePlayer.Lifecycle.valueOf(body.path("lifecycle").asText()));
        } catch (IllegalArgumentException e) {
            reply(exchange, 422, SimulatedAgency.problem(422, String.valueOf(e.getMessage())));
            return;
        } catch (Exception e) {
            reply(exchange, 502, SimulatedAgency.problem(502, "could not send the events: " + e.getMessage()));
            return;
        }
        var answer = ApiJson.mapper().createObjectNode().put("caseId", caseId).put("events", played.events().size())
                .put("gatewayStatus", played.status());
        if (played.answer() != null) {
            answer.set("gatewayAnswer", ApiJson.mapper().readTree(played.answer()));
        }
        reply(exchange, 200, answer.toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (clientId == null || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "sim-" + UUID.randomUUID();
        tokens.add(token);
        reply(exchange, 200, ApiJson.mapper().createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", 300).toString());
    }

    private void control(HttpExchange exchange, SimulatedAgency agency, String action, String method) throws IOException {
        if (action == null && method.equals("GET")) {
            reply(exchange, 200, agency.state().toString());
            return;
        }
        if (!method.equals("POST") || action == null) {
            reply(exchange, 405, SimulatedAgency.problem(405, method + " not allowed here"));
            return;
        }
        JsonNode body = ApiJson.mapper().readTree(read(exchange.getRequestBody()));
        if (action.equals("/mode")) {
            agency.mode(SimulatedAgency.Mode.valueOf(body.path("mode").asText("UP")), body.path("slowMs").asLong(0));
        } else {
            agency.refuse(body.path("caseId").asText(), body.path("status").asInt(422));
        }
        reply(exchange, 200, agency.state().toString());
    }

    private boolean authorised(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (apiKey != null && apiKey.equals(key)) {
            return true;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") && tokens.contains(authorization.substring(7));
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // the simulated agency is slow on purpose
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the simulator alone. Environment: {@code SIMULATOR_PORT} (9090), {@code SIMULATOR_API_KEY}
     * (dev-only-demo-agency-no-key), {@code SIMULATOR_CLIENT_ID} / {@code SIMULATOR_CLIENT_SECRET} (OAuth2),
     * {@code SIMULATOR_BROKER_URL} (tcp://127.0.0.1:61617, the gateway's GATEWAY_BROKER_ACCEPTOR_URL) and
     * {@code SIMULATOR_JMS_AGENCIES} (demo-agency-se=agency.demo-agency-se.cases, comma-separated; empty = no JMS; such an
     * agency reports its events on agency.<id>.events), {@code SIMULATOR_GATEWAY_URL} (http://127.0.0.1:8080),
     * {@code SIMULATOR_WEBHOOK_SECRETS} (demo-agency-no=dev-only-demo-agency-no-webhook-secret: agencies reporting by webhook),
     * {@code SIMULATOR_SFTP_AGENCIES} (SFTP agencies, each its own login on one server; empty = none),
     * {@code SIMULATOR_SFTP_PORT} (2224), {@code SIMULATOR_SFTP_PASSWORD} (dev-only-agency-sftp-password) and
     * {@code SIMULATOR_SFTP_ROOT} (./data/agency-simulator-sftp).
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("SIMULATOR_PORT", "9090"));
        AgencySimulator simulator = start(port, env("SIMULATOR_API_KEY", "dev-only-demo-agency-no-key"),
                env("SIMULATOR_CLIENT_ID", "dev-only-gateway"), env("SIMULATOR_CLIENT_SECRET", "dev-only-oauth-secret"));
        String gatewayUrl = env("SIMULATOR_GATEWAY_URL", "http://127.0.0.1:8080");
        for (String pair : env("SIMULATOR_WEBHOOK_SECRETS", "demo-agency-no=dev-only-demo-agency-no-webhook-secret").split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length == 2) {
                simulator.lifecycles().webhook(parts[0], gatewayUrl, parts[1]);
            }
        }
        String jms = env("SIMULATOR_JMS_AGENCIES", "demo-agency-se=agency.demo-agency-se.cases");
        if (!jms.isBlank()) {
            String brokerUrl = env("SIMULATOR_BROKER_URL", "tcp://127.0.0.1:61617");
            ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(brokerUrl + (brokerUrl.contains("?") ? "&" : "?")
                    + "reconnectAttempts=-1&initialConnectAttempts=-1&retryInterval=1000");
            for (String pair : jms.split(",")) {
                String[] parts = pair.trim().split("=", 2);
                simulator.lifecycles().queue(parts[0], broker, "agency." + parts[0] + ".events");
                simulator.listen(broker, parts[1], parts[0]);
            }
        }
        int sftpPort = Integer.parseInt(env("SIMULATOR_SFTP_PORT", "2224"));
        for (String agencyId : env("SIMULATOR_SFTP_AGENCIES", "").split(",")) {
            if (!agencyId.isBlank()) {
                simulator.sftp(agencyId.trim(), java.nio.file.Path.of(env("SIMULATOR_SFTP_ROOT", "data/agency-simulator-sftp"), agencyId.trim()),
                        sftpPort++, agencyId.trim(), env("SIMULATOR_SFTP_PASSWORD", "dev-only-agency-sftp-password"));
            }
        }
        System.out.println("Agency simulator on http://127.0.0.1:" + simulator.port() + " (control: /control/agencies/<id>)");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
