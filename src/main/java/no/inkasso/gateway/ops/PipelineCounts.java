package no.inkasso.gateway.ops;

import java.util.LinkedHashMap;
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
}
