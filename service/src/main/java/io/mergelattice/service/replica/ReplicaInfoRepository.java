package io.mergelattice.service.replica;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads this replica's identity row, creating it once (race-free: the insert is idempotent). */
@Repository
public class ReplicaInfoRepository {
    private final JdbcClient jdbc;

    ReplicaInfoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public ReplicaInfo getOrCreate() {
        jdbc.sql("INSERT INTO replica_info (singleton, replica_id) VALUES (TRUE, :id) ON CONFLICT DO NOTHING")
                .param("id", UUID.randomUUID().toString())
                .update();
        return find().orElseThrow();
    }

    public Optional<ReplicaInfo> find() {
        return jdbc.sql("SELECT replica_id, created_at FROM replica_info WHERE singleton")
                .query((rs, i) -> new ReplicaInfo(rs.getString(1), rs.getObject(2, Timestamp.class).toInstant()))
                .optional();
    }
}
