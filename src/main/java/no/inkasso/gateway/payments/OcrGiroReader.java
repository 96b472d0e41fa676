package no.inkasso.gateway.payments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Nets OCR giro file (service code 09): 80-character records, ISO-8859-1. Start and end of
 * transmission (record types 10, 89), of each assignment (20, 88), and per transaction amount item 1
 * (30: transaction type, Nets date, sign, amount in øre, KID), item 2 (31: archive reference) and for
 * payments with a message item 3 (32). The file is taken only whole: a wrong record, or counts and
 * totals that do not match the end records, rejects it, so a truncated file is never half-applied.
 */
public final class OcrGiroReader {

    static final int RECORD_LENGTH = 80;
    private static final DateTimeFormatter NETS_DATE = DateTimeFormatter.ofPattern("ddMMuu");
    /** Transaction types that take money back (reversals), never applied automatically. */
    private static final List<String> REVERSALS = List.of("18", "20");
    /** Transaction types where the payer wrote a message instead of a KID. */
    private static final List<String> WITH_TEXT = List.of("20", "21");

    private OcrGiroReader() {
    }

    public static PaymentFile read(InputStream in) throws IOException, UnreadablePaymentFileException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        List<IncomingPayment> payments = new ArrayList<>();
        String line;
        int lineNumber = 0;
        boolean started = false;
        boolean ended = false;
        String agreement = null;
        String assignment = null;
        long assignmentCount = 0;
        long assignmentOre = 0;
        long assignmentRecords = 0;
        long fileCount = 0;
        long fileOre = 0;
        long fileRecords = 0;
        Pending pending = null;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (ended) {
                throw unreadable("CONTENT_AFTER_END", lineNumber, "there is a record after the end of transmission (type 89)");
            }
            if (line.length() != RECORD_LENGTH) {
                throw unreadable("NOT_OCR_GIRO", lineNumber, "records are 80 characters, this one is " + line.length());
            }
            if (!line.startsWith("NY")) {
                throw unreadable("NOT_OCR_GIRO", lineNumber, "records start with the format code NY, this one with '"
                        + line.substring(0, 2) + "'");
            }
            String service = line.substring(2, 4);
            String type = line.substring(6, 8);
            fileRecords++;
            if (!started) {
                if (!"00".equals(service) || !"10".equals(type)) {
                    throw unreadable("NOT_OCR_GIRO", lineNumber, "an OCR giro file starts with a start-of-transmission record (NY000010)");
                }
                started = true;
                continue;
            }
            if ("00".equals(service) && "89".equals(type)) {
                if (assignment != null) {
                    throw unreadable("NOT_OCR_GIRO", lineNumber, "the transmission ends inside assignment " + assignment
                            + " (no end-of-assignment record, type 88)");
                }
                check(lineNumber, "transactions in the transmission", number(line, 9, 16, lineNumber), fileCount);
                check(lineNumber, "records in the transmission", number(line, 17, 24, lineNumber), fileRecords);
                check(lineNumber, "total amount (øre) of the transmission", number(line, 25, 41, lineNumber), fileOre);
                ended = true;
                continue;
            }
            if (!"09".equals(service)) {
                throw unreadable("NOT_OCR_GIRO", lineNumber, "service code " + service + " is not OCR giro (09)"
                        + ("21".equals(service) ? "; this is an AvtaleGiro file, which holds no payments in" : ""));
            }
            assignmentRecords++;
            switch (type) {
                case "20" -> {
                    if (assignment != null) {
                        throw unreadable("NOT_OCR_GIRO", lineNumber, "assignment " + assignment + " has no end record (type 88)");
                    }
                    agreement = line.substring(8, 17);
                    assignment = line.substring(17, 24);
                    assignmentCount = 0;
                    assignmentOre = 0;
                    assignmentRecords = 1;
                }
                case "30" -> {
                    requireAssignment(assignment, lineNumber);
                    if (pending != null) {
                        payments.add(pending.toPayment(agreement, assignment));
                    }
                    String transactionType = line.substring(4, 6);
                    long ore = number(line, 33, 49, lineNumber);
                    boolean negative = line.charAt(31) == '-';
                    pending = new Pending(line.substring(8, 15), transactionType, date(line, 16, 21, lineNumber), ore, negative,
                            line.substring(49, 74).strip());
                    assignmentCount++;
                    // the control totals count a reversal (sign '-') against the payments
                    assignmentOre += negative ? -ore : ore;
                }
                case "31" -> {
                    requireTransaction(pending, line, lineNumber);
                    pending.archiveReference = line.substring(25, 34).strip();
                }
                case "32" -> {
                    requireTransaction(pending, line, lineNumber);
                    pending.message = line.substring(15, 55).strip();
                }
                case "88" -> {
                    requireAssignment(assignment, lineNumber);
                    if (pending != null) {
                        payments.add(pending.toPayment(agreement, assignment));
                        pending = null;
                    }
                    check(lineNumber, "transactions in assignment " + assignment, number(line, 9, 16, lineNumber), assignmentCount);
                    check(lineNumber, "records in assignment " + assignment, number(line, 17, 24, lineNumber), assignmentRecords);
                    check(lineNumber, "total amount (øre) of assignment " + assignment, number(line, 25, 41, lineNumber), assignmentOre);
                    fileCount += assignmentCount;
                    fileOre += assignmentOre;
                    assignment = null;
                }
                default -> throw unreadable("NOT_OCR_GIRO", lineNumber, "record type " + type + " is not an OCR giro record");
            }
        }
        if (!started) {
            throw new UnreadablePaymentFileException("EMPTY", "the file has no records");
        }
        if (!ended) {
            throw new UnreadablePaymentFileException("TRUNCATED",
                    "the file ends without an end-of-transmission record (NY000089): truncated? Nothing was taken from it");
        }
        return new PaymentFile(PaymentFileFormat.OCR_GIRO, List.copyOf(payments), 0);
    }

    private static final class Pending {
        final String transactionNumber;
        final String transactionType;
        final LocalDate netsDate;
        final long ore;
        final boolean negative;
        final String kid;
        String archiveReference;
        String message;

        Pending(String transactionNumber, String transactionType, LocalDate netsDate, long ore, boolean negative, String kid) {
            this.transactionNumber = transactionNumber;
            this.transactionType = transactionType;
            this.netsDate = netsDate;
            this.ore = ore;
            this.negative = negative;
            this.kid = kid;
        }

        IncomingPayment toPayment(String agreement, String assignment) {
            String problem = null;
            if (negative || REVERSALS.contains(transactionType)) {
                problem = "a reversal (transaction type " + transactionType + "): not applied automatically";
            } else if (kid.isEmpty()) {
                problem = WITH_TEXT.contains(transactionType)
                        ? "no KID: paid with a message instead" + (message == null || message.isEmpty() ? "" : " (\"" + message + "\")")
                        : "no KID";
            } else if (ore == 0) {
                problem = "amount is zero";
            }
            String bankReference = "OCR:" + agreement.strip() + ":" + assignment.strip() + ":" + transactionNumber
                    + (archiveReference == null || archiveReference.isEmpty() ? "" : ":" + archiveReference);
            return new IncomingPayment(Integer.parseInt(transactionNumber), kid.isEmpty() ? null : kid,
                    BigDecimal.valueOf(ore, 2), "NOK", netsDate, bankReference, null, problem);
        }
    }

    private static void requireAssignment(String assignment, int lineNumber) throws UnreadablePaymentFileException {
        if (assignment == null) {
            throw unreadable("NOT_OCR_GIRO", lineNumber, "a record outside an assignment (no start-of-assignment record, type 20)");
        }
    }

    private static void requireTransaction(Pending pending, String line, int lineNumber) throws UnreadablePaymentFileException {
        if (pending == null || !pending.transactionNumber.equals(line.substring(8, 15))) {
            throw unreadable("NOT_OCR_GIRO", lineNumber, "amount item " + line.substring(6, 8) + " of transaction " + line.substring(8, 15)
                    + " does not follow its amount item 1 (type 30)");
        }
    }

    private static void check(int lineNumber, String what, long stated, long counted) throws UnreadablePaymentFileException {
        if (stated != counted) {
            throw unreadable("CONTROL_TOTALS", lineNumber, what + ": the end record says " + stated + ", the file holds " + counted
                    + "; nothing was taken from it");
        }
    }

    /** Positions are the specification's, 1-based and inclusive. */
    private static long number(String line, int from, int to, int lineNumber) throws UnreadablePaymentFileException {
        String digits = line.substring(from - 1, to);
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw unreadable("NOT_OCR_GIRO", lineNumber, "positions " + from + "-" + to + " must be digits, found '" + digits + "'");
        }
        return Long.parseLong(digits);
    }

    private static LocalDate date(String line, int from, int to, int lineNumber) throws UnreadablePaymentFileException {
        String text = line.substring(from - 1, to);
        try {
            return LocalDate.parse(text, NETS_DATE);
        } catch (DateTimeParseException e) {
            throw unreadable("NOT_OCR_GIRO", lineNumber, "positions " + from + "-" + to + " must be a date (DDMMYY), found '" + text + "'");
        }
    }

    private static UnreadablePaymentFileException unreadable(String reason, int lineNumber, String message) {
        return new UnreadablePaymentFileException(reason, "line " + lineNumber + ": " + message);
    }
}
