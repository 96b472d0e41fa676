package no.inkasso.gateway.outbox;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outbox table: written inside the caller's transaction, drained by {@link OutboxRelay}. */
@Repository
public class OutboxStore {

    static final int EXACT_PENDING_LIMIT = 10_000;
    /*
     * Bundles stay well under half a G1 region (512 KB at a 256 MB heap), above which every copy of the
     * row, its page and its write buffer would be a humongous allocation in the old generation.
     */
    static final int BUNDLE_MESSAGES = 100;
    static final int BUNDLE_CHARS = 64_000;

    private final NamedParameterJdbcTemplate jdbc;

    public OutboxStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code messages} in the caller's transaction. Messages for one destination added in one
     * call are stored as bundles (up to {@value #BUNDLE_MESSAGES} messages, about
     * {@value #BUNDLE_CHARS} characters) the relay expands in order: a 500-line file chunk is one
     * row, not 500. A lone message is stored as a row of its own.
     */
    public void add(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<String, List<OutboxMessage>> byDestination = new LinkedHashMap<>();
        for (OutboxMessage m : messages) {
            byDestination.computeIfAbsent(m.destination(), d -> new ArrayList<>()).add(m);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<MapSqlParameterSource> rows = new ArrayList<>();
        byDestination.forEach((destination, group) -> {
            int from = 0;
            while (from < group.size()) {
                int to = from;
                int chars = 0;
                while (to < group.size() && to - from < BUNDLE_MESSAGES
                        && (to == from || chars + OutboxBundle.encodedLength(group.get(to)) <= BUNDLE_CHARS)) {
                    chars += OutboxBundle.encodedLength(group.get(to));
                    to++;
                }
                rows.add(row(group.subList(from, to), now));
                from = to;
            }
        });
        jdbc.batchUpdate("""
                insert into outbox_message (destination, dedup_id, case_id, correlation_id, payload, message_count, created_at)
                values (:destination, :dedup, :caseId, :correlation, :payload, :count, :at)
                """, rows.toArray(MapSqlParameterSource[]::new));
    }

    private static MapSqlParameterSource row(List<OutboxMessage> bundle, OffsetDateTime now) {
        OutboxMessage first = bundle.get(0);
        boolean single = bundle.size() == 1;
        return new MapSqlParameterSource()
                .addValue("destination", first.destination())
                .addValue("dedup", single ? first.dedupId() : first.dedupId() + " +" + (bundle.size() - 1))
                .addValue("caseId", single ? first.caseId() : null)
                .addValue("correlation", single ? first.correlationId() : null)
                .addValue("payload", single ? first.payload() : OutboxBundle.encode(bundle))
                .addValue("count", bundle.size())
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /**
     * The oldest stored messages, bundles expanded, in the order they were added: whole rows only,
     * at most {@code limit} messages unless the oldest row alone holds more.
     */
    public List<OutboxMessage> oldest(int limit) {
        List<Long> ids = new ArrayList<>();
        int[] taken = {0};
        jdbc.query("select id, message_count from outbox_message order by id limit :limit",
                new MapSqlParameterSource("limit", limit), rs -> {
                    int count = rs.getInt("message_count");
                    if (ids.isEmpty() || taken[0] + count <= limit) {
                        ids.add(rs.getLong("id"));
                        taken[0] += count;
                    }
                });
        if (ids.isEmpty()) {
            return List.of();
        }
        List<OutboxMessage> messages = new ArrayList<>(taken[0]);
        jdbc.query("""
                select id, destination, dedup_id, case_id, correlation_id, payload, message_count from outbox_message
                where id in (:ids) order by id
                """, new MapSqlParameterSource("ids", ids), rs -> {
            int count = rs.getInt("message_count");
            if (count == 1) {
                messages.add(new OutboxMessage(rs.getLong("id"), rs.getString("destination"), rs.getString("dedup_id"),
                        rs.getString("case_id"), rs.getString("correlation_id"), rs.getString("payload")));
            } else {
                messages.addAll(OutboxBundle.decode(rs.getLong("id"), rs.getString("destination"), count, rs.getString("payload")));
            }
        });
        return messages;
    }

    /** Removes the rows of relayed messages (the messages of a bundle share its row's id). */
    public void remove(List<Long> ids) {
        List<Long> rows = ids.stream().distinct().toList();
        for (int from = 0; from < rows.size(); from += 500) {
            jdbc.update("delete from outbox_message where id in (:ids)",
                    new MapSqlParameterSource("ids", rows.subList(from, Math.min(rows.size(), from + 500))));
        }
    }

    /**
     * Messages stored but not yet on the broker: exact up to {@value #EXACT_PENDING_LIMIT} rows, above
     * that estimated from the oldest and newest id (ids are assigned in order and the relay removes the
     * oldest first) and the messages per row of the first rows. A plain {@code count(*)} scans the whole table under concurrent writers, and with
     * a million-line file in flight it took more CPU than the intake itself whenever metrics were scraped.
     */
    public long pending() {
        long[] bounded = new long[2];
        jdbc.getJdbcTemplate().query("select count(*), coalesce(sum(message_count), 0) from (select message_count from outbox_message limit "
                + (EXACT_PENDING_LIMIT + 1) + ") bounded", rs -> {
            bounded[0] = rs.getLong(1);
            bounded[1] = rs.getLong(2);
        });
        if (bounded[0] <= EXACT_PENDING_LIMIT) {
            return bounded[1];
        }
        Long span = jdbc.getJdbcTemplate().queryForObject("select max(id) - min(id) + 1 from outbox_message", Long.class);
        return span == null ? bounded[1] : Math.max(bounded[1], span * bounded[1] / bounded[0]);
    }
}
