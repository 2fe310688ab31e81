-- This replica's identity: exactly one row, created on first start.
CREATE TABLE replica_info (
    singleton  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    replica_id TEXT        NOT NULL CHECK (replica_id <> ''),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
