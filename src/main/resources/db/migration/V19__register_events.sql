-- Register events (GovStack IM Pub/Sub): event types with their JSON Schemas, published events, subscriptions
-- (push to an HTTPS endpoint or pull) and one delivery row per event and subscription. Working state like
-- batch jobs: the evidence of every publish, delivery attempt, pull and confirmation is in exchange_record.
CREATE TABLE event_type (
    room          VARCHAR(200) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    schema        TEXT NOT NULL,
    created_by    VARCHAR(200) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (room, event_type)
);

CREATE TABLE event (
    id            UUID PRIMARY KEY,
    sequence      BIGSERIAL UNIQUE,
    room          VARCHAR(200) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    publisher     VARCHAR(200) NOT NULL,
    -- the keyed hash of the person (or taxpayer) the event is about: deliveries of one subject keep their order
    subject_hash  VARCHAR(100),
    data          TEXT NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    -- published, deleted (its publisher stopped it: pending deliveries are dropped)
    status        VARCHAR(20) NOT NULL
);
CREATE INDEX event_by_type ON event (room, event_type, published_at);

CREATE TABLE subscription (
    id            UUID PRIMARY KEY,
    room          VARCHAR(200) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    subscriber    VARCHAR(200) NOT NULL,
    -- PUSH or PULL
    delivery      VARCHAR(10) NOT NULL,
    endpoint      VARCHAR(2000),
    -- the Standard Webhooks secret (whsec_...) the deliveries are signed with
    secret        VARCHAR(200) NOT NULL,
    purpose       VARCHAR(1000),
    max_attempts  INTEGER NOT NULL,
    first_retry_ms BIGINT NOT NULL,
    max_retry_ms  BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX subscription_active ON subscription (room, event_type, subscriber) WHERE cancelled_at IS NULL;

CREATE TABLE event_delivery (
    subscription_id UUID NOT NULL REFERENCES subscription (id),
    event_id      UUID NOT NULL REFERENCES event (id),
    sequence      BIGINT NOT NULL,
    subject_hash  VARCHAR(100),
    -- pending, delivered (push accepted, or pull confirmed), dead (attempts used up), dropped (event deleted)
    status        VARCHAR(20) NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_status   INTEGER,
    last_error    VARCHAR(200),
    delivered_at  TIMESTAMPTZ,
    PRIMARY KEY (subscription_id, event_id)
);
CREATE INDEX event_delivery_pending ON event_delivery (subscription_id, status, sequence);

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON event_type, event, subscription, event_delivery TO hub_app;
    GRANT USAGE, SELECT ON SEQUENCE event_sequence_seq TO hub_app;
  END IF;
END $$;
