-- Fewer indexes to maintain per record (bench/README.md): chain_seq orders and identifies records
-- now, so the insertion counter needs no unique index; the kind index covers only admin records
-- and events, which are few (exchanges are found by the time index).
ALTER TABLE exchange_record DROP CONSTRAINT exchange_record_seq_key;
DROP INDEX exchange_record_kind_time_idx;
CREATE INDEX exchange_record_kind_time_idx ON exchange_record (kind, request_in_at) WHERE kind <> 'exchange';
