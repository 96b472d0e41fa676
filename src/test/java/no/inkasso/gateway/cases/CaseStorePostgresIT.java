package no.inkasso.gateway.cases;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * The case store on PostgreSQL, as the {@code postgres} profile runs it. Each run migrates a schema
 * of its own and drops it afterwards, so runs never see each other's tables. Without a reachable
 * database the class is skipped, unless {@code GATEWAY_TEST_REQUIRE_POSTGRES=true} (set by .ci/run).
 */
class CaseStorePostgresIT extends CaseStoreContract {

    static final String URL = envOr("GATEWAY_TEST_DB_URL", "jdbc:postgresql://localhost:5432/inkasso_test");
    static final String USER = envOr("GATEWAY_TEST_DB_USER", "inkasso");
    static final String PASSWORD = envOr("GATEWAY_TEST_DB_PASSWORD", "dev-only-db-password");
    static final boolean REQUIRED = Boolean.parseBoolean(System.getenv("GATEWAY_TEST_REQUIRE_POSTGRES"));

    private final String schema = "case_store_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Override
    protected HikariDataSource openEmptyDatabase() {
        requireReachable();
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUsername(USER);
        dataSource.setPassword(PASSWORD);
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    @Override
    protected Flyway flyway(HikariDataSource dataSource) {
        // Flyway creates the schema (it is the first of `schemas`) and records its history there.
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .schemas(schema).createSchemas(true).load();
    }

    @Override
    protected void dropDatabase(HikariDataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static void requireReachable() {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(URL, properties)) {
            // reachable
        } catch (SQLException e) {
            String problem = "PostgreSQL not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if (REQUIRED) {
                fail(problem + "; GATEWAY_TEST_REQUIRE_POSTGRES=true, so this is a failure, not a skip");
            }
            Assumptions.abort(problem + "; start it or run .ci/run");
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
