-- Batch lookups: a consumer hands over up to 100,000 inputs for one service; each input is then an
-- ordinary exchange (its own record in the chain), and its outcome is kept here until the consumer
-- has downloaded it. These tables are working state, not evidence: finished jobs are deleted after
-- hub.batch.retention, and the evidence of every item stays in exchange_record.
CREATE TABLE batch_job (
    id            UUID PRIMARY KEY,
    owner         VARCHAR(200) NOT NULL,
    service_id    VARCHAR(400) NOT NULL,
    -- the endpoint of the service the inputs call, e.g. "GET /{personalId}"
    endpoint      VARCHAR(400) NOT NULL,
    issue         VARCHAR(1000),
    user_id       VARCHAR(200),
    -- queued, running, done, cancelled, failed
    status        VARCHAR(20) NOT NULL,
    total         INTEGER NOT NULL,
    -- items answered 200, and answered otherwise (kept with each answer, so progress reads one row)
    succeeded     INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX batch_job_owner ON batch_job (owner, created_at);

CREATE TABLE batch_item (
    job_id        UUID NOT NULL REFERENCES batch_job (id) ON DELETE CASCADE,
    line          INTEGER NOT NULL,
    -- the input as a JSON object
    input         TEXT NOT NULL,
    -- the item's exchange: its HTTP status and answer (JSON or problem+json); null while pending
    status        INTEGER,
    -- ok, problem, cancelled; null while pending
    outcome       VARCHAR(20),
    answer        TEXT,
    finished_at   TIMESTAMPTZ,
    PRIMARY KEY (job_id, line)
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON batch_job, batch_item TO hub_app;
  END IF;
END $$;
