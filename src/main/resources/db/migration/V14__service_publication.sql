-- Services published at runtime by providers: the draft generated from the provider's OpenAPI document
-- (connector descriptor and routes, as YAML, the same forms as the files in connectors/ and routes/), its
-- state, and a revision taken from one sequence on every change, so that each hub follows all changes by
-- reading one number. Every state change is also a row of service_publication_event, never changed.
CREATE SEQUENCE service_publication_revision;

CREATE TABLE service_publication (
    id               UUID PRIMARY KEY,
    service          VARCHAR(400) NOT NULL,
    version          VARCHAR(20) NOT NULL,
    provider_member  VARCHAR(200) NOT NULL,
    state            VARCHAR(20) NOT NULL,
    connector_id     VARCHAR(100) NOT NULL,
    route_ids        JSONB NOT NULL,
    descriptor       TEXT NOT NULL,
    routes           TEXT NOT NULL,
    open_api         TEXT NOT NULL,
    sunset           DATE,
    created_by       VARCHAR(200) NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    revision         BIGINT NOT NULL
);

-- one live (not withdrawn) publication per service version
CREATE UNIQUE INDEX service_publication_live ON service_publication (service, version) WHERE state <> 'withdrawn';
CREATE INDEX service_publication_revision_ix ON service_publication (revision);

CREATE TABLE service_publication_event (
    id           BIGSERIAL PRIMARY KEY,
    publication  UUID NOT NULL REFERENCES service_publication (id),
    at           TIMESTAMPTZ NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    action       VARCHAR(40) NOT NULL,
    state        VARCHAR(20) NOT NULL,
    reason       VARCHAR(1000)
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT, UPDATE ON service_publication TO hub_app;
    GRANT SELECT, INSERT ON service_publication_event TO hub_app;
    GRANT USAGE, SELECT ON SEQUENCE service_publication_revision, service_publication_event_id_seq TO hub_app;
  END IF;
END $$;
