-- The exchange log: one row per exchange, written by the exchange-log writer from the broker.
-- Personal IDs never appear here in plain text: subject_hash and the IDs in path are keyed hashes.
CREATE TABLE exchange_record (
    id              UUID PRIMARY KEY,
    seq             BIGSERIAL NOT NULL UNIQUE,
    message_id      VARCHAR(128) NOT NULL,
    client_id       VARCHAR(300),
    service_id      VARCHAR(400),
    user_id         VARCHAR(128),
    issue           VARCHAR(256),
    method          VARCHAR(16) NOT NULL,
    path            VARCHAR(2048) NOT NULL,
    status          SMALLINT NOT NULL,
    error_type      VARCHAR(64),
    request_size    BIGINT NOT NULL,
    response_size   BIGINT NOT NULL,
    request_in_at   TIMESTAMPTZ NOT NULL,
    request_out_at  TIMESTAMPTZ,
    response_in_at  TIMESTAMPTZ,
    response_out_at TIMESTAMPTZ NOT NULL,
    request_hash    VARCHAR(100),
    response_hash   VARCHAR(100),
    subject_hash    CHAR(64),
    stored_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX exchange_record_time_idx ON exchange_record (request_in_at);
CREATE INDEX exchange_record_message_idx ON exchange_record (message_id);
CREATE INDEX exchange_record_client_time_idx ON exchange_record (client_id, request_in_at);
CREATE INDEX exchange_record_service_time_idx ON exchange_record (service_id, request_in_at);
CREATE INDEX exchange_record_subject_idx ON exchange_record (subject_hash) WHERE subject_hash IS NOT NULL;
