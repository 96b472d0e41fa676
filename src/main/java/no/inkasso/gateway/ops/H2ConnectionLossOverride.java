package no.inkasso.gateway.ops;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * For the gateway on an H2 <em>server</em> ({@code jdbc:h2:tcp://…}): H2's client reports a lost server
 * as "database closed" / "connection broken" with its own error codes, which the connection pool does
 * not take for a dead connection, so it would keep handing the broken ones out after the server is back.
 * Set {@code spring.datasource.hikari.exception-override-class-name} to this class and each such
 * connection is evicted on its first failure. (Not needed for the embedded default or PostgreSQL.)
 */
public class H2ConnectionLossOverride implements SQLExceptionOverride {

    /** CONNECTION_BROKEN_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN. */
    static final java.util.Set<Integer> LOST = java.util.Set.of(90067, 90098, 90121);

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return LOST.contains(e.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
