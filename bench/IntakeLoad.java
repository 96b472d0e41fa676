import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake load generator for inkasso-gateway. Single file, JDK only:
 *
 * <pre>
 *   java bench/IntakeLoad.java --url http://localhost:18080 --key dev-only-demo-ledger-key \
 *        --claims 200000 --batch 500 --threads 4 --warmup 20000
 *   java bench/IntakeLoad.java --url http://localhost:18080 --key dev-only-demo-ledger-key \
 *        --single --threads 8 --duration 20 --warmup 2000
 * </pre>
 *
 * Batch mode posts {"claims":[...]} to /api/v1/claims/batch and expects 200 with created == batch size.
 * Single mode posts one claim at a time to /api/v1/claims and expects 201.
 * Every claim is the examples/claim.json shape with a distinct invoice number (run id + sequence), so
 * reruns against the same data directory never collide; creditors alternate 923609016 / 974760673.
 * Warmup claims are sent first and excluded from throughput and latency figures.
 */
public class IntakeLoad {

    // examples/claim.json with placeholders %INV% (invoice number), %ORG% / %CNAME% (creditor).
    private static final String TEMPLATE = """
            {"source":{"system":"demo-erp","customerNumber":"C-10042","reference":"VOUCHER-%INV%"},\
            "creditor":{"orgNumber":"%ORG%","country":"NO","name":"%CNAME%",\
            "account":{"type":"NO_BBAN","number":"86011117947"},"vatRegistered":true},\
            "debtor":{"type":"PERSON","nationalId":{"scheme":"NO_PERSON","value":"15038512363"},\
            "name":"Kari Nordmann","address":{"lines":["Storgata 1"],"postalCode":"0155","city":"Oslo"},\
            "country":"NO","email":"kari@example.no","phone":"+4791234567","dateOfBirth":"1985-03-15"},\
            "invoice":{"number":"%INV%","issueDate":"2026-09-01","dueDate":"2026-09-15","currency":"NOK",\
            "originalAmount":4250.00,"outstandingAmount":4250.00,"vatAmount":850.00,"kid":"1002003000"},\
            "claimType":"ORDINARY",\
            "notices":[{"kind":"REMINDER","sentOn":"2026-09-30","deadline":"2026-10-14","fee":35.00},\
            {"kind":"INKASSOVARSEL","sentOn":"2026-10-20","deadline":"2026-11-03"}],\
            "disputed":false,\
            "attachments":[{"kind":"INVOICE_PDF","uri":"https://erp.example.no/invoices/%INV%.pdf","mediaType":"application/pdf"}]}""";

    private static final String[][] CREDITORS = {{"923609016", "Fjordtrykk AS"}, {"974760673", "Bench Kreditor AS"}};
    private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*(\\d+)");

    // options
    private static String url = "http://localhost:8080";
    private static String key = "dev-only-demo-ledger-key";
    private static long claims = 200_000;
    private static int batch = 500;
    private static int threads = 4;
    private static long warmup = 20_000;
    private static boolean single = false;
    private static int durationSec = 20;
    private static boolean alternate = true;
    private static String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    private static final AtomicLong seq = new AtomicLong();
    private static final AtomicLong errors = new AtomicLong();
    private static final AtomicLong errorClaims = new AtomicLong();
    private static final AtomicLong created = new AtomicLong();
    private static final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private static HttpClient http;

    public static void main(String[] args) throws Exception {
        parseArgs(args);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        if (single) {
            runSingle();
        } else {
            runBatch();
        }
    }

    // ---------------------------------------------------------------- batch mode

    private static void runBatch() throws Exception {
        URI uri = URI.create(url + "/api/v1/claims/batch");
        System.err.printf("run=%s batch mode: warmup %d claims, then %d claims in batches of %d from %d threads%n",
                runId, warmup, claims, batch, threads);
        if (warmup > 0) {
            phaseBatches(uri, warmup, false);
            System.err.printf("warmup done (errors so far %d)%n", errors.get());
            errorSamples.clear();
        }
        long errorsBefore = errors.get();
        long errorClaimsBefore = errorClaims.get();
        long createdBefore = created.get();
        long t0 = System.nanoTime();
        long[] lat = phaseBatches(uri, claims, true);
        double secs = (System.nanoTime() - t0) / 1e9;
        long createdMeasured = created.get() - createdBefore;
        report(String.format(Locale.ROOT, "mode=batch batch=%d threads=%d", batch, threads),
                claims, createdMeasured, secs, lat, errors.get() - errorsBefore, errorClaims.get() - errorClaimsBefore);
    }

