//! Earlier exports for the risk engine's history: the goods items of proofs of origin already issued (the first
//! issue of each certificate, and statements on origin made out), of one exporter or of some subheadings, since a
//! day. Replacement certificates repeat an export that already counted and are left out.

use rust_decimal::Decimal;
use serde_json::Value;
use sqlx::any::AnyRow;
use time::Date;
use uuid::Uuid;

use crate::codec::{RowExt, date};
use crate::error::StoreError;
use crate::tx::Db;

/// One goods item of an issued proof, as the history needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierExport {
    pub application_id: Uuid,
    pub exporter_id: Uuid,
    /// The day the certificate was issued or the statement made out.
    pub day: Date,
    pub hs_code: String,
    pub quantity: Decimal,
    pub unit: String,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_value: Option<Decimal>,
    pub currency: Option<String>,
    /// The invoice's date, when the exporter gave it: the day an exchange rate is looked up for.
    pub invoice_date: Option<Date>,
    /// The consignment's importing country, when it names one.
    pub importing_country: Option<String>,
}

/// The goods items of proofs issued from `since` on (inclusive), by `exporter_id` or of one of `hs_codes`, the
/// application `except` left out; at most the newest `limit`, returned oldest first.
pub async fn earlier_exports(
    db: &mut impl Db,
    exporter_id: Uuid,
    hs_codes: &[String],
    since: Date,
    except: Uuid,
    limit: u32,
) -> Result<Vec<EarlierExport>, StoreError> {
    // $1 exporter, $2 since, $3 except, $4 limit, then the subheadings; each placeholder is used in both halves.
    let codes = if hs_codes.is_empty() {
        "NULL".to_owned()
    } else {
        (0..hs_codes.len()).map(|i| format!("${}", i + 5)).collect::<Vec<_>>().join(", ")
    };
    let item_columns = "a.id AS application_id, a.exporter_id, g.id AS item_id, g.hs_code, g.quantity, g.unit, \
                        g.net_weight_kg, g.invoice_value, g.currency, g.invoice_date, a.consignment";
    let sql = format!(
        "SELECT * FROM (\
         SELECT SUBSTR(c.issued_at, 1, 10) AS day, {item_columns} FROM certificates c \
         JOIN applications a ON a.id = c.application_id JOIN goods_items g ON g.application_id = a.id \
         WHERE c.replaces_id IS NULL AND c.issued_at >= $2 AND a.id <> $3 \
         AND (a.exporter_id = $1 OR g.hs_code IN ({codes})) \
         UNION ALL \
         SELECT s.made_out_on AS day, {item_columns} FROM statements s \
         JOIN applications a ON a.id = s.application_id JOIN goods_items g ON g.application_id = a.id \
         WHERE s.made_out_on >= $2 AND a.id <> $3 AND (a.exporter_id = $1 OR g.hs_code IN ({codes}))\
         ) h ORDER BY day DESC, item_id DESC LIMIT $4"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(exporter_id.to_string())
        .bind(date(since))
        .bind(except.to_string())
        .bind(i64::from(limit));
    for code in hs_codes {
        query = query.bind(code.clone());
    }
    let rows = query.fetch_all(db.conn()).await?;
    let mut exports = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    exports.reverse();
    Ok(exports)
}

fn from_row(row: &AnyRow) -> Result<EarlierExport, StoreError> {
    let consignment: Value = row.json("consignment")?;
    Ok(EarlierExport {
        application_id: row.id("application_id")?,
        exporter_id: row.id("exporter_id")?,
        day: row.date("day")?,
        hs_code: row.text("hs_code")?,
        quantity: row.dec("quantity")?,
        unit: row.text("unit")?,
        net_weight_kg: row.opt_dec("net_weight_kg")?,
        invoice_value: row.opt_dec("invoice_value")?,
        currency: row.opt_text("currency")?,
        invoice_date: row.opt_date("invoice_date")?,
        importing_country: consignment.get("importing_country").and_then(Value::as_str).map(str::to_owned),
    })
}
