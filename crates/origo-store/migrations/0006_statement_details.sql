-- Statements made out from an application: at most one per application (a retried or concurrent request cannot
-- register a second one), with the place it was made out at and the commercial document it is made out on (the
-- reference is also part of the registered text, so that two consignments of the same products do not share one
-- text and one hash). Existing rows keep NULL in both.

ALTER TABLE statements ADD COLUMN place TEXT;
ALTER TABLE statements ADD COLUMN document_reference TEXT;
CREATE UNIQUE INDEX statements_application_id_key ON statements (application_id);
