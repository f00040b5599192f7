//! The documents a foreign authority sends with its verification request: the request's family of attachments
//! ([`crate::attachments::VERIFICATION_REQUEST`]), kept with their SHA-256, size and media type.

use uuid::Uuid;

use crate::actor::Actor;
use crate::attachments::{self, Attachment, NewAttachment, VERIFICATION_REQUEST};
use crate::error::StoreError;
use crate::tx::{Db, Tx};

/// A document's record (`owner_id` is the request; the bytes are read with [`content`]).
pub type RequestDocument = Attachment;

/// A document to store.
#[derive(Clone, Debug)]
pub struct NewRequestDocument {
    pub request_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Stores a document of a request. The same bytes twice on one request is
/// `Conflict { constraint: "verification_documents_request_id_sha256_key" }`.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewRequestDocument) -> Result<RequestDocument, StoreError> {
    let file = NewAttachment {
        file_name: new.file_name.clone(),
        media_type: new.media_type.clone(),
        bytes: new.bytes.clone(),
    };
    attachments::add(tx, actor, &VERIFICATION_REQUEST, new.request_id, None, &file).await
}

/// A request's documents, in the order they were stored.
pub async fn list(db: &mut impl Db, request_id: Uuid) -> Result<Vec<RequestDocument>, StoreError> {
    attachments::list(db, &VERIFICATION_REQUEST, request_id).await
}

/// The record and the bytes of the document `id` of request `request_id` (another request's is not found).
pub async fn content(db: &mut impl Db, request_id: Uuid, id: Uuid) -> Result<(RequestDocument, Vec<u8>), StoreError> {
    attachments::content(db, &VERIFICATION_REQUEST, request_id, id).await
}
