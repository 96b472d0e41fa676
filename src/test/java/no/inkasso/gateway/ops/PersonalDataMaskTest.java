package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            debtor 15038512363 refused              | debtor *********63 refused
            personnummer 19811218-9876 and 811218-9876 | personnummer ***********76 and *********76
            samordningsnummer 701063-2391           | samordningsnummer *********91
            org 923609016 stays                     | org 923609016 stays
            amount 4250.00 and date 2026-09-15      | amount 4250.00 and date 2026-09-15
            case 01a207c7-ba39-7f13-80f0-4b984a8c8c95 | case 01a207c7-ba39-7f13-80f0-4b984a8c8c95
            case 01a20b1a-81f5-715f-94da-84520288715f | case 01a20b1a-81f5-715f-94da-84520288715f
            case 01a20b1a-81f5-715f-94da-f8452028871a | case 01a20b1a-81f5-715f-94da-f8452028871a
            "nationalId":"15038512363", id=15038512363 | "nationalId":"*********63", id=*********63
            """)
    void personalIdsAreMaskedAndOtherNumbersAreNot(String text, String expected) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(expected);
    }

    @Test
    void theJsonLogLineCarriesTheMdcAndMasksIds() throws Exception {
        LoggingEvent event = new LoggingEvent("x", new LoggerContext().getLogger("test"), Level.INFO,
                "Refused debtor {}", null, new Object[] {"15038512363"});
        event.setMDCPropertyMap(Map.of("correlationId", "req-1", "caseId", "c-1"));

        JsonNode line = new ObjectMapper().readTree(new MaskingJsonLogFormatter().format(event));

        assertThat(line.get("message").asText()).isEqualTo("Refused debtor *********63");
        assertThat(line.get("correlationId").asText()).isEqualTo("req-1");
        assertThat(line.get("caseId").asText()).isEqualTo("c-1");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
    }
}
