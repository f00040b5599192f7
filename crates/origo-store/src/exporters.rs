//! The registry of exporters (REX-style): applications with the Annex 22-06 data, decisions, modifications and
//! revocations. Every change bumps `version` and writes that version whole into `exporter_history`, in the same
//! transaction, so the registry's full history is rows, not just audit hashes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, date, flag, json, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, status, rex_number, data, valid_from, revoked_on, revocation_grounds, decision_reason, version, \
         created_at, updated_at"
    };
}

text_enum! {
    /// Where a registration stands.
    pub enum ExporterStatus {
        /// Applied, not yet decided.
        Applied = "applied",
        /// Registered: has a REX number from `valid_from`.
        Registered = "registered",
        /// The application was refused (with reasons).
        Refused = "refused",
        /// Registration revoked (with grounds and date).
        Revoked = "revoked",
    }
}

text_enum! {
    /// The exporter's main activity (Annex 22-06 box 3).
    pub enum Activity {
        Production = "production",
        Trading = "trading",
    }
}

/// The registration data of Annex 22-06.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExporterData {
    pub name: String,
    pub address: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Taxpayer identification number (TIN); the default REX suffix.
    pub tin: String,
    pub eori: Option<String>,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub activity: Activity,
    /// Indicative description of the goods.
    pub goods_description: String,
    /// HS headings (or chapters where more than 20 headings), e.g. `6109`.
    pub hs_headings: Vec<String>,
    /// Truthful data, qualifying goods, records kept 3 years, changes notified, controls accepted.
    pub undertakings_accepted: bool,
    /// Whether name, address, contacts and goods may be shown to the public.
    pub consent_to_publication: bool,
    /// A producer's declared annual production capacity, one line per subheading (none for a trader). Left out
    /// of the JSON when empty, so registrations made before it existed read and hash as they did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity: Vec<CapacityLine>,
}

/// One line of a producer's declared annual production capacity (validated by the service).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityLine {
    /// Six-digit HS subheading (HS 2022).
    pub hs: String,
    /// A year's production, in `unit`; greater than 0.
    pub quantity: Decimal,
    /// `kg`: the risk engine compares net weights in kilograms.
    pub unit: String,
    pub note: Option<String>,
}

/// A registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exporter {
    pub id: Uuid,
    pub status: ExporterStatus,
    pub rex_number: Option<String>,
    pub data: ExporterData,
    pub valid_from: Option<Date>,
    pub revoked_on: Option<Date>,
    pub revocation_grounds: Option<String>,
    /// The reasons of the last decision (registration or refusal).
    pub decision_reason: Option<String>,
    /// 1 on application, one more on each change.
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One version of a registration, as kept in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExporterVersion {
    pub exporter_id: Uuid,
    pub version: i64,
    /// What made this version: `applied`, `registered`, `refused`, `modified`, `revoked`.
    pub change: String,
    pub status: ExporterStatus,
    pub rex_number: Option<String>,
    pub data: ExporterData,
    pub valid_from: Option<Date>,
    pub revoked_on: Option<Date>,
    pub revocation_grounds: Option<String>,
    pub reason: Option<String>,
    pub changed_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub changed_at: OffsetDateTime,
}

/// Files an application for registration. A live registration (applied or registered) for the same country and
/// TIN is `Conflict { constraint: "exporters_country_tin_key" }`.
pub async fn apply(tx: &mut Tx, actor: &Actor, data: &ExporterData) -> Result<Exporter, StoreError> {
    let now = ts(actor.at);
    let row = sqlx::query(concat!(
        "INSERT INTO exporters (id, status, name, address, country, tin, data, consent_to_publication, version, ",
        "created_at, updated_at) VALUES ($1, 'applied', $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&data.name)
    .bind(&data.address)
    .bind(&data.country)
    .bind(&data.tin)
    .bind(json(data)?)
    .bind(flag(data.consent_to_publication))
    .bind(now)
    .fetch_one(tx.conn())
    .await?;
    let exporter = from_row(&row)?;
    finish(tx, actor, None, &exporter, "applied", None).await?;
    Ok(exporter)
}

/// Registers an applicant under `rex_number` from `valid_from`. A taken number is
/// `Conflict { constraint: "exporters_rex_number_key" }`; an exporter no longer `applied` is `Stale`.
pub async fn register(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    rex_number: &str,
    valid_from: Date,
    reason: &str,
) -> Result<Exporter, StoreError> {
    let before = expect_status(tx, id, ExporterStatus::Applied).await?;
    let row = sqlx::query(concat!(
        "UPDATE exporters SET status = 'registered', rex_number = $2, valid_from = $3, decision_reason = $4, ",
        "version = version + 1, updated_at = $5 WHERE id = $1 AND status = 'applied' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(rex_number)
    .bind(date(valid_from))
    .bind(reason)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("exporters_status"))?)?;
    finish(tx, actor, Some(&before), &after, "registered", Some(reason)).await?;
    Ok(after)
}

/// Refuses an application, with reasons.
pub async fn refuse(tx: &mut Tx, actor: &Actor, id: Uuid, reason: &str) -> Result<Exporter, StoreError> {
    let before = expect_status(tx, id, ExporterStatus::Applied).await?;
    let row = sqlx::query(concat!(
        "UPDATE exporters SET status = 'refused', decision_reason = $2, version = version + 1, updated_at = $3 ",
        "WHERE id = $1 AND status = 'applied' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(reason)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("exporters_status"))?)?;
    finish(tx, actor, Some(&before), &after, "refused", Some(reason)).await?;
    Ok(after)
}

/// Replaces the registration data of an applied or registered exporter. `expected_version` is the version the
/// change was made against: another change in between is `Conflict { kind: Stale }`.
pub async fn modify(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    expected_version: i64,
    data: &ExporterData,
    reason: Option<&str>,
) -> Result<Exporter, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE exporters SET name = $3, address = $4, country = $5, tin = $6, data = $7, ",
        "consent_to_publication = $8, version = version + 1, updated_at = $9 ",
        "WHERE id = $1 AND version = $2 AND status IN ('applied', 'registered') RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(expected_version)
    .bind(&data.name)
    .bind(&data.address)
    .bind(&data.country)
    .bind(&data.tin)
    .bind(json(data)?)
    .bind(flag(data.consent_to_publication))
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("exporters_version"))?)?;
    finish(tx, actor, Some(&before), &after, "modified", reason).await?;
    Ok(after)
}

/// Revokes a registration on `revoked_on`, with grounds.
pub async fn revoke(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    revoked_on: Date,
    grounds: &str,
) -> Result<Exporter, StoreError> {
    let before = expect_status(tx, id, ExporterStatus::Registered).await?;
    let row = sqlx::query(concat!(
        "UPDATE exporters SET status = 'revoked', revoked_on = $2, revocation_grounds = $3, version = version + 1, ",
        "updated_at = $4 WHERE id = $1 AND status = 'registered' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(date(revoked_on))
    .bind(grounds)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("exporters_status"))?)?;
    finish(tx, actor, Some(&before), &after, "revoked", Some(grounds)).await?;
    Ok(after)
}

/// The registration with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Exporter, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM exporters WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "exporter" })?)
}

