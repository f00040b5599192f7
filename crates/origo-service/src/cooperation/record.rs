//! An exporter's record of verifications, for the risk engine: requests about its proofs, "not confirmed" and
//! "cannot be determined" replies, and requests unanswered past their deadline today.

use origo_store::StoreError;
use origo_store::cooperation::record::{self, VerificationRecord};
use uuid::Uuid;

use crate::service::Service;

impl Service {
    /// The verification record of `exporter_id` today. For the service's own use (the risk engine scores with it
    /// inside workflows that are authorized themselves); it reveals counts only.
    pub async fn exporter_verification_record(&self, exporter_id: Uuid) -> Result<VerificationRecord, StoreError> {
        let mut conn = self.store.conn().await?;
        record::for_exporter(&mut conn, exporter_id, self.clock.today()).await
    }
}
