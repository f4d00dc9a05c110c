-- Identifiers in the exchange log compare byte by byte (collation "C"), not by the database's language rules:
-- X-Road-Ids, client and service ids and subject hashes are codes, not words. Each record inserts into the
-- indexes on these columns; under a language collation (a ministry's en_US.UTF-8, or even libc's C.UTF-8) every
-- comparison in those B-trees goes through strcoll. The writer stores about 8 % more records per second with
-- realistic records (bench/README.md, issue 17). Ordering of these columns is unchanged for UTF-8 text (byte
-- order is code point order); equality is unchanged. The indexes on the columns are rebuilt by this migration.
ALTER TABLE exchange_record
    ALTER COLUMN message_id TYPE VARCHAR(128) COLLATE "C",
    ALTER COLUMN client_id TYPE VARCHAR(300) COLLATE "C",
    ALTER COLUMN service_id TYPE VARCHAR(400) COLLATE "C",
    ALTER COLUMN subject_hash TYPE CHAR(64) COLLATE "C";
