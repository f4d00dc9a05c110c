-- Routes an operator suspended (route_id '*' is the whole hub). Shared by every hub on this
-- database, so a suspension holds on all of them and survives restarts.
CREATE TABLE route_maintenance (
    route_id     VARCHAR(200) PRIMARY KEY,
    reason       VARCHAR(512) NOT NULL,
    suspended_by VARCHAR(128) NOT NULL,
    since        TIMESTAMPTZ NOT NULL
);
