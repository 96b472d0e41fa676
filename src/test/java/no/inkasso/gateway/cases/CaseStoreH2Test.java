package no.inkasso.gateway.cases;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

/** The case store on H2 in PostgreSQL mode, as the default profile runs it (in memory here). */
class CaseStoreH2Test extends CaseStoreContract {

    @Override
    protected HikariDataSource openEmptyDatabase() {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:case-store-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }
}
