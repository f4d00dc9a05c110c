-- Revoked access tokens (RFC 7009), by the SHA-256 of the token: every hub refuses them until they
-- would have expired anyway.
CREATE TABLE revoked_token (
    token_hash  CHAR(64) PRIMARY KEY,
    client_id   VARCHAR(300) NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ NOT NULL
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT ON revoked_token TO hub_app;
  END IF;
END $$;
