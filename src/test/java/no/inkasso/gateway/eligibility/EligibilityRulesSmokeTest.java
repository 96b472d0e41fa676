package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EligibilityRulesSmokeTest {

    static final EligibilityRules RULES = new EligibilityRules(
            RuleFiles.load(Path.of("config/rules"), Path.of("src/test/resources/eligibility/agencies.yml")));

    @Test
    void theShippedConfigLoads() {
        RuleBook book = RuleFiles.load(Path.of("config"));
        assertThat(book.agencies()).isNotEmpty();
    }

    @Test
    void eligibleNorwegianClaim() {
        // due 2025-01-15, inkassovarsel 2025-02-01 → 2025-02-15, grace 5 → from 2025-02-20
        var claim = ClaimFixture.norwegianConsumer().varsel("2025-02-01", "2025-02-15").build();
        Decision d = RULES.decide(claim, LocalDate.parse("2025-03-01"));
        System.out.println(d);
        assertThat(d.verdict()).isEqualTo(Verdict.ELIGIBLE);
        Decision early = RULES.decide(claim, LocalDate.parse("2025-02-19"));
        System.out.println(early.summary());
        assertThat(early.verdict()).isEqualTo(Verdict.NOT_YET);
        assertThat(early.eligibleFrom()).isEqualTo(LocalDate.parse("2025-02-20"));
    }
}
