package io.mergelattice.service;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide settings.
 *
 * @param dataDir where the replica keeps its state on disk: the embedded PostgreSQL cluster (when no
 *                {@code spring.datasource.url} is configured), blobs and keys. Default {@code data} (relative to the
 *                working directory).
 */
@ConfigurationProperties("mergelattice")
public record MergeLatticeProperties(@DefaultValue("data") Path dataDir) {
}
