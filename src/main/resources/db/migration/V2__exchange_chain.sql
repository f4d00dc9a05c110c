-- The exchange log as evidence: records form a hash chain in write order, sealed at intervals by
-- a signature of the hub's key; admin actions and events travel in the same chain.
ALTER TABLE exchange_record
    ADD COLUMN kind         VARCHAR(16) NOT NULL DEFAULT 'exchange',
    -- the client a refused caller claimed to be (X-Road-Client), when it is not the one authenticated
    ADD COLUMN claimed_client_id VARCHAR(300),
    ADD COLUMN traceparent  VARCHAR(64),
    ADD COLUMN covert_until DATE,
    ADD COLUMN actor        VARCHAR(128),
    ADD COLUMN action       VARCHAR(64),
    ADD COLUMN reason       VARCHAR(512),
    -- chain position; NULL only for a row that did not come through the writer (tampering)
    ADD COLUMN chain_seq    BIGINT UNIQUE,
    ADD COLUMN prev_hash    CHAR(64),
    ADD COLUMN record_hash  CHAR(64);

-- One row: where the chain in this database starts (after archived records were purged), where
-- it ends, and how far it is sealed. Writers lock it, so chain positions are assigned in one order.
CREATE TABLE exchange_chain_head (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    base_seq    BIGINT NOT NULL,
    base_hash   CHAR(64) NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    sealed_seq  BIGINT NOT NULL,
    sealed_at   TIMESTAMPTZ
);
INSERT INTO exchange_chain_head VALUES (1, 0, repeat('0', 64), 0, repeat('0', 64), 0, NULL);

-- A seal signs the chain head at one position.
CREATE TABLE exchange_chain_seal (
    up_to_seq   BIGINT PRIMARY KEY,
    head_hash   CHAR(64) NOT NULL,
    sealed_at   TIMESTAMPTZ NOT NULL,
    key_id      CHAR(64) NOT NULL,
    signature   VARCHAR(200) NOT NULL
);

-- Captured payloads (only for services configured to capture), AES-GCM encrypted.
CREATE TABLE exchange_payload (
    record_id   UUID PRIMARY KEY REFERENCES exchange_record (id) ON DELETE CASCADE,
    key_id      VARCHAR(64) NOT NULL,
    request     TEXT,
    response    TEXT
);

CREATE INDEX exchange_record_kind_time_idx ON exchange_record (kind, request_in_at);
CREATE INDEX exchange_record_subject_time_idx ON exchange_record (subject_hash, request_in_at)
    WHERE subject_hash IS NOT NULL;
DROP INDEX exchange_record_subject_idx;
