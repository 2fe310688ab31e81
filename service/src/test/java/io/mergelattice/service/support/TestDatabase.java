package io.mergelattice.service.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one way tests find PostgreSQL: {@code TEST_DB_URL} (CI; with optional {@code TEST_DB_USER} /
 * {@code TEST_DB_PASSWORD}) → a Testcontainers PostgreSQL if Docker is available → an embedded zonky PostgreSQL.
 * Database tests are never skipped: if none of the three works, the test fails with the reasons.
 * One database serves the whole test JVM.
 */
public final class TestDatabase {
    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    /** JDBC coordinates of the test database. */
    public record Coordinates(String url, String username, String password, String source) {
    }

    private static Coordinates coordinates;

    private TestDatabase() {
    }

    public static synchronized Coordinates get() {
        if (coordinates == null) {
            coordinates = find();
            log.info("Tests use PostgreSQL from {}: {}", coordinates.source(), coordinates.url());
        }
        return coordinates;
    }

    /** Registers the test database as the Spring data source. */
    public static void register(DynamicPropertyRegistry registry) {
        Coordinates c = get();
        registry.add("spring.datasource.url", c::url);
        registry.add("spring.datasource.username", c::username);
        registry.add("spring.datasource.password", c::password);
    }

    private static Coordinates find() {
        String url = System.getenv("TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Coordinates(url, env("TEST_DB_USER", "postgres"), env("TEST_DB_PASSWORD", ""), "TEST_DB_URL");
        }
        String dockerProblem;
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
                pg.start();
                return new Coordinates(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "Testcontainers");
            }
            dockerProblem = "Docker is not available";
        } catch (RuntimeException e) {
            dockerProblem = "Testcontainers failed: " + e;
        }
        log.info("{}; falling back to embedded PostgreSQL", dockerProblem);
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Coordinates(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded zonky");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for tests: TEST_DB_URL unset, " + dockerProblem
                    + ", and embedded PostgreSQL failed", e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
