package no.inkasso.gateway.agency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
 * ELIGIBLE to AT_AGENCY (routing transaction, outbox relay, delivery worker, transport). {@code --only jms}
 * or {@code --only rest} measures one transport with the machine to itself; {@code --warmup N} first routes N
 * cases per agency untimed (the JIT compiler otherwise takes a large share of a short run). It prints how much
 * CPU this JVM and the rest of the machine used meanwhile. Run (see bench/README.md):
 * <pre>
 *   java -cp target/test-classes:target/classes:$(cat target/bench.cp) no.inkasso.gateway.agency.AgencyDeliveryBench --cases 10000 [--only jms]
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
        int cases = 10_000;
        int warmup = 0;
        String only = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--gateway.") && args[i].contains("=")) {
                settings.add(args[i]); // a gateway setting to try, e.g. --gateway.routing.batch-size=500
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--cases N, --warmup N, --only jms|rest, --gateway.<key>=<value>)");
            }
        }
        if (only != null && !only.equals("jms") && !only.equals("rest")) {
            throw new IllegalArgumentException("--only takes jms or rest, not " + only);
        }
        boolean jms = only == null || only.equals("jms");
        boolean rest = only == null || only.equals("rest");
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

        // The run's database and broker journal (about 1 GB for 15,000 cases) go when it ends: a disk that
        // passes 90 % blocks Artemis' producers.
        java.nio.file.Path dataDir = java.nio.file.Path.of("target", "bench-data", UUID.randomUUID().toString()).toAbsolutePath();
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(GatewayApplication.class, BenchClock.class)
                .profiles("test")
                .run(Stream.concat(Stream.of("--server.port=0", "--gateway.data-dir=" + dataDir,
                        "--gateway.eligibility.config-dir=" + config, "--gateway.routing.consume-eligible=false",
                        "--spring.main.allow-bean-definition-overriding=true", "--logging.level.root=WARN"), settings.stream())
                        .toArray(String[]::new));
        } catch (RuntimeException startFailed) {
            simulator.close();
            throw startFailed;
        }
        try {
            simulator.listen(app.getBean(jakarta.jms.ConnectionFactory.class), "agency.jms-agency-no.cases", "jms-agency-no");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcTemplate db = app.getBean(JdbcTemplate.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            CamelContext camel = app.getBean(CamelContext.class);
            if (warmup > 0) {
                post(port, warmup, jms, rest);
                waitFor(db, "ELIGIBLE", (jms && rest ? 2L : 1L) * warmup);
                route(camel, meters, db, jms, rest, warmup);
                camel.getRouteController().stopRoute("routing-route-eligible");
            }
            post(port, cases, jms, rest);
            waitFor(db, "ELIGIBLE", (jms && rest ? 2L : 1L) * cases);

            long[] cpuBefore = cpuTicks();
            long start = System.nanoTime();
            double[] seconds = route(camel, meters, db, jms, rest, warmup + cases);
            double jmsSeconds = seconds[0];
            double restSeconds = seconds[1];
            long[] cpuAfter = cpuTicks();
            StringBuilder line = new StringBuilder("cases=%d per agency (after %d untimed), %s".formatted(cases, warmup,
                    only == null ? "both routed at once" : "only " + only));
            if (cpuBefore != null && cpuAfter != null) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                line.append("; CPU while routing: this JVM %.2f cores (%.2f ms per case), other processes %.2f cores, load average %s"
                        .formatted((cpuAfter[1] - cpuBefore[1]) / 100.0 / elapsed,
                        (cpuAfter[1] - cpuBefore[1]) * 10.0 / (jms && rest ? 2 * cases : cases),
                        ((cpuAfter[0] - cpuBefore[0]) - (cpuAfter[1] - cpuBefore[1])) / 100.0 / elapsed,
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
            }
            if (jms) {
                // A JMS case is delivered once it is on the agency's queue; the simulator takes it from there
                // a little later. Give it up to 30 s before counting what it registered.
                long until = System.nanoTime() + 30_000_000_000L;
                while (simulator.agency("jms-agency-no").caseNumbers().size() < warmup + cases && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                line.append("; JMS agency: %.1f s = %.0f cases/s (registered %d, copies %d)".formatted(jmsSeconds, cases / jmsSeconds,
                        simulator.agency("jms-agency-no").caseNumbers().size(), simulator.agency("jms-agency-no").copies()));
            }
            if (rest) {
                line.append("; REST agency: %.1f s = %.0f cases/s (registered %d, copies %d)".formatted(restSeconds, cases / restSeconds,
                        simulator.agency("rest-agency-no").caseNumbers().size(), simulator.agency("rest-agency-no").copies()));
            }
            System.out.println(line);
        } finally {
            app.close();
            simulator.close();
            org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    /** Starts routing and waits until {@code total} cases of each agency measured are AT_AGENCY; returns the seconds each took. */
    private static double[] route(CamelContext camel, MeterRegistry meters, JdbcTemplate db, boolean jms, boolean rest, int total)
            throws Exception {
        long start = System.nanoTime();
        camel.getRouteController().startRoute("routing-route-eligible");
        double jmsSeconds = jms ? 0 : -1;
        double restSeconds = rest ? 0 : -1;
        while (jmsSeconds == 0 || restSeconds == 0) {
            Thread.sleep(10); // a benchmark polling the worker's counter (cheap; the database only to confirm), not a test
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (jmsSeconds == 0 && delivered(meters, db, "jms-agency-no", JMS_CREDITOR, total)) {
                jmsSeconds = elapsed;
            }
            if (restSeconds == 0 && delivered(meters, db, "rest-agency-no", REST_CREDITOR, total)) {
                restSeconds = elapsed;
            }
        }
        return new double[] {jmsSeconds, restSeconds};
    }

    private static void post(int port, int cases, boolean jms, boolean rest) throws Exception {
        if (jms) {
            post(port, cases, JMS_CREDITOR);
        }
        if (rest) {
            post(port, cases, REST_CREDITOR);
        }
    }

    /**
     * Whether all of an agency's cases are AT_AGENCY: the worker counts deliveries after it has recorded
     * them, so the counter is polled (a count over the case table every few milliseconds would take CPU
     * from what is measured) and the database asked only once it says all are through.
     */
    private static boolean delivered(MeterRegistry meters, JdbcTemplate db, String agency, String creditor, int cases) {
        Counter counter = meters.find("gateway.agency.deliveries").tags("agency", agency, "outcome", "delivered").counter();
        return counter != null && counter.count() >= cases && atAgency(db, creditor) == cases;
    }

    /**
     * Busy CPU ticks (1/100 s) of the whole machine and of this JVM from /proc (Linux), so a run can say how
     * much of the machine other processes took meanwhile; null where there is no /proc.
     */
    private static long[] cpuTicks() {
        try {
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < machine.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait
                    busy += Long.parseLong(machine[i]);
                }
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            return new long[] {busy, Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (Exception noProc) {
            return null;
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
