//! Lists of issued certificates for the officers' pages: newest first, a page at a time keyed by id, narrowed by
//! status, importing country (a foreign authority's list, one indexed read) and a search on the number or the
//! exporter's name; and the certificates issued from one application.

use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::applications::ProofKind;
use crate::certificates::CertificateStatus;
use crate::codec::RowExt;
use crate::error::StoreError;
use crate::tx::Db;

/// Which certificates to list; `None` or an empty text does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertificateFilter {
    pub status: Option<CertificateStatus>,
    /// Only this exporter's.
    pub exporter_id: Option<Uuid>,
    /// Only those bound for this country, and those stored before the column existed (their importing country is
    /// `None` in the row: the caller checks them against their document).
    pub importing_country: Option<String>,
    /// Part of the number or of the exporter's name (case-insensitive for ASCII).
    pub search: String,
}

/// One certificate in a list (the signed document only where the importing country is not known otherwise).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRow {
    pub id: Uuid,
    pub number: String,
    pub kind: ProofKind,
    pub status: CertificateStatus,
    pub exporter_id: Uuid,
    pub exporter_name: String,
    pub application_id: Option<Uuid>,
    pub importing_country: Option<String>,
    pub issued_at: OffsetDateTime,
    pub status_changed_at: Option<OffsetDateTime>,
    /// The signed document, for a row whose `importing_country` is `None`.
    pub document: Option<String>,
}

/// Up to `limit` certificates matching `filter` with an id below `before` (all when `None`), newest first.
pub async fn list(
    db: &mut impl Db,
    filter: &CertificateFilter,
    before: Option<Uuid>,
    limit: u32,
) -> Result<Vec<CertificateRow>, StoreError> {
    let term = filter.search.trim().to_lowercase();
    let pattern = if term.is_empty() {
        String::new()
    } else {
        format!("%{}%", term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
    };
    let rows = sqlx::query(
        "SELECT c.id, c.number, c.kind, c.status, c.exporter_id, e.name AS exporter_name, c.application_id, \
         c.importing_country, c.issued_at, c.status_changed_at, \
         CASE WHEN c.importing_country IS NULL THEN c.document END AS document \
         FROM certificates c JOIN exporters e ON e.id = c.exporter_id \
         WHERE ($1 = '' OR c.id < $1) AND ($2 = '' OR c.status = $2) AND ($6 = '' OR c.exporter_id = $6) \
         AND ($3 = '' OR c.importing_country = $3 OR c.importing_country IS NULL) \
         AND ($4 = '' OR LOWER(c.number) LIKE $4 ESCAPE '\\' OR LOWER(e.name) LIKE $4 ESCAPE '\\') \
         ORDER BY c.id DESC LIMIT $5",
    )
    .bind(before.map_or_else(String::new, |id| id.to_string()))
    .bind(filter.status.map_or("", CertificateStatus::as_str))
    .bind(filter.importing_country.as_deref().unwrap_or(""))
    .bind(pattern)
    .bind(i64::from(limit))
    .bind(filter.exporter_id.map_or_else(String::new, |id| id.to_string()))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The certificates issued from an application (a replacement is issued from the same one), oldest first.
pub async fn for_application(db: &mut impl Db, application_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
    let rows = sqlx::query("SELECT id, number FROM certificates WHERE application_id = $1 ORDER BY id")
        .bind(application_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(|row| Ok((row.id("id")?, row.text("number")?))).collect()
}

fn from_row(row: &AnyRow) -> Result<CertificateRow, StoreError> {
    Ok(CertificateRow {
        id: row.id("id")?,
        number: row.text("number")?,
        kind: row.parsed("kind")?,
        status: row.parsed("status")?,
        exporter_id: row.id("exporter_id")?,
        exporter_name: row.text("exporter_name")?,
        application_id: row.opt_id("application_id")?,
        importing_country: row.opt_text("importing_country")?,
        issued_at: row.ts("issued_at")?,
        status_changed_at: row.opt_ts("status_changed_at")?,
        document: row.opt_text("document")?,
    })
}
