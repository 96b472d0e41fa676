package no.inkasso.gateway.agency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.GatewayApplication;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import org.apache.camel.CamelContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Eligible cases delivered per second, per transport: starts the gateway (embedded broker, H2) and the
 * agency simulator in this JVM, posts N claims for a JMS agency and N for a REST agency with routing
 * paused, waits until all are ELIGIBLE, then starts routing and times each agency's cases from
 * ELIGIBLE to AT_AGENCY (routing transaction, outbox relay, delivery worker, transport). Run (see bench/README.md):
 * <pre>
 *   java -cp target/test-classes:target/classes:$(cat target/bench.cp) no.inkasso.gateway.agency.AgencyDeliveryBench --cases 10000
 * </pre>
 */
public final class AgencyDeliveryBench {

    private static final String JMS_CREDITOR = "974760673";
    private static final String REST_CREDITOR = "923609016";

    /** A test configuration, so the other tests' component scan leaves it out. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BenchClock {
        @Bean
        @Primary
        MutableClock benchClock() {
            MutableClock clock = new MutableClock();
            clock.setDate(LocalDate.parse("2026-03-10"));
            return clock;
        }
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length >= 2 && args[0].equals("--cases") ? Integer.parseInt(args[1]) : 10_000;
        AgencySimulator simulator = AgencySimulator.start(0, "dev-only-bench-key", null, null);
        Path config = ConfigDirs.withRules("agency-bench-config");
        String terms = "jurisdictions: [\"NO\"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, "
                + "refuses-debtor-abroad: true, reminder-required: false";
        Files.writeString(config.resolve("agencies.yml"), """
                agencies:
                  - {id: rest-agency-no, %s,
                     delivery: {transport: rest, endpoint: "http://127.0.0.1:%d/agencies/rest-agency-no/cases", api-key: dev-only-bench-key}}
                  - {id: jms-agency-no, %s, delivery: {transport: jms, queue: agency.jms-agency-no.cases}}
                agreements:
                  - {creditor: "%s", agency: rest-agency-no, from: 2024-01-01}
                  - {creditor: "%s", agency: jms-agency-no, from: 2024-01-01}
                ledgers:
                  - {source-system: demo-erp, reminder-required: false}
                """.formatted(terms, simulator.port(), terms, REST_CREDITOR, JMS_CREDITOR));

        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(GatewayApplication.class, BenchClock.class)
                .profiles("test")
                .run("--server.port=0", "--gateway.data-dir=./target/bench-data/" + UUID.randomUUID(),
                        "--gateway.eligibility.config-dir=" + config, "--gateway.routing.consume-eligible=false",
                        "--spring.main.allow-bean-definition-overriding=true", "--logging.level.root=WARN");
        } catch (RuntimeException startFailed) {
            simulator.close();
            throw startFailed;
        }
        try {
            simulator.listen(app.getBean(jakarta.jms.ConnectionFactory.class), "agency.jms-agency-no.cases", "jms-agency-no");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcTemplate db = app.getBean(JdbcTemplate.class);
            post(port, cases, JMS_CREDITOR);
            post(port, cases, REST_CREDITOR);
            waitFor(db, "ELIGIBLE", 2L * cases);

            long start = System.nanoTime();
            app.getBean(CamelContext.class).getRouteController().startRoute("routing-route-eligible");
            double jmsSeconds = 0;
            double restSeconds = 0;
            while (jmsSeconds == 0 || restSeconds == 0) {
                Thread.sleep(50); // a benchmark polling the database, not a test
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (jmsSeconds == 0 && atAgency(db, JMS_CREDITOR) == cases) {
                    jmsSeconds = elapsed;
                }
                if (restSeconds == 0 && atAgency(db, REST_CREDITOR) == cases) {
                    restSeconds = elapsed;
                }
            }
            System.out.printf("cases=%d per agency, both routed at once; JMS agency: %.1f s = %.0f cases/s; REST agency: %.1f s = %.0f cases/s;"
                            + " simulator registered jms=%d rest=%d, copies jms=%d rest=%d%n",
                    cases, jmsSeconds, cases / jmsSeconds, restSeconds, cases / restSeconds,
                    simulator.agency("jms-agency-no").caseNumbers().size(), simulator.agency("rest-agency-no").caseNumbers().size(),
                    simulator.agency("jms-agency-no").copies(), simulator.agency("rest-agency-no").copies());
        } finally {
            app.close();
            simulator.close();
        }
    }

    private static long atAgency(JdbcTemplate db, String creditor) {
        Long n = db.queryForObject("select count(*) from claim_case where state = 'AT_AGENCY' and creditor_org = ?", Long.class, creditor);
        return n == null ? 0 : n;
    }

    private static void waitFor(JdbcTemplate db, String state, long count) throws InterruptedException {
        while (true) {
            Long n = db.queryForObject("select count(*) from claim_case where state = ?", Long.class, state);
            if (n != null && n >= count) {
                return;
            }
            Thread.sleep(200); // a benchmark polling the database, not a test
        }
    }

    private static void post(int port, int cases, String creditor) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String claim = new String(Files.readAllBytes(Path.of("examples/claim.json")))
                .replace("\"923609016\"", "\"" + creditor + "\"")
                .replace("\"2026-09-01\"", "\"2026-01-01\"").replace("\"2026-09-15\"", "\"2026-01-15\"")
                .replaceAll("(?s)\"notices\": \\[.*?\\]", "\"notices\": [{\"kind\": \"INKASSOVARSEL\", \"sentOn\": \"2026-02-01\", \"deadline\": \"2026-02-15\"}]");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int from = 0; from < cases; from += 500) {
            StringBuilder batch = new StringBuilder("{\"claims\":[");
            for (int i = from; i < Math.min(cases, from + 500); i++) {
                if (i > from) {
                    batch.append(',');
                }
                batch.append(claim.replace("\"number\": \"2026-1187\"", "\"number\": \"B-" + run + "-" + i + "\""));
            }
            batch.append("]}");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/claims/batch"))
                    .header("Authorization", "Bearer dev-only-demo-ledger-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("batch answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }
}