/// The registration holding `rex_number` (registered or revoked), for the public lookup.
pub async fn find_by_rex_number(db: &mut impl Db, rex_number: &str) -> Result<Option<Exporter>, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM exporters WHERE rex_number = $1"))
        .bind(rex_number)
        .fetch_optional(db.conn())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Registrations in creation order, optionally only those in `status`, `limit` after `after`.
pub async fn list(
    db: &mut impl Db,
    status: Option<ExporterStatus>,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Exporter>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM exporters WHERE ($1 = '' OR status = $1) AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(status.map_or("", ExporterStatus::as_str))
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every version of a registration, oldest first.
pub async fn history(db: &mut impl Db, id: Uuid) -> Result<Vec<ExporterVersion>, StoreError> {
    let rows = sqlx::query(
        "SELECT exporter_id, version, change, status, rex_number, data, valid_from, revoked_on, revocation_grounds, \
         reason, changed_by, changed_at FROM exporter_history WHERE exporter_id = $1 ORDER BY version",
    )
    .bind(id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ExporterVersion {
                exporter_id: row.id("exporter_id")?,
                version: row.int("version")?,
                change: row.text("change")?,
                status: row.parsed("status")?,
                rex_number: row.opt_text("rex_number")?,
                data: row.json("data")?,
                valid_from: row.opt_date("valid_from")?,
                revoked_on: row.opt_date("revoked_on")?,
                revocation_grounds: row.opt_text("revocation_grounds")?,
                reason: row.opt_text("reason")?,
                changed_by: row.opt_id("changed_by")?,
                changed_at: row.ts("changed_at")?,
            })
        })
        .collect()
}

async fn expect_status(tx: &mut Tx, id: Uuid, status: ExporterStatus) -> Result<Exporter, StoreError> {
    let exporter = get(tx, id).await?;
    if exporter.status == status { Ok(exporter) } else { Err(StoreError::stale("exporters_status")) }
}

/// Writes the new version into the history and records the audit event.
async fn finish(
    tx: &mut Tx,
    actor: &Actor,
    before: Option<&Exporter>,
    after: &Exporter,
    change: &str,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO exporter_history (exporter_id, version, change, status, rex_number, data, valid_from, \
         revoked_on, revocation_grounds, reason, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(after.id.to_string())
    .bind(after.version)
    .bind(change)
    .bind(after.status.as_str())
    .bind(&after.rex_number)
    .bind(json(&after.data)?)
    .bind(after.valid_from.map(date))
    .bind(after.revoked_on.map(date))
    .bind(&after.revocation_grounds)
    .bind(reason)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .execute(tx.conn())
    .await?;
    let mut event = AuditEvent::new(format!("exporter.{change}"), "exporter", after.id).after(after).reason(reason);
    if let Some(before) = before {
        event = event.before(before);
    }
    tx.audit(actor, event);
    Ok(())
}

fn from_row(row: &AnyRow) -> Result<Exporter, StoreError> {
    Ok(Exporter {
        id: row.id("id")?,
        status: row.parsed("status")?,
        rex_number: row.opt_text("rex_number")?,
        data: row.json("data")?,
        valid_from: row.opt_date("valid_from")?,
        revoked_on: row.opt_date("revoked_on")?,
        revocation_grounds: row.opt_text("revocation_grounds")?,
        decision_reason: row.opt_text("decision_reason")?,
        version: row.int("version")?,
        created_at: row.ts("created_at")?,
        updated_at: row.ts("updated_at")?,
    })
}
