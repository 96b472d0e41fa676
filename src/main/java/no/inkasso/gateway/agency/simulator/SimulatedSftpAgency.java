package no.inkasso.gateway.agency.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.CaseFeedReceipts;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.feed.receipt.CaseFeedReceipt;
import no.inkasso.gateway.feed.receipt.Outcome;
import no.inkasso.gateway.feed.receipt.ReceiptResult;
import no.inkasso.gateway.sftp.EmbeddedSftpServer;

/**
 * The SFTP side of a simulated agency: its own SFTP server (Apache MINA SSHD, the class the gateway
 * embeds, run here as the agency's server) with one login, and a batch job that picks up the feed's
 * batch files from {@code inbox/} every 100 ms, registers each message with the {@link SimulatedAgency}
 * (so copies, refusals and case numbers behave as over REST), moves the file to {@code inbox/.done/}
 * and writes a receipt (case-feed-receipt-v1) to {@code receipts/<file>.receipt.xml} under a temporary
 * name, then renamed. Modes: DOWN stops the server (logins fail); FAILING and SLOW leave files unread
 * (the batch job does not run); UP takes them.
 */
public final class SimulatedSftpAgency implements AutoCloseable {

    public static final String INBOX = "inbox";
    public static final String RECEIPTS = "receipts";

    private final SimulatedAgency agency;
    private final EmbeddedSftpServer server;
    private final Path home;
    private final ScheduledExecutorService job = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-sftp-agency");
        t.setDaemon(true);
        return t;
    });
    private final List<String> files = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private boolean running;

    /**
     * Starts the agency's SFTP server on 127.0.0.1:{@code port} (a fixed port, so it comes back where it was
     * after DOWN) with login {@code user}/{@code password}; its files live under {@code root}.
     */
    public SimulatedSftpAgency(SimulatedAgency agency, Path root, int port, String user, String password) {
        this.agency = agency;
        Path homes = root.resolve("homes");
        this.server = new EmbeddedSftpServer(new GatewayProperties.EmbeddedSftp(true, "127.0.0.1", port, homes.toString(),
                root.resolve("host-key.ser").toString(), List.of(new GatewayProperties.SftpUser(user, password))), true);
        this.home = server.home(user);
        try {
            Files.createDirectories(home.resolve(RECEIPTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            server.start();
            running = true;
        }
        job.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return server.port();
    }

    /** The agency's home folder on its server ({@code inbox/}, {@code receipts/}). */
    public Path home() {
        return home;
    }

    /** Names of the batch files taken, in order (a file uploaded again appears again). */
    public synchronized List<String> files() {
        return List.copyOf(files);
    }

    /** Batch files that were not a valid caseFeedBatch (moved to inbox/.error/, no receipt). */
    public synchronized List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    private synchronized void tick() {
        try {
            SimulatedAgency.Mode mode = agency.mode();
            if (mode == SimulatedAgency.Mode.DOWN) {
                if (running) {
                    server.stop();
                    running = false;
                }
                return;
            }
            if (!running) {
                server.start();
                running = true;
            }
            if (mode == SimulatedAgency.Mode.UP) {
                takeFiles();
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("simulated SFTP agency " + agency.id() + ": " + e);
        }
    }

    private void takeFiles() throws IOException {
        Path inbox = home.resolve(INBOX);
        List<Path> ready;
        try (Stream<Path> list = Files.list(inbox)) {
            ready = list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : ready) {
            String name = file.getFileName().toString();
            CaseFeedBatch batch;
            try (InputStream in = Files.newInputStream(file)) {
                batch = CaseFeedCodec.readBatch(in);
            } catch (CaseFeedCodec.InvalidFeedException e) {
                unreadable.add(name);
                move(file, inbox.resolve(".error"));
                continue;
            }
            files.add(name);
            writeReceipt(name, batch);
            move(file, inbox.resolve(".done"));
        }
    }

    private void writeReceipt(String name, CaseFeedBatch batch) throws IOException {
        CaseFeedReceipt receipt = new CaseFeedReceipt();
        receipt.setSchema("case-feed-receipt/v1");
        receipt.setAgencyId(batch.getAgencyId());
        receipt.setBatchId(batch.getBatchId() != null ? batch.getBatchId() : name.replaceFirst("\\.xml$", ""));
        receipt.setProcessedAt(OffsetDateTime.now(ZoneOffset.UTC));
        for (CaseFeedMessage message : batch.getMessages()) {
            JsonNode json = ApiJson.mapper().readTree(CaseFeedCodec.toJson(message));
            SimulatedAgency.Answer answer = agency.take(json);
            ReceiptResult result = new ReceiptResult();
            result.setCaseId(message.getCaseId());
            result.setSequence(message.getSequence());
            JsonNode body = ApiJson.mapper().readTree(answer.body());
            if (answer.status() / 100 == 2) {
                result.setOutcome(Outcome.ACCEPTED);
                result.setAgencyCaseNumber(body.path("agencyCaseNumber").asText(null));
            } else {
                result.setOutcome(Outcome.REFUSED);
                String reason = body.path("detail").asText("refused (" + answer.status() + ")");
                result.setReason(reason.length() <= 500 ? reason : reason.substring(0, 500));
            }
            receipt.getResults().add(result);
        }
        Path receipts = home.resolve(RECEIPTS);
        String receiptName = name.replaceFirst("\\.xml$", "") + ".receipt.xml";
        Path part = receipts.resolve("." + receiptName + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            CaseFeedReceipts.write(receipt, out);
        }
        Files.move(part, receipts.resolve(receiptName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void move(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        job.shutdownNow();
        synchronized (this) {
            server.stop();
            running = false;
        }
    }
}
