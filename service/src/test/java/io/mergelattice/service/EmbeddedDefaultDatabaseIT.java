package io.mergelattice.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.service.replica.ReplicaInfoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The newcomer's path: no {@code spring.datasource.url} → embedded PostgreSQL 17 under the data directory,
 * migrated by Flyway, and its state survives a restart.
 */
class EmbeddedDefaultDatabaseIT {
    @TempDir
    Path dataDir;

    @Test
    void startsOnEmbeddedPostgresAndKeepsStateAcrossRestarts() {
        String first;
        try (ConfigurableApplicationContext ctx = start()) {
            first = ctx.getBean(ReplicaInfoRepository.class).find().orElseThrow().replicaId();
            assertThat(ctx.getEnvironment().getProperty("spring.datasource.url")).isNullOrEmpty();
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(ctx.getBean(ReplicaInfoRepository.class).find().orElseThrow().replicaId())
                    .as("the replica identity persisted in the embedded cluster").isEqualTo(first);
        }
    }

    private ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(MergeLatticeApplication.class);
        return app.run("--server.port=0", "--mergelattice.data-dir=" + dataDir,
                "--spring.datasource.url=");
    }
}
