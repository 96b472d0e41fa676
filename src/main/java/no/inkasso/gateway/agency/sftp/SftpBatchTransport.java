package no.inkasso.gateway.agency.sftp;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import no.inkasso.gateway.agency.BatchingTransport;
import no.inkasso.gateway.agency.DeliveryException;
import no.inkasso.gateway.agency.DeliveryStore;
import no.inkasso.gateway.agency.Outbound;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.CaseFeedReceipts;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.receipt.CaseFeedReceipt;
import no.inkasso.gateway.feed.receipt.Outcome;
import no.inkasso.gateway.feed.receipt.ReceiptResult;
import no.inkasso.gateway.routing.AgencyDelivery;
import no.inkasso.gateway.routing.DeliveryState;
import no.inkasso.gateway.routing.RoutingProperties;
import no.inkasso.gateway.sftp.SftpOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * SFTP batch delivery to one agency: on its schedule the delivery worker hands over up to
 * {@code max-cases-per-file} messages, recorded here as a batch (agency_batch, the rows BATCHED) before
 * the broker transaction commits; the batch file (case-feed-v1.xsd {@code caseFeedBatch}) is then built
 * from the database, uploaded under its fixed name ({@link SftpOutbound}: temporary name, then renamed)
 * and marked UPLOADED. A crash or failure between upload and marking uploads the same file again under
 * the same name. Without a receipt folder an uploaded file is delivered (cases AT_AGENCY); with one, the
 * agency's receipt decides per message: ACCEPTED (AT_AGENCY with its case number) or REFUSED
 * (dead-lettered to {@code agency.<id>.outbound.dlq}, like a REST 4xx).
 */
public final class SftpBatchTransport implements BatchingTransport {

    private static final Logger log = LoggerFactory.getLogger(SftpBatchTransport.class);
    static final String DONE = ".done";
    static final String ERROR = ".error";

    private final AgencyDelivery delivery;
    private final BatchStore batches;
    private final DeliveryStore deliveries;
    private final SftpOutbound outbound;
    private final SftpOutbound.Target target;
    private final JmsTemplate jms;
    private final Path workDir;
    private final BatchSchedule schedule;
    private final ReceiptFolder receipts;
    private long lastRun;
    private long nextReceiptPoll;
    private volatile Consumer<BatchStore.Batch> afterUpload = b -> { };

    public SftpBatchTransport(AgencyDelivery delivery, BatchStore batches, DeliveryStore deliveries, SftpOutbound outbound,
                              ConnectionFactory connectionFactory, Path workDir, long startMillis) {
        this.delivery = delivery;
        this.batches = batches;
        this.deliveries = deliveries;
        this.outbound = outbound;
        this.target = new SftpOutbound.Target(delivery.host(), delivery.port(), delivery.username(), delivery.password(),
                delivery.privateKeyFile(), delivery.knownHostsFile(), delivery.folder());
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.workDir = workDir;
        this.schedule = BatchSchedule.of(delivery.schedule(), delivery.periodMs(), ZoneId.of("Europe/Oslo"));
        this.receipts = delivery.receiptFolder() == null ? null : new ReceiptFolder(delivery);
        this.lastRun = startMillis;
    }

    /** Messages per batch file. */
    @Override
    public int batchSize() {
        return delivery.maxCasesPerFile();
    }

    @Override
    public String check(Outbound message) {
        try {
            CaseFeedCodec.toXml(CaseFeedCodec.fromJson(message.json()));
            return null;
        } catch (CaseFeedCodec.InvalidFeedException e) {
            return "cannot go in a batch file: " + e.getMessage();
        }
    }

    @Override
    public void stage(List<Outbound> messages) {
        batches.stage(delivery.agencyId(), delivery.fileName(), messages).ifPresent(b ->
                log.info("Batch {} of {} recorded: {} messages, file {}", b.batchId(), delivery.agencyId(), messages.size(), b.fileName()));
    }

    @Override
    public synchronized boolean due(long now) {
        return schedule.due(lastRun, now);
    }

    @Override
    public synchronized void ran(long now) {
        lastRun = now;
    }

