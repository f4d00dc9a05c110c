-- The hubs alive on this database: each writes its row every few seconds (the database's clock, so the
-- hosts' clocks do not matter) and counts the rows seen lately, to enforce its share of each request
-- limit. A hub that stops deletes its row; one that died drops out when its row grows old.
CREATE TABLE hub_heartbeat (
    node_id     VARCHAR(200) PRIMARY KEY,
    started_at  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON hub_heartbeat TO hub_app;
  END IF;
END $$;
