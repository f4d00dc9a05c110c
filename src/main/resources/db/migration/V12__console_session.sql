-- The operator console's sessions (Spring Session JDBC, the schema it ships for PostgreSQL under the
-- table name spring.session.jdbc.table-name = console_session), so that a sign-in made on one hub is
-- valid on every hub behind a round-robin balancer, and a sign-out on one ends it on all.
CREATE TABLE console_session (
    primary_id             CHAR(36) NOT NULL,
    session_id             CHAR(36) NOT NULL,
    creation_time          BIGINT NOT NULL,
    last_access_time       BIGINT NOT NULL,
    max_inactive_interval  INT NOT NULL,
    expiry_time            BIGINT NOT NULL,
    principal_name         VARCHAR(100),
    CONSTRAINT console_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX console_session_ix1 ON console_session (session_id);
CREATE INDEX console_session_ix2 ON console_session (expiry_time);
CREATE INDEX console_session_ix3 ON console_session (principal_name);

CREATE TABLE console_session_attributes (
    session_primary_id  CHAR(36) NOT NULL,
    attribute_name      VARCHAR(200) NOT NULL,
    attribute_bytes     BYTEA NOT NULL,
    CONSTRAINT console_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT console_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES console_session (primary_id) ON DELETE CASCADE
);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON console_session, console_session_attributes TO hub_app;
  END IF;
END $$;
