package no.inkasso.gateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.cases.CaseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** How many cases stand in each state, every state listed (zero included), in pipeline order. */
@Repository
public class PipelineCounts {

    private final JdbcTemplate jdbc;

    public PipelineCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Long> byState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CaseState state : CaseState.values()) {
            counts.put(state.name(), 0L);
        }
        jdbc.query("select state, count(*) from claim_case group by state",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    /**
     * Cases by state and agency ({@code none} before routing): one grouped count over the cases, for the
     * metrics refresh (a periodic query, not one per scrape).
     */
    public Map<List<String>, Long> byStateAndAgency() {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (CaseState state : CaseState.values()) {
            counts.put(List.of(state.name(), NO_AGENCY), 0L);
        }
        jdbc.query("select state, agency_id, count(*) from claim_case group by state, agency_id", rs -> {
            String agency = rs.getString(2);
            counts.put(List.of(rs.getString(1), agency == null ? NO_AGENCY : agency), rs.getLong(3));
        });
        return counts;
    }

    static final String NO_AGENCY = "none";
}
