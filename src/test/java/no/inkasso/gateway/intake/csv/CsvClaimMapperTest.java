package no.inkasso.gateway.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvClaimMapperTest {

    @Test
    void amountsLoseTheirGroupingAndGetADecimalPoint() {
        assertThat(CsvClaimMapper.normalisedAmount("1 234,50", ',')).isEqualTo("1234.50");
        assertThat(CsvClaimMapper.normalisedAmount("1.234.567,5", ',')).isEqualTo("1234567.5");
        assertThat(CsvClaimMapper.normalisedAmount("12\u00A0345,00", ',')).isEqualTo("12345.00");
        assertThat(CsvClaimMapper.normalisedAmount("1,234.50", '.')).isEqualTo("1234.50");
        assertThat(CsvClaimMapper.normalisedAmount("1 234.50", '.')).isEqualTo("1234.50");
        assertThat(CsvClaimMapper.normalisedAmount("-99,9", ',')).isEqualTo("-99.9");
    }

    @Test
    void anAmountWithNothingToChangeIsTheSameStringAndGarbageStaysGarbage() {
        String plain = "4250.00";
        assertThat(CsvClaimMapper.normalisedAmount(plain, '.')).isSameAs(plain);
        assertThat(CsvClaimMapper.normalisedAmount("12x,5", ',')).isEqualTo("12x.5");
        assertThat(CsvClaimMapper.normalisedAmount("", ',')).isEmpty();
    }

    @Test
    void datesReadByHandAgreeWithTheStrictFormatter() throws Exception {
        for (String pattern : List.of("dd.MM.yyyy", "yyyy-MM-dd")) {
            CsvClaimMapper mapper = new CsvClaimMapper(new CsvFormat(pattern.equals("dd.MM.yyyy") ? ';' : ',', true,
                    pattern.equals("dd.MM.yyyy") ? ',' : '.', pattern, "UTF-8", Map.of("invoice.number", "nr"), Map.of()), List.of("nr"));
            DateTimeFormatter strict = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
            List<String> values = new ArrayList<>();
            for (LocalDate d = LocalDate.of(2023, 12, 25); d.isBefore(LocalDate.of(2025, 3, 5)); d = d.plusDays(1)) {
                values.add(strict.format(d));
            }
            values.addAll(pattern.equals("dd.MM.yyyy")
                    ? List.of("31.09.2026", "29.02.2026", "29.02.2028", "00.01.2026", "01.13.2026", "1.1.2026", "aa.01.2026", "01-01-2026",
                            "01.01.20260", "+1.01.2026", " 1.01.2026", "01.01.-026")
                    : List.of("2026-09-31", "2026-02-29", "2028-02-29", "2026-00-10", "2026-1-1", "2026/01/01", "12026-01-01", "2026-01-0x"));
            for (String value : values) {
                LocalDate expected;
                try {
                    expected = LocalDate.parse(value, strict);
                } catch (DateTimeParseException e) {
                    expected = null;
                }
                if (expected == null) {
                    assertThatThrownBy(() -> mapper.date(value)).as(value).isInstanceOf(DateTimeParseException.class);
                } else {
                    assertThat(mapper.date(value)).as(value).isEqualTo(expected);
                }
            }
        }
    }
}
