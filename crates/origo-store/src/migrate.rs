//! The schema's migrations, built into the binary. One portable set runs on both backends through the `Any`
//! driver; sqlx records what ran in `_sqlx_migrations` (with checksums, so an edited migration is refused) and
//! holds a lock while migrating (on PostgreSQL an advisory lock: servers starting together migrate once).

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::error::StoreError;
use crate::store::Store;

/// (version, description, SQL) of each migration, in order. Never edit one that has shipped: add another.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "identity and registry", include_str!("../migrations/0001_identity_registry.sql")),
    (2, "applications", include_str!("../migrations/0002_applications.sql")),
    (3, "certificates", include_str!("../migrations/0003_certificates.sql")),
    (4, "idempotency", include_str!("../migrations/0004_idempotency.sql")),
    (5, "audit trail", include_str!("../migrations/0005_audit.sql")),
    (6, "statement details", include_str!("../migrations/0006_statement_details.sql")),
    (7, "officer views", include_str!("../migrations/0007_officer_views.sql")),
    (8, "certificate security codes", include_str!("../migrations/0008_certificate_security_codes.sql")),
    (9, "login throttle", include_str!("../migrations/0009_login_throttle.sql")),
    (10, "audit checkpoint", include_str!("../migrations/0010_audit_checkpoint.sql")),
    (11, "administrative cooperation", include_str!("../migrations/0011_cooperation.sql")),
    (12, "post-clearance control", include_str!("../migrations/0012_post_clearance_control.sql")),
    (13, "risk assessments", include_str!("../migrations/0013_risk_assessments.sql")),
    (14, "exchange rates", include_str!("../migrations/0014_exchange_rates.sql")),
    (15, "exporter document requests", include_str!("../migrations/0015_exporter_document_requests.sql")),
    (16, "certified goods statistics", include_str!("../migrations/0016_certified_goods_statistics.sql")),
];

/// Applies the migrations that have not run yet. Running it again changes nothing.
pub async fn migrate(store: &Store) -> Result<(), StoreError> {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(version, Cow::Borrowed(description), MigrationType::Simple, sql.into_sql_str(), false)
        })
        .collect();
    Migrator::with_migrations(migrations).run(store.pool()).await?;
    // What SQL cannot do exactly on both backends (sums of decimal text), done once after the migration that
    // asks for it.
    let mut tx = store.begin().await?;
    crate::statistics::certified_goods::backfill(&mut tx).await?;
    tx.commit().await
}

/// The number of migrations built in (the schema version after [`migrate`]).
pub fn schema_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}
