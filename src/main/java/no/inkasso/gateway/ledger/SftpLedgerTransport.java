package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import no.inkasso.gateway.sftp.SftpOutbound;

/**
 * Writes what arrived since the last batch as one status file (CSV or XML, {@link StatusFile}) into the
 * ledger's SFTP folder, under a temporary name renamed when complete ({@link SftpOutbound}). The file is
 * named after the batch's first delivery id: a batch written again after a crash (uploaded, not yet
 * acknowledged) replaces its first copy instead of adding a second file.
 */
public class SftpLedgerTransport implements LedgerTransport {

    private final LedgerDelivery delivery;
    private final SftpOutbound sftp;
    private final Supplier<SftpOutbound.Target> target;
    private final Path workDir;
    private final int batchSize;

    public SftpLedgerTransport(LedgerDelivery delivery, SftpOutbound sftp, Supplier<SftpOutbound.Target> target, Path workDir,
                               int batchSize) {
        this.delivery = delivery;
        this.sftp = sftp;
        this.target = target;
        this.workDir = workDir;
        this.batchSize = batchSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean oneByOne() {
        return false;
    }

    @Override
    public void deliver(Session session, List<Pending> messages) {
        List<JsonNode> events = new ArrayList<>();
        for (Pending m : messages) {
            try {
                events.add(LedgerEvents.readEvent(m.json()));
            } catch (IOException e) {
                throw new LedgerDeliveryException.Refused("delivery " + m.deliveryId() + " is not a ledger event: " + e.getMessage());
            }
        }
        String name = StatusFile.name(delivery.sourceSystem(), messages.get(0).deliveryId(), delivery.format());
        Path file = null;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "status-", ".tmp");
            try (OutputStream out = Files.newOutputStream(file)) {
                StatusFile.write(events, delivery.format(), delivery.sourceSystem(), out);
            }
            sftp.upload(target.get(), name, file);
        } catch (IOException | RuntimeException e) {
            throw new LedgerDeliveryException.Unavailable(delivery.sourceSystem() + ": status file " + name + " not written to "
                    + delivery + ": " + rootMessage(e), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover in the work folder is harmless; the next start does not read it
                }
            }
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
