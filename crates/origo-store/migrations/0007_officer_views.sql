-- The certifying body's pages: the work queue reads applications of one state in order of submission, an
-- application's page finds the certificates issued from it, and a foreign authority's list reads the certificates
-- bound for its country. Portable SQL (see 0001).
--
-- `importing_country` copies the signed document's importing country when a certificate is stored (the document
-- stays the record); certificates stored before this migration keep NULL and are checked against their document.

-- The queue's filters read only this index (state, risk flag, second signer, exporter, id) and its default order
-- is the index's order: a page of 10 000 applications reads 50 rows of the table.
CREATE INDEX applications_queue_idx
    ON applications (state, submitted_at, id, exporter_id, high_risk, second_signer_id);
ALTER TABLE certificates ADD COLUMN importing_country TEXT;
CREATE INDEX certificates_application_id_idx ON certificates (application_id, id);
CREATE INDEX certificates_importing_country_idx ON certificates (importing_country, id);
