package no.inkasso.gateway.agency;

import jakarta.jms.Session;
import java.util.List;

/**
 * A transport that sends files of many messages on a schedule (SFTP batch) instead of each message as
 * it comes. The delivery worker takes the agency's queue when the schedule is {@link #due}, at most
 * {@link #batchSize} messages at a time, and hands them to {@link #stage}, which records them as one
 * batch in the database before the broker transaction commits; uploading and reading receipts go from
 * the database, so a crash at any point re-does the same batch under the same name.
 */
public interface BatchingTransport extends AgencyTransport {

    /** Why this message cannot go in a batch file (it is dead-lettered at once), or null. */
    String check(Outbound message);

    /** Records {@code messages} (in queue order, none refused by {@link #check}) as the agency's next batch. */
    void stage(List<Outbound> messages);

    /** Whether the schedule wants a run at {@code now} (milliseconds) after the last {@link #ran}. */
    boolean due(long now);

    void ran(long now);

    /**
     * Uploads every recorded batch not yet confirmed uploaded, oldest first, stopping at the first failure.
     *
     * @return how many files were uploaded
     * @throws DeliveryException.AgencyUnavailable the agency's server cannot be reached or refused the upload
     */
    int uploadPending();

    /**
     * Reads the agency's receipt files, if it gives any and it is time to look.
     *
     * @return how many receipt files were handled, or -1 when the server was not contacted
     */
    int readReceipts(long now);

    @Override
    default List<String> deliver(Session session, List<Outbound> messages) {
        throw new UnsupportedOperationException("a batching transport stages messages; it does not deliver them one by one");
    }
}
