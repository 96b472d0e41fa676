package no.inkasso.gateway.payments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes Nets OCR giro files for tests: one assignment, transactions of type 10 (or as given), right totals. */
final class OcrGiroFiles {

    record Tx(String type, String kid, long ore) {}

    private OcrGiroFiles() {
    }

    static byte[] file(String assignment, Tx... transactions) {
        return String.join("\r\n", records(assignment, transactions)).concat("\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> records(String assignment, Tx... transactions) {
        List<String> lines = new ArrayList<>();
        lines.add("NY000010" + "00008080" + "0170031" + "00010200" + "0".repeat(49));
        lines.add("NY090020" + "001767676" + assignment + "99991111111" + "0".repeat(45));
        long total = 0;
        int n = 0;
        for (Tx tx : transactions) {
            n++;
            String number = String.format("%07d", n);
            lines.add("NY09" + tx.type() + "30" + number + "201126" + "01" + "24" + "1" + "12345" + "0" + String.format("%017d", tx.ore())
                    + String.format("%25s", tx.kid() == null ? "" : tx.kid()) + "00" + "0000");
            lines.add("NY09" + tx.type() + "31" + number + "6000432261" + String.format("%09d", n) + "0000000" + "201126" + "88881011128"
                    + "0".repeat(22));
            total += tx.ore();
        }
        int records = 2 + 2 * transactions.length;
        lines.add("NY090088" + String.format("%08d", transactions.length) + String.format("%08d", records) + String.format("%017d", total)
                + "201126201126201126" + "0".repeat(21));
        lines.add("NY000089" + String.format("%08d", transactions.length) + String.format("%08d", records + 2)
                + String.format("%017d", total) + "201126" + "0".repeat(33));
        for (String line : lines) {
            if (line.length() != OcrGiroReader.RECORD_LENGTH) {
                throw new IllegalStateException("test file record of " + line.length() + ": " + line);
            }
        }
        return lines;
    }
}
