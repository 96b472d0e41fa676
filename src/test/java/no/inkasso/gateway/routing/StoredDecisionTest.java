package no.inkasso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.eligibility.Decision;
import no.inkasso.gateway.feed.CaseFeedFixture;
import org.junit.jupiter.api.Test;

/** Routing reads the decision the eligibility stage stored (with its edge mapping) back into the record. */
class StoredDecisionTest {

    @Test
    void aStoredDecisionReadsBackEqual() throws Exception {
        Decision decision = CaseFeedFixture.decision(CaseFeedFixture.claim());

        var detail = ApiJson.mapper().createObjectNode().put("trigger", "RECEIVED");
        detail.set("decision", ApiJson.mapper().valueToTree(decision));
        String stored = detail.toString(); // as EligibilityService stores it

        Decision back = AgencyRouter.readDecision(stored);

        assertThat(back).usingRecursiveComparison()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class).isEqualTo(decision);
    }
}
