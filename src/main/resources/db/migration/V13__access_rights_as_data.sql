-- Access rights as data. Each change is a new version holding the whole set of rights (JSON, the shape of
-- config/access-rights.yaml), so a change of many rights is one version, a rollback is a copy of an older
-- one, and a hub follows every change by reading one number. Versions are never changed or deleted.
CREATE TABLE access_rights_version (
    version           BIGINT PRIMARY KEY,
    changed_at        TIMESTAMPTZ NOT NULL,
    author            VARCHAR(200) NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    -- configuration (the files), access-request (a grant or a revocation), govstack-im (the Configuration
    -- Management API), rollback
    source            VARCHAR(40) NOT NULL,
    previous_version  BIGINT REFERENCES access_rights_version (version),
    rights            JSONB NOT NULL
);

-- A consumer's request for a right, and the provider's written answer: a grant (perhaps narrower than
-- asked) or a refusal, each with its reason and legal basis; later perhaps a revocation.
CREATE TABLE access_request (
    id                       UUID PRIMARY KEY,
    consumer                 VARCHAR(200) NOT NULL,
    service                  VARCHAR(400) NOT NULL,
    provider_member          VARCHAR(200) NOT NULL,
    fields                   JSONB NOT NULL,
    purpose                  VARCHAR(1000) NOT NULL,
    legal_document           VARCHAR(200) NOT NULL,
    legal_article            VARCHAR(200) NOT NULL,
    valid_until              DATE NOT NULL,
    state                    VARCHAR(20) NOT NULL,
    requested_at             TIMESTAMPTZ NOT NULL,
    decided_by               VARCHAR(200),
    decided_at               TIMESTAMPTZ,
    decision_reason          VARCHAR(1000),
    decision_legal_document  VARCHAR(200),
    decision_legal_article   VARCHAR(200),
    granted_fields           JSONB,
    granted_until            DATE,
    revoked_by               VARCHAR(200),
    revoked_at               TIMESTAMPTZ,
    revocation_reason        VARCHAR(1000)
);

CREATE INDEX access_request_consumer ON access_request (consumer, requested_at DESC);
CREATE INDEX access_request_provider ON access_request (provider_member, state, requested_at);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT ON access_rights_version TO hub_app;
    GRANT SELECT, INSERT, UPDATE ON access_request TO hub_app;
  END IF;
END $$;