    /** Sends {@code total} claims in batches from all threads; returns batch latencies (ns) if wanted. */
    private static long[] phaseBatches(URI uri, long total, boolean measure) throws InterruptedException {
        long nBatches = (total + batch - 1) / batch;
        AtomicLong nextBatch = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[(int) (nBatches / threads + 2)];
            perThread.add(lat);
            int ti = t;
            Thread th = new Thread(() -> {
                try {
                    long b;
                    while ((b = nextBatch.getAndIncrement()) < nBatches) {
                        int size = (int) Math.min(batch, total - b * batch);
                        String body = batchBody(size);
                        long s = System.nanoTime();
                        sendBatch(uri, body, size);
                        long d = System.nanoTime() - s;
                        if (counts[ti] < lat.length) {
                            lat[counts[ti]++] = d;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            th.start();
        }
        done.await();
        if (!measure) {
            return new long[0];
        }
        int n = 0;
        for (int c : counts) n += c;
        long[] all = new long[n];
        int p = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, p, counts[t]);
            p += counts[t];
        }
        return all;
    }

    private static String batchBody(int size) {
        StringBuilder sb = new StringBuilder(size * 1300 + 16);
        sb.append("{\"claims\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(',');
            sb.append(claim(seq.getAndIncrement()));
        }
        return sb.append("]}").toString();
    }

    private static void sendBatch(URI uri, String body, int size) {
        try {
            HttpResponse<String> r = http.send(post(uri, body), HttpResponse.BodyHandlers.ofString());
            int got = -1;
            if (r.statusCode() == 200) {
                Matcher m = CREATED.matcher(r.body());
                if (m.find()) got = Integer.parseInt(m.group(1));
            }
            if (got > 0) created.addAndGet(got);
            if (r.statusCode() != 200 || got != size) {
                error(size - Math.max(got, 0), "HTTP " + r.statusCode() + " created=" + got + "/" + size + " " + abbreviate(r.body()));
            }
        } catch (Exception e) {
            error(size, e.toString());
        }
    }

    // ---------------------------------------------------------------- single mode

    private static void runSingle() throws Exception {
        URI uri = URI.create(url + "/api/v1/claims");
        System.err.printf("run=%s single mode: warmup %d claims, then %ds from %d threads%n", runId, warmup, durationSec, threads);
        if (warmup > 0) {
            phaseSingle(uri, warmup, Long.MAX_VALUE, false);
            System.err.printf("warmup done (errors so far %d)%n", errors.get());
            errorSamples.clear();
        }
        long errorsBefore = errors.get();
        long createdBefore = created.get();
        long t0 = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        long[] lat = phaseSingle(uri, Long.MAX_VALUE, t0 + durationSec * 1_000_000_000L, true, sent);
        double secs = (System.nanoTime() - t0) / 1e9;
        long errs = errors.get() - errorsBefore;
        report(String.format(Locale.ROOT, "mode=single threads=%d duration=%ds", threads, durationSec),
                sent.get(), created.get() - createdBefore, secs, lat, errs, errs);
    }

    private static long[] phaseSingle(URI uri, long total, long deadline, boolean measure) throws InterruptedException {
        return phaseSingle(uri, total, deadline, measure, new AtomicLong());
    }

    private static long[] phaseSingle(URI uri, long total, long deadline, boolean measure, AtomicLong sent) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<long[][]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            long[][] holder = {new long[4096]};
            perThread.add(holder);
            int ti = t;
            Thread th = new Thread(() -> {
                try {
                    while (next.getAndIncrement() < total && System.nanoTime() < deadline) {
                        String body = claim(seq.getAndIncrement());
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(post(uri, body), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                created.incrementAndGet();
                            } else {
                                error(1, "HTTP " + r.statusCode() + " " + abbreviate(r.body()));
                            }
                        } catch (Exception e) {
                            error(1, e.toString());
                        }
                        long d = System.nanoTime() - s;
                        sent.incrementAndGet();
                        if (measure) {
                            if (counts[ti] == holder[0].length) holder[0] = Arrays.copyOf(holder[0], counts[ti] * 2);
                            holder[0][counts[ti]++] = d;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            th.start();
        }
        done.await();
        int n = 0;
        for (int c : counts) n += c;
        long[] all = new long[n];
        int p = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t)[0], 0, all, p, counts[t]);
            p += counts[t];
        }
        return all;
    }

    // ---------------------------------------------------------------- shared

    private static String claim(long n) {
        String inv = runId + "-" + n;
        String[] cred = alternate ? CREDITORS[(int) (n & 1)] : CREDITORS[0];
        return TEMPLATE.replace("%INV%", inv).replace("%ORG%", cred[0]).replace("%CNAME%", cred[1]);
    }

    private static HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void error(long claimsAffected, String what) {
        errors.incrementAndGet();
        errorClaims.addAndGet(claimsAffected);
        if (errorSamples.size() < 5) errorSamples.add(what);
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        s = s.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void report(String label, long sentClaims, long createdClaims, double secs, long[] latNs,
                               long errs, long errClaims) {
        Arrays.sort(latNs);
        double rate = createdClaims / secs;
        String line = String.format(Locale.ROOT,
                "IntakeLoad run=%s %s claims=%d created=%d warmup=%d elapsed=%.1fs rate=%.0f claims/s reqs=%d "
                        + "latency_ms p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d (claims affected %d)",
                runId, label, sentClaims, createdClaims, warmup, secs, rate, latNs.length,
                pct(latNs, 50), pct(latNs, 95), pct(latNs, 99), latNs.length == 0 ? 0 : latNs[latNs.length - 1] / 1e6,
                errs, errClaims);
        for (String s : errorSamples) System.err.println("error sample: " + s);
        errorSamples.clear();
        System.out.println(line);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    private static void parseArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--key" -> key = args[++i];
                case "--claims" -> claims = Long.parseLong(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Long.parseLong(args[++i]);
                case "--single" -> single = true;
                case "--duration" -> durationSec = Integer.parseInt(args[++i]);
                case "--run-id" -> runId = args[++i];
                case "--one-creditor" -> alternate = false;
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: java bench/IntakeLoad.java [--url http://localhost:8080] [--key KEY]
                                   [--claims 200000] [--batch 500] [--threads 4] [--warmup 20000]
                                   [--single [--duration 20]] [--run-id ID] [--one-creditor]""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (batch < 1 || batch > 1000) throw new IllegalArgumentException("--batch must be 1..1000");
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
    }
}
