//! Revising an application before the certifying body decides it: the exporter replaces the consignment data and
//! the goods items (with their bills of materials) of a draft, or of an application the certifier sent back with a
//! request for information, and submits it again. The kind of proof stays as created.
//!
//! The replaced items and materials are removed with an audit record each, in the same transaction as the new
//! ones; an item's earlier determinations go with it (their hashes stay in the audit trail), and submitting again
//! determines origin afresh.

use origo_store::applications::{self, Application};
use origo_store::{bom, goods};
use serde_json::Value;
use uuid::Uuid;

use crate::access::Caller;
use crate::intake::{ApplicationDraft, IntakeError, ItemDraft, add_items, validate_draft};
use crate::policy::Action;
use crate::service::Service;

impl Service {
    /// Replaces the consignment and the goods items of an editable application (draft, or information
    /// requested), every field checked as on creation before anything is written.
    pub async fn revise_application(
        &self,
        caller: &Caller,
        id: Uuid,
        consignment: Value,
        items: Vec<ItemDraft>,
    ) -> Result<Application, IntakeError> {
        let mut tx = self.store.begin().await?;
        let current = self.application_for(&mut tx, caller, Action::EditApplication, id).await?;
        if !current.state.is_editable() {
            return Err(IntakeError::NotEditable);
        }
        let draft = ApplicationDraft { kind: current.kind, consignment, items };
        validate_draft(&draft)?;
        let actor = caller.audit_actor(self.clock.now());
        for item in goods::list(&mut tx, id).await? {
            for material in bom::list(&mut tx, item.id).await? {
                bom::remove(&mut tx, &actor, material.id).await?;
            }
            goods::remove(&mut tx, &actor, item.id).await?;
        }
        add_items(&mut tx, &actor, id, &draft.items).await?;
        let revised = applications::update_consignment(&mut tx, &actor, id, &draft.consignment).await?;
        tx.commit().await?;
        Ok(revised)
    }
}
