package no.inkasso.gateway.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.ClaimSchema;
import no.inkasso.gateway.claims.ClaimValidator;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.eligibility.Decision;
import no.inkasso.gateway.eligibility.EligibilityRules;
import no.inkasso.gateway.eligibility.RuleFiles;
import no.inkasso.gateway.eligibility.Verdict;
import no.inkasso.gateway.feed.model.CaseFeedMessage;

/**
 * An eligible case for feed tests: examples/claim.json due 2026-01-15 with an inkassovarsel and a
 * reminder fee, decided by the shipped rules on 2026-03-10 (ELIGIBLE for demo-agency-no, with
 * interest, a notice fee and the collection-fee ceiling).
 */
public final class CaseFeedFixture {

    public static final String CASE_ID = "01970000-0000-7000-8000-000000000001";
    public static final LocalDate AS_OF = LocalDate.parse("2026-03-10");

    private CaseFeedFixture() {}

    public static Claim claim() throws Exception {
        ObjectNode json = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ObjectNode invoice = (ObjectNode) json.get("invoice");
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = json.putArray("notices");
        notices.addObject().put("kind", "REMINDER").put("sentOn", "2026-01-30").put("fee", 35);
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        ClaimReading reading = new ClaimReader(new ClaimSchema(), new ClaimValidator()).read(json, AS_OF);
        if (!(reading instanceof ClaimReading.Valid valid)) {
            throw new IllegalStateException("fixture claim is invalid: " + reading);
        }
        return valid.claim();
    }

    public static Decision decision(Claim claim) {
        Decision decision = new EligibilityRules(RuleFiles.load(Path.of("config"))).decide(claim, AS_OF);
        if (decision.verdict() != Verdict.ELIGIBLE) {
            throw new IllegalStateException("fixture claim is not eligible: " + decision.summary());
        }
        return decision;
    }

    public static CaseFeedMessage newCase() throws Exception {
        Claim claim = claim();
        return CaseFeedMapper.newCase(CASE_ID, "demo-agency-no", "corr-1", claim, decision(claim),
                OffsetDateTime.parse("2026-03-10T11:00:00Z"));
    }
}
