//! Flags: something the certifying body and the risk engine should look at — a certificate used beyond its
//! quantity, a certificate used in two importing countries, a revoked supplier declaration that a certificate or a
//! pending application relied on. Each flag names its exporter (and the certificate, application or declaration
//! concerned); an officer resolves it with a note. While a flag is open, the same one (same `dedupe_key`) is not
//! raised again: [`raise`] answers `None` instead, so raising is idempotent even between concurrent servers.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, kind, dedupe_key, exporter_id, certificate_id, application_id, supplier_declaration_id, details, \
         raised_by, raised_at, resolved_by, resolved_at, resolution"
    };
}

text_enum! {
    /// What a flag is about.
    pub enum FlagKind {
        /// The quantities used of a certificate's item exceed the quantity certified.
        OverUse = "over_use",
        /// A certificate was used in a second importing country.
        DoubleCountryUse = "double_country_use",
        /// A supplier declaration the certificate or application relied on was revoked.
        SupplierDeclarationRevoked = "supplier_declaration_revoked",
    }
}

/// A flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub id: Uuid,
    pub kind: FlagKind,
    /// What the flag is about, e.g. `over_use:<certificate id>:<item>`: one open flag per key.
    pub dedupe_key: String,
    pub exporter_id: Uuid,
    pub certificate_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub supplier_declaration_id: Option<Uuid>,
    /// For people: what was found, with the figures.
    pub details: String,
    pub raised_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub raised_at: OffsetDateTime,
    pub resolved_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub resolved_at: Option<OffsetDateTime>,
    pub resolution: Option<String>,
}

/// A flag to raise.
#[derive(Clone, Debug)]
pub struct NewFlag {
    pub kind: FlagKind,
    pub dedupe_key: String,
    pub exporter_id: Uuid,
    pub certificate_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub supplier_declaration_id: Option<Uuid>,
    pub details: String,
}

/// How many flags of each kind an exporter has had (resolved ones included: resolving does not undo the event),
/// and how many are still open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FlagCounts {
    pub over_use: u32,
    pub double_country_use: u32,
    pub supplier_declaration_revoked: u32,
    pub open: u32,
}

/// Raises a flag, unless one with the same `dedupe_key` is open: then nothing is written and the answer is
/// `None`.
pub async fn raise(tx: &mut Tx, actor: &Actor, new: &NewFlag) -> Result<Option<Flag>, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO flags (id, kind, dedupe_key, exporter_id, certificate_id, application_id, ",
        "supplier_declaration_id, details, raised_by, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ",
        "ON CONFLICT (dedupe_key) WHERE resolved_at IS NULL DO NOTHING RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.kind.as_str())
    .bind(&new.dedupe_key)
    .bind(new.exporter_id.to_string())
    .bind(new.certificate_id.map(|id| id.to_string()))
    .bind(new.application_id.map(|id| id.to_string()))
    .bind(new.supplier_declaration_id.map(|id| id.to_string()))
    .bind(&new.details)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let flag = from_row(&row)?;
    let event = AuditEvent::new("flag.raised", "flag", flag.id).after(&flag);
    tx.audit(actor, event.reason(Some(&flag.details)));
    Ok(Some(flag))
}

/// Resolves an open flag with a note. Resolved already is `Conflict { kind: Stale, constraint: "flags_status" }`.
pub async fn resolve(tx: &mut Tx, actor: &Actor, id: Uuid, resolution: &str) -> Result<Flag, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE flags SET resolved_by = $2, resolved_at = $3, resolution = $4 ",
        "WHERE id = $1 AND resolved_at IS NULL RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .bind(resolution)
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("flags_status"))?)?;
    let event = AuditEvent::new("flag.resolved", "flag", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(resolution)));
    Ok(after)
}

/// The flag with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Flag, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM flags WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "flag" })?)
}

/// Flags in the order raised (open ones only, or all), `limit` after `after`.
pub async fn list(db: &mut impl Db, open_only: bool, after: Option<Uuid>, limit: u32) -> Result<Vec<Flag>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM flags WHERE ($1 = '' OR resolved_at IS NULL) AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(if open_only { "open" } else { "" })
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The flags about a certificate, in the order raised.
pub async fn list_for_certificate(db: &mut impl Db, certificate_id: Uuid) -> Result<Vec<Flag>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM flags WHERE certificate_id = $1 ORDER BY id"))
        .bind(certificate_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The flags about an application, in the order raised.
pub async fn list_for_application(db: &mut impl Db, application_id: Uuid) -> Result<Vec<Flag>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM flags WHERE application_id = $1 ORDER BY id"))
        .bind(application_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// An exporter's flag counts.
pub async fn counts_for_exporter(db: &mut impl Db, exporter_id: Uuid) -> Result<FlagCounts, StoreError> {
    let rows = sqlx::query(
        "SELECT kind, COUNT(*) AS total, SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open \
         FROM flags WHERE exporter_id = $1 GROUP BY kind",
    )
    .bind(exporter_id.to_string())
    .fetch_all(db.conn())
    .await?;
    let mut counts = FlagCounts::default();
    for row in rows {
        let kind: FlagKind = row.parsed("kind")?;
        let total = u32::try_from(row.int("total")?).unwrap_or(u32::MAX);
        counts.open += u32::try_from(row.int("open")?).unwrap_or(u32::MAX);
        match kind {
            FlagKind::OverUse => counts.over_use = total,
            FlagKind::DoubleCountryUse => counts.double_country_use = total,
            FlagKind::SupplierDeclarationRevoked => counts.supplier_declaration_revoked = total,
        }
    }
    Ok(counts)
}

fn from_row(row: &AnyRow) -> Result<Flag, StoreError> {
    Ok(Flag {
        id: row.id("id")?,
        kind: row.parsed("kind")?,
        dedupe_key: row.text("dedupe_key")?,
        exporter_id: row.id("exporter_id")?,
        certificate_id: row.opt_id("certificate_id")?,
        application_id: row.opt_id("application_id")?,
        supplier_declaration_id: row.opt_id("supplier_declaration_id")?,
        details: row.text("details")?,
        raised_by: row.opt_id("raised_by")?,
        raised_at: row.ts("raised_at")?,
        resolved_by: row.opt_id("resolved_by")?,
        resolved_at: row.opt_ts("resolved_at")?,
        resolution: row.opt_text("resolution")?,
    })
}
