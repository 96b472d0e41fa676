package no.inkasso.gateway.intake.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.inkasso.gateway.ehf.SchematronMode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The reader is made once; the readiness indicator follows the rules' compilation. */
class EhfRulesTest {

    @Test
    void withEveryCreditorOffNothingIsCompiledAndTheReaderIsReadyAtOnce() {
        EhfRules rules = new EhfRules(new EhfProperties(1024L, new EhfProperties.Schematron(SchematronMode.OFF, Map.of()), null, null));

        assertThat(rules.health().getStatus()).isEqualTo(Status.UP);
        assertThat(rules.health().getDetails()).containsEntry("rules", "off for every creditor");
        assertThat(rules.reader().settings().maxDocumentBytes()).isEqualTo(1024L);
    }

    @Test
    void theIndicatorIsOutOfServiceWhileTheRulesCompileAndUpAfter() {
        EhfRules rules = new EhfRules(new EhfProperties(null, new EhfProperties.Schematron(SchematronMode.OFF,
                Map.of("923609016", SchematronMode.ENFORCE)), null, null));

        Status whileCompiling = rules.health().getStatus();
        rules.reader();

        assertThat(whileCompiling).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(rules.health().getStatus()).isEqualTo(Status.UP);
        assertThat(rules.health().getDetails()).containsEntry("rules", "compiled");
    }
}
