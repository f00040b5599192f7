-- The security code of each certificate, sealed under the key-encryption key (origo-service `keys/sealing.rs`,
-- format `origo-sealed-code/1`, bound to the issuer code and the certificate number as associated data, so a sealed
-- code copied onto another row does not open), so that the certificate's PDF can print the code again. The public
-- check still reads only `security_code_hash`. NULL for certificates issued before this migration or by a server
-- without a key-encryption key: their PDF is refused (docs/WEB.md). Portable SQL (see 0001).
ALTER TABLE certificates ADD COLUMN security_code_sealed TEXT;
