-- Append-only by privileges. Where the roles exist (the embedded database creates them; an external
-- database may), the hub's runtime role hub_app adds records, payloads and seals and moves the chain
-- head forward, but can neither change nor delete evidence; hub_archiver alone purges what retention
-- has archived. The schema's owner (who runs these migrations) keeps every right.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM hub_app;
    GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO hub_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hub_app;
    GRANT UPDATE (last_seq, last_hash, sealed_seq, sealed_at) ON exchange_chain_head TO hub_app;
    GRANT UPDATE, DELETE ON route_maintenance TO hub_app;
    REVOKE ALL ON flyway_schema_history FROM hub_app;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_archiver') THEN
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO hub_archiver;
    GRANT DELETE ON exchange_record, exchange_chain_seal, exchange_payload TO hub_archiver;
    GRANT UPDATE (base_seq, base_hash) ON exchange_chain_head TO hub_archiver;
    REVOKE ALL ON flyway_schema_history FROM hub_archiver;
  END IF;
END $$;
