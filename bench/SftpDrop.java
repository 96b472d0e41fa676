import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SFTP intake benchmark driver (JDK only, single file). Drops an export file into a running
 * gateway's embedded SFTP inbox the way a finished upload lands (written as {@code .part}, then
 * renamed), and times it from the rename to
 * <ol>
 *   <li>the file in {@code inbox/.done/} (every line durable as a claim or a stored rejection), and</li>
 *   <li>the outbox empty ({@code gateway_outbox_pending} 0: every claim on {@code claims.received}).</li>
 * </ol>
 *
 * <pre>
 *   java bench/SftpDrop.java --data-dir /tmp/gw --file /tmp/claims-1m.csv --url http://localhost:18080 \
 *        --key dev-only-operations-key [--user demo-ledger] [--gc-log /tmp/gw/gc.log]
 * </pre>
 *
 * With {@code --gc-log} (the gateway started with {@code -Xlog:gc:file=...}) it also prints the
 * largest heap occupancy G1 reported before and after a collection.
 */
public class SftpDrop {

    private static final Pattern PENDING = Pattern.compile("^gateway_outbox_pending(?:\\{[^}]*\\})? ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        Path file = null;
        String url = "http://localhost:18080";
        String key = "dev-only-operations-key";
        String user = "demo-ledger";
        Path gcLog = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--key" -> key = args[++i];
                case "--user" -> user = args[++i];
                case "--gc-log" -> gcLog = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir == null || file == null) {
            throw new IllegalArgumentException("--data-dir and --file are required");
        }
        Path inbox = dataDir.resolve("sftp").resolve(user).resolve("inbox");
        String name = file.getFileName().toString();
        Path part = inbox.resolve(name + ".part");
        Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
        Path dropped = inbox.resolve(name);
        Path done = inbox.resolve(".done").resolve(name);
        Path failed = inbox.resolve(".error").resolve(name);
        Files.move(part, dropped, StandardCopyOption.ATOMIC_MOVE);
        long start = System.nanoTime();
        System.err.println("dropped " + dropped);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build();
        long doneAt = 0;
        long lastReport = start;
        while (true) {
            Thread.sleep(250);
            long now = System.nanoTime();
            if (doneAt == 0 && (Files.exists(done) || Files.exists(failed))) {
                doneAt = now;
                System.err.printf(Locale.ROOT, "file moved to %s after %.1f s%n", Files.exists(done) ? ".done" : ".error",
                        (doneAt - start) / 1e9);
            }
            double pending = pending(http, scrape);
            if (now - lastReport > 10_000_000_000L) {
                System.err.printf(Locale.ROOT, "%.0f s: outbox %.0f%n", (now - start) / 1e9, pending);
                lastReport = now;
            }
            if (doneAt != 0 && pending == 0) {
                System.out.printf(Locale.ROOT, "file=%s done-after-s=%.1f on-queue-after-s=%.1f%n", name,
                        (doneAt - start) / 1e9, (now - start) / 1e9);
                break;
            }
        }
        if (gcLog != null) {
            long before = 0;
            long after = 0;
            long capacity = 0;
            Matcher m = GC.matcher(Files.readString(gcLog));
            while (m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                capacity = Math.max(capacity, Long.parseLong(m.group(3)));
            }
            System.out.printf(Locale.ROOT, "heap: peak-before-gc=%dM peak-after-gc=%dM committed-max=%dM%n", before, after, capacity);
        }
    }

    private static double pending(HttpClient http, HttpRequest scrape) throws Exception {
        HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
        }
        Matcher m = PENDING.matcher(response.body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
