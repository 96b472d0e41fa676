package no.inkasso.gateway.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.intake.csv.CsvRecordReader.CsvRecord;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<CsvRecord> all(String text, char separator) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text), separator)) {
            CsvRecord r;
            while ((r = reader.next()) != null) {
                records.add(r);
            }
        }
        return records;
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("a;b;c", ';', List.of("a", "b", "c")),
                Arguments.of("a,b,c", ',', List.of("a", "b", "c")),
                Arguments.of("a;;c", ';', List.of("a", "", "c")),
                Arguments.of(";", ';', List.of("", "")),
                Arguments.of("\"a;b\";c", ';', List.of("a;b", "c")),
                Arguments.of("\"say \"\"hi\"\"\";x", ';', List.of("say \"hi\"", "x")),
                Arguments.of("\"two\nlines\";x", ';', List.of("two\nlines", "x")),
                Arguments.of("a;b\r\nc;d", ';', List.of("a", "b")),
                Arguments.of("a;b\rc;d", ';', List.of("a", "b")),
                Arguments.of("\uFEFFa;b", ';', List.of("a", "b")),
                Arguments.of(" a ; b ", ';', List.of(" a ", " b ")));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("records")
    void splitsFieldsAsRfc4180(String input, char separator, List<String> expected) throws IOException {
        assertThat(all(input, separator).get(0).fields()).isEqualTo(expected);
    }

    @Test
    void recordsKnowTheLineTheyStartOnAndTheirRawText() throws IOException {
        List<CsvRecord> records = all("h1;h2\r\n\"multi\nline\";x\r\nlast;y", ';');

        assertThat(records).extracting(CsvRecord::lineNumber).containsExactly(1L, 2L, 4L);
        assertThat(records.get(1).raw()).isEqualTo("\"multi\nline\";x");
        assertThat(records.get(2).fields()).containsExactly("last", "y");
    }

    @Test
    void aBlankLineIsABlankRecordAndTheEndIsNull() throws IOException {
        List<CsvRecord> records = all("a\n\nb\n", ';');

        assertThat(records).extracting(CsvRecord::blank).containsExactly(false, true, false);
        assertThat(all("", ';')).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsMalformedNamingItsLine() {
        assertThatThrownBy(() -> all("a;b\nc;\"never closed\n;d", ';'))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
                .hasMessageContaining("not closed")
                .hasMessageContaining("line 2");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        assertThatThrownBy(() -> all("\"a\"b;c", ';'))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
                .hasMessageContaining("after a closing quote");
    }

    @Test
    void aRecordLongerThanTheLimitIsMalformedNotBuffered() {
        String huge = "\"" + "x".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10) + "\"";
        assertThatThrownBy(() -> all(huge, ';'))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
                .hasMessageContaining("longer than");
    }
}
