-- A service published from a WSDL keeps the WSDL it was made from (its SOAP connector is built on it); a
-- publication has exactly one document: an OpenAPI document or a WSDL.
ALTER TABLE service_publication ADD COLUMN wsdl TEXT;
ALTER TABLE service_publication ALTER COLUMN open_api DROP NOT NULL;
ALTER TABLE service_publication ADD CONSTRAINT service_publication_one_document
    CHECK ((open_api IS NULL) <> (wsdl IS NULL));
