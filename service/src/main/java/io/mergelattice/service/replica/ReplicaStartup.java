package io.mergelattice.service.replica;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Makes sure this replica has its identity row once the schema is migrated, and says who it is. */
@Component
class ReplicaStartup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ReplicaStartup.class);
    private final ReplicaInfoRepository replicas;

    ReplicaStartup(ReplicaInfoRepository replicas) {
        this.replicas = replicas;
    }

    @Override
    public void run(ApplicationArguments args) {
        ReplicaInfo info = replicas.getOrCreate();
        log.info("MergeLattice replica {} (since {}) is up", info.replicaId(), info.createdAt());
    }
}
