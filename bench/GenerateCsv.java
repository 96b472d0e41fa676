import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a demo-erp CSV export (config/sftp/demo-erp-csv.yml) of N valid lines, for the SFTP intake
 * benchmark (JDK only):
 *
 * <pre>
 *   java bench/GenerateCsv.java --lines 1000000 --run B1 --out /tmp/claims-1m.csv
 * </pre>
 *
 * Invoice numbers are {@code <run>-<n>}, so runs never collide; debtors alternate between a person
 * and an organisation; every line is valid as of November 2026.
 */
public class GenerateCsv {

    public static void main(String[] args) throws Exception {
        long lines = 1_000_000;
        String run = "B" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        Path out = Path.of("claims.csv");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--run" -> run = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String header = "Fakturanr;Fakturadato;Forfallsdato;Beløp;Utestående;Valuta;KID;Kundenr;Kundetype;ID-type;Fødselsnr/orgnr;"
                + "Navn;Adresse;Postnr;Poststed;Land;E-post;Purring sendt;Purrefrist;Purregebyr;Inkassovarsel sendt;Inkassovarsel frist";
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(header);
            w.write("\r\n");
            for (long n = 1; n <= lines; n++) {
                boolean person = n % 2 == 1;
                String amount = (100 + n % 9000) + "," + String.format("%02d", n % 100);
                w.write(run + "-" + n + ";01.09.2026;15.09.2026;" + amount + ";" + amount + ";NOK;1002003000;C-" + n + ";"
                        + (person ? "PERSON;NO_PERSON;15038512363;Kari Nordmann" : "ORGANISATION;NO_ORGANISATION;974760673;Berg Bygg AS")
                        + ";Storgata " + (n % 200 + 1) + ";0155;Oslo;NO;kunde" + n + "@example.no;30.09.2026;14.10.2026;35,00;20.10.2026;03.11.2026");
                w.write("\r\n");
            }
        }
        System.out.println("wrote " + lines + " lines (" + Files.size(out) / (1024 * 1024) + " MB) to " + out + ", run " + run);
    }
}
