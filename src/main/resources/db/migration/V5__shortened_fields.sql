-- A record is never refused for what a caller sent: a field that cannot be stored whole is stored
-- shortened (or cleaned of what PostgreSQL refuses), and this column lists those fields with their
-- original length and the keyed hash of the full value. NULL: every field was stored whole.
ALTER TABLE exchange_record ADD COLUMN shortened TEXT;
