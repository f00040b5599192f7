//! Reading the trail the way a supervisor or an auditor browses it: newest first, a page at a time (keyed by
//! sequence number, so a page never shifts while new records arrive), narrowed by entity, action and role.

use super::{AuditRecord, COLUMNS, from_row};
use crate::error::StoreError;
use crate::tx::Db;

/// Which records to show; an empty text does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// `application`, `certificate`, `exporter` ... exactly.
    pub entity_type: String,
    /// The entity's id, exactly.
    pub entity_id: String,
    /// The start of the action (`application.` or `certificate.revoked`).
    pub action: String,
    /// The acting role (`certifier`, `system` ...), exactly.
    pub actor_role: String,
}

/// Up to `limit` records matching `filter` with a sequence number below `before` (all when `None`), newest first.
pub async fn search(
    db: &mut impl Db,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let action = format!("{}%", filter.action.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE seq < $1 AND ($2 = '' OR entity_type = $2) \
         AND ($3 = '' OR entity_id = $3) AND action LIKE $4 ESCAPE '\\' AND ($5 = '' OR actor_role = $5) \
         ORDER BY seq DESC LIMIT $6"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(before.unwrap_or(i64::MAX))
        .bind(filter.entity_type.trim())
        .bind(filter.entity_id.trim())
        .bind(action)
        .bind(filter.actor_role.trim())
        .bind(i64::from(limit))
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}
