-- The services of the files (connectors/*.yaml and their WSDLs, routes/*.yaml) as data. Each change is a new
-- version holding the whole set of files (JSON: path -> text, as in a checkout), so a change of many files
-- is one version, a rollback is a copy of an older one, and a hub follows every change by reading one
-- number. The files are the bootstrap: a hub imports them when they differ from the last import. TLS key
-- and trust stores stay files of the hub (secrets are not data). Versions are never changed or deleted.
CREATE TABLE service_files_version (
    version           BIGINT PRIMARY KEY,
    changed_at        TIMESTAMPTZ NOT NULL,
    author            VARCHAR(200) NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    -- configuration (imported at start), admin (applied through the admin API), rollback
    source            VARCHAR(40) NOT NULL,
    previous_version  BIGINT REFERENCES service_files_version (version),
    files             JSONB NOT NULL
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT ON service_files_version TO hub_app;
  END IF;
END $$;
