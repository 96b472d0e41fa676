import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a running gateway's pipeline through /actuator/prometheus (JDK only, single file):
 *
 * <pre>
 *   java bench/PipelineWatch.java --url http://localhost:18080 --key dev-only-operations-key --decisions 100000
 * </pre>
 *
 * Every 500 ms it reads the claims created (gateway_claims_received_total, outcome created), the
 * eligibility decisions made (sum of gateway_eligibility_decisions_total) and the outbox backlog
 * (gateway_outbox_pending). It stops once {@code --decisions} more decisions than at its start have
 * been made and the outbox is empty, and prints the decision rate from the first new decision to the
 * last (decisions/s) and the peak backlog of undecided claims. Start it before the load.
 */
public class PipelineWatch {

    private static final Pattern CREATED = Pattern.compile(
            "^gateway_claims_received_total\\{[^}]*outcome=\"created\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern DECIDED = Pattern.compile(
            "^gateway_eligibility_decisions_total\\{[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern PENDING = Pattern.compile("^gateway_outbox_pending(?:\\{[^}]*\\})? ([0-9.eE+]+)$", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:18080";
        String key = "dev-only-operations-key";
        long target = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--key" -> key = args[++i];
                case "--decisions" -> target = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).GET().build();
        double[] start = read(http, scrape);
        long firstDecisionAt = 0;
        long lastDecisionAt = 0;
        double lastDecided = start[1];
        double peakBacklog = 0;
        while (true) {
            Thread.sleep(500);
            double[] now = read(http, scrape);
            long t = System.nanoTime();
            double created = now[0] - start[0];
            double decided = now[1] - start[1];
            peakBacklog = Math.max(peakBacklog, created - decided);
            if (now[1] > lastDecided) {
                if (firstDecisionAt == 0) {
                    firstDecisionAt = t;
                }
                lastDecisionAt = t;
                lastDecided = now[1];
            }
            System.err.printf(Locale.ROOT, "created %.0f decided %.0f outbox %.0f%n", created, decided, now[2]);
            if (decided >= target && now[2] == 0) {
                double seconds = (lastDecisionAt - firstDecisionAt) / 1e9;
                System.out.printf(Locale.ROOT, "decisions=%.0f seconds=%.1f decisions/s=%.0f peak-undecided=%.0f%n",
                        decided, seconds, seconds > 0 ? decided / seconds : 0, peakBacklog);
                return;
            }
        }
    }

    private static double[] read(HttpClient http, HttpRequest scrape) throws Exception {
        HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
        }
        String body = response.body();
        return new double[] {sum(CREATED, body), sum(DECIDED, body), sum(PENDING, body)};
    }

    private static double sum(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