    @Override
    public int uploadPending() {
        int uploaded = 0;
        for (BatchStore.Batch batch : batches.pending(delivery.agencyId())) {
            List<BatchStore.Row> rows = batches.rows(batch.batchId());
            Path file = write(batch, rows);
            try {
                outbound.upload(target, batch.fileName(), file);
            } catch (RuntimeException e) {
                throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + ": batch file " + batch.fileName()
                        + " could not be uploaded to " + target.describe() + ": " + rootMessage(e), e);
            } finally {
                deleteQuietly(file);
            }
            afterUpload.accept(batch);
            batches.uploaded(batch, rows);
            if (receipts == null) {
                List<Outbound> delivered = rows.stream().map(r -> new Outbound(r.caseId(), r.sequence(), r.kind(), r.payload(), null)).toList();
                deliveries.delivered(delivery.agencyId(), delivered, nulls(delivered.size()));
            }
            log.info("Batch file {} uploaded to {} ({} messages)", batch.fileName(), target.describe(), rows.size());
            uploaded++;
        }
        return uploaded;
    }

    @Override
    public int readReceipts(long now) {
        if (receipts == null) {
            return -1;
        }
        synchronized (this) {
            if (now < nextReceiptPoll) {
                return -1;
            }
            nextReceiptPoll = now + delivery.receiptPollMs();
        }
        int[] handled = {0};
        try {
            receipts.visit(folder -> {
                for (String name : folder.receipts()) {
                    byte[] content;
                    try {
                        content = folder.read(name);
                    } catch (ReceiptFolder.ReceiptTooLarge tooLarge) {
                        refuseReceipt(name, null, BatchStore.ReceiptOutcome.MALFORMED, tooLarge.getMessage(), null);
                        folder.moveTo(name, ERROR);
                        handled[0]++;
                        continue;
                    }
                    folder.moveTo(name, take(name, content) ? DONE : ERROR);
                    handled[0]++;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof DeliveryException d) {
                throw d;
            }
            throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + ": receipt folder " + delivery.username() + "@"
                    + delivery.host() + ":" + delivery.port() + "/" + delivery.receiptFolder() + " could not be read: " + rootMessage(e), e);
        }
        return handled[0];
    }

    /** Applies one receipt file; returns false when it is refused (kept with the reason, to be moved aside). */
    boolean take(String name, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        CaseFeedReceipt receipt;
        try {
            receipt = CaseFeedReceipts.read(content);
        } catch (CaseFeedReceipts.InvalidReceiptException e) {
            refuseReceipt(name, null, BatchStore.ReceiptOutcome.MALFORMED, e.getMessage(), text);
            return false;
        }
        if (!delivery.agencyId().equals(receipt.getAgencyId())) {
            refuseReceipt(name, receipt.getBatchId(), BatchStore.ReceiptOutcome.UNKNOWN_BATCH, "the receipt is from agency "
                    + receipt.getAgencyId() + ", not " + delivery.agencyId(), text);
            return false;
        }
        Optional<BatchStore.Batch> batch = batches.batch(delivery.agencyId(), receipt.getBatchId());
        if (batch.isEmpty()) {
            refuseReceipt(name, receipt.getBatchId(), BatchStore.ReceiptOutcome.UNKNOWN_BATCH, "no batch " + receipt.getBatchId()
                    + " was sent to " + delivery.agencyId(), text);
            return false;
        }
        apply(name, batch.get(), receipt, text);
        return true;
    }

    private void apply(String name, BatchStore.Batch batch, CaseFeedReceipt receipt, String text) {
        List<String> notes = new ArrayList<>();
        List<Outbound> accepted = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        Map<BatchStore.Row, String> refused = new LinkedHashMap<>();
        for (ReceiptResult result : receipt.getResults()) {
            String key = result.getCaseId() + " #" + result.getSequence();
            Optional<BatchStore.Row> row = batches.row(result.getCaseId(), result.getSequence());
            if (row.isEmpty() || !batch.batchId().equals(row.get().batchId())) {
                notes.add(key + " is not in batch " + batch.batchId() + " (ignored)");
                continue;
            }
            BatchStore.Row r = row.get();
            if (r.state() != DeliveryState.BATCHED) {
                continue; // answered by an earlier receipt
            }
            if (result.getOutcome() == Outcome.ACCEPTED) {
                if (r.sequence() == 1 && result.getAgencyCaseNumber() == null) {
                    notes.add(key + " accepted without an agency case number");
                }
                accepted.add(new Outbound(r.caseId(), r.sequence(), r.kind(), r.payload(), null));
                numbers.add(result.getAgencyCaseNumber());
            } else {
                refused.put(r, "refused by " + delivery.agencyId() + " in receipt " + name + ": "
                        + (result.getReason() == null ? "no reason given" : result.getReason()));
            }
        }
        // The dead letters first, each with a fixed duplicate id: a crash before the database commit sends
        // them again on the next reading, and the broker drops the second copy.
        if (!refused.isEmpty()) {
            deadLetter(refused);
        }
        batches.transaction().executeWithoutResult(tx -> {
            if (!accepted.isEmpty()) {
                deliveries.delivered(delivery.agencyId(), accepted, numbers);
            }
            refused.forEach((r, reason) -> deliveries.dead(delivery.agencyId(), r.caseId(), r.sequence(), r.kind(), reason));
            batches.receipted(batch.batchId());
            batches.recordReceipt(delivery.agencyId(), name, batch.batchId(), BatchStore.ReceiptOutcome.APPLIED,
                    accepted.size() + " accepted, " + refused.size() + " refused" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)),
                    text);
        });
        refused.forEach((r, reason) -> log.warn("Agency {} refused case {} #{}: dead-lettered to {} ({})", delivery.agencyId(),
                r.caseId(), r.sequence(), RoutingProperties.deadLetterQueue(delivery.agencyId()), reason));
        if (!notes.isEmpty()) {
            log.warn("Receipt {} of {} for batch {}: {}", name, delivery.agencyId(), batch.batchId(), String.join("; ", notes));
        }
        log.info("Receipt {} of {} for batch {}: {} accepted, {} refused", name, delivery.agencyId(), batch.batchId(), accepted.size(),
                refused.size());
    }

    private void refuseReceipt(String name, String batchId, BatchStore.ReceiptOutcome outcome, String reason, String content) {
        String id = batches.recordReceipt(delivery.agencyId(), name, batchId, outcome, reason, content);
        log.warn("Receipt {} from {} refused ({}): {}; moved to {}/{}/, kept as agency_receipt {}", name, delivery.agencyId(), outcome,
                reason, delivery.receiptFolder(), ERROR, id);
    }

    private void deadLetter(Map<BatchStore.Row, String> refused) {
        String dlq = RoutingProperties.deadLetterQueue(delivery.agencyId());
        jms.execute(session -> {
            MessageProducer producer = session.createProducer(session.createQueue(dlq));
            try {
                for (Map.Entry<BatchStore.Row, String> e : refused.entrySet()) {
                    BatchStore.Row r = e.getKey();
                    TextMessage message = session.createTextMessage(r.payload());
                    message.setStringProperty("_AMQ_DUPL_ID", "receipt-refused:" + r.caseId() + ":" + r.sequence());
                    message.setStringProperty("caseId", r.caseId());
                    message.setIntProperty("sequence", r.sequence());
                    message.setStringProperty("kind", r.kind());
                    message.setStringProperty("JMSXGroupID", r.caseId());
                    String reason = e.getValue();
                    message.setStringProperty("deadLetterReason", reason.length() <= 1000 ? reason : reason.substring(0, 1000));
                    message.setIntProperty("deliveryAttempts", 1);
                    message.setStringProperty("originalQueue", RoutingProperties.outboundQueue(delivery.agencyId()));
                    message.setStringProperty("batchId", r.batchId());
                    producer.send(message);
                }
            } finally {
                producer.close();
            }
            session.commit();
            return null;
        }, true);
    }

    private Path write(BatchStore.Batch batch, List<BatchStore.Row> rows) {
        CaseFeedBatch file = new CaseFeedBatch();
        file.setAgencyId(delivery.agencyId());
        file.setCreatedAt(batch.createdAt());
        file.setBatchId(batch.batchId());
        for (BatchStore.Row row : rows) {
            file.getMessages().add(CaseFeedCodec.fromJson(row.payload()));
        }
        try {
            Files.createDirectories(workDir);
            Path local = Files.createTempFile(workDir, batch.batchId() + "-", ".xml");
            try (OutputStream out = Files.newOutputStream(local)) {
                CaseFeedCodec.writeBatch(file, out);
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("batch file " + batch.fileName() + " could not be written to " + workDir, e);
        }
    }

    /** Lets a test fail the step after an upload and before it is recorded (crash safety). */
    public void afterUpload(Consumer<BatchStore.Batch> hook) {
        this.afterUpload = hook == null ? b -> { } : hook;
    }

    public AgencyDelivery delivery() {
        return delivery;
    }

    public void close() {
        if (receipts != null) {
            receipts.close();
        }
    }

    private static List<String> nulls(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(null);
        }
        return list;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the work folder is the gateway's own
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
