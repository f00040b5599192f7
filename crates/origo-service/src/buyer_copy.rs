//! The copy of a certificate for a buyer: the certificate's document signed again by the issuing body in
//! selectively disclosable form (`origo-disclosure/1`, every field salted and hashed), with the fields the
//! exporter chose to hide (prices, invoices, suppliers ...) replaced by their hashes. The copy verifies against the
//! published key set like the certificate itself, and reveals neither the hidden values nor their names.
//!
//! Nothing is stored: the copy is made on request from the certificate as issued.

use origo_documents::disclosure::{SALT_LEN, SignedDisclosure, sign_disclosable};
use origo_documents::signing::SignedDocument;
use rand::Rng;
use uuid::Uuid;

use crate::access::Caller;
use crate::clock::doc_date;
use crate::keys::KeyError;
use crate::service::Service;
use crate::verification::CertificateError;

/// The longest list of fields to hide, and the longest pattern.
const MAX_PATTERNS: usize = 32;
const MAX_PATTERN_LEN: usize = 200;

/// Why a buyer's copy was not made.
#[derive(Debug, thiserror::Error)]
pub enum BuyerCopyError {
    #[error(transparent)]
    Certificate(#[from] CertificateError),
    /// A field pattern that is not `key/*/key` steps.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The stored certificate cannot be read or signed again (the server's problem).
    #[error("the certificate cannot be copied: {0}")]
    Document(String),
}

impl Service {
    /// A signed, selectively disclosable copy of a certificate the caller may read, with every field under each
    /// of `hide` (`items/*/value`, `exporter/tin`: keys, indices, `*` for any one step) hidden.
    pub async fn buyer_copy(
        &self,
        caller: &Caller,
        certificate_id: Uuid,
        hide: &[String],
    ) -> Result<SignedDisclosure, BuyerCopyError> {
        if hide.len() > MAX_PATTERNS {
            return Err(BuyerCopyError::Invalid { field: "hide".into(), message: format!("at most {MAX_PATTERNS}") });
        }
        for (i, pattern) in hide.iter().enumerate() {
            let steps: Vec<&str> = pattern.split('/').collect();
            if pattern.len() > MAX_PATTERN_LEN || steps.iter().any(|s| s.is_empty() || s.chars().any(char::is_control))
            {
                let message = "a path of keys separated by '/', '*' for any one step".to_owned();
                return Err(BuyerCopyError::Invalid { field: format!("hide[{i}]"), message });
            }
        }
        let certificate = self.certificate(caller, certificate_id).await?;
        let signed = SignedDocument::from_json(certificate.document.as_bytes())
            .map_err(|e| BuyerCopyError::Document(e.to_string()))?;
        let mut conn = self.store.conn().await.map_err(CertificateError::from)?;
        let signer = self.current_signer(&mut conn).await?;
        drop(conn);
        let mut salt = || {
            let mut bytes = [0u8; SALT_LEN];
            rand::rng().fill_bytes(&mut bytes);
            bytes
        };
        let mut copy = sign_disclosable(&signed.document, &mut salt, &signer, doc_date(self.clock.today()))
            .map_err(|e| BuyerCopyError::Document(e.to_string()))?;
        for pattern in hide {
            copy.hide(pattern).map_err(|e| BuyerCopyError::Document(e.to_string()))?;
        }
        Ok(copy)
    }
}
