//! The engine's determinations, one per goods item per submission, kept whole (trace included) with the
//! rule-pack version that produced them, and never overwritten: the certifier sees what the engine said then.

use serde::Serialize;
use serde_json::Value;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, json, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, application_id, goods_item_id, outcome, criterion, scheme, rule_pack_version, result, determined_at"
    };
}

text_enum! {
    /// The engine's outcome (`origo_rules::engine::Outcome`).
    pub enum Outcome {
        Originating = "originating",
        NotOriginating = "not_originating",
        Undetermined = "undetermined",
    }
}

/// A stored determination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredDetermination {
    pub id: Uuid,
    pub application_id: Uuid,
    pub goods_item_id: Uuid,
    pub outcome: Outcome,
    /// `P`, `W 61.09`, or none.
    pub criterion: Option<String>,
    pub scheme: String,
    pub rule_pack_version: String,
    /// The whole determination as the engine serialised it, trace included.
    pub result: Value,
    #[serde(with = "time::serde::rfc3339")]
    pub determined_at: OffsetDateTime,
}

/// A determination to store.
#[derive(Clone, Debug)]
pub struct NewDetermination {
    pub application_id: Uuid,
    pub goods_item_id: Uuid,
    pub outcome: Outcome,
    pub criterion: Option<String>,
    pub scheme: String,
    pub rule_pack_version: String,
    pub result: Value,
}

/// Stores a determination made at the actor's time.
pub async fn record(tx: &mut Tx, actor: &Actor, new: &NewDetermination) -> Result<StoredDetermination, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO determinations (id, application_id, goods_item_id, outcome, criterion, scheme, ",
        "rule_pack_version, result, determined_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.application_id.to_string())
    .bind(new.goods_item_id.to_string())
    .bind(new.outcome.as_str())
    .bind(&new.criterion)
    .bind(&new.scheme)
    .bind(&new.rule_pack_version)
    .bind(json(&new.result)?)
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let determination = from_row(&row)?;
    let event = AuditEvent::new("determination.recorded", "determination", determination.id).after(&determination);
    tx.audit(actor, event);
    Ok(determination)
}

/// The newest determination of a goods item.
pub async fn latest_for_item(db: &mut impl Db, goods_item_id: Uuid) -> Result<Option<StoredDetermination>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM determinations WHERE goods_item_id = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(goods_item_id.to_string())
    .fetch_optional(db.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every determination of an application, oldest first.
pub async fn list_for_application(
    db: &mut impl Db,
    application_id: Uuid,
) -> Result<Vec<StoredDetermination>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM determinations WHERE application_id = $1 ORDER BY id"))
            .bind(application_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<StoredDetermination, StoreError> {
    Ok(StoredDetermination {
        id: row.id("id")?,
        application_id: row.id("application_id")?,
        goods_item_id: row.id("goods_item_id")?,
        outcome: row.parsed("outcome")?,
        criterion: row.opt_text("criterion")?,
        scheme: row.text("scheme")?,
        rule_pack_version: row.text("rule_pack_version")?,
        result: row.json("result")?,
        determined_at: row.ts("determined_at")?,
    })
}
