-- HTTP message signatures (RFC 9421) kept as evidence: the consumer's of its request, the hub's of its answer,
-- the register's of its answer; each the Signature-Input member with its label, a space, and the signature's
-- bytes. NULL: that message was not signed. They join the hashed form of a record (lgsp-hub-record/3).
ALTER TABLE exchange_record ADD COLUMN request_signature VARCHAR(2048);
ALTER TABLE exchange_record ADD COLUMN answer_signature VARCHAR(1024);
ALTER TABLE exchange_record ADD COLUMN provider_signature VARCHAR(2048);
