//! Goods items of an application (HS code, quantities, weights, invoice), numbered from 1 per application.

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, json, new_id, opt_date, opt_dec, opt_flag, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, application_id, line_no, hs_code, description, quantity, unit, gross_weight_kg, net_weight_kg, \
         invoice_number, invoice_date, invoice_value, currency, ex_works_price, marks_and_packages, processes, \
         wholly_obtained, created_at"
    };
}

/// A goods item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoodsItem {
    pub id: Uuid,
    pub application_id: Uuid,
    /// 1, 2, ... within the application (unique).
    pub line_no: i64,
    /// Six-digit HS subheading (validated by the service).
    pub hs_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit: String,
    pub gross_weight_kg: Option<Decimal>,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_number: Option<String>,
    pub invoice_date: Option<Date>,
    pub invoice_value: Option<Decimal>,
    pub currency: Option<String>,
    /// For the engine's value tolerances.
    pub ex_works_price: Option<Decimal>,
    pub marks_and_packages: Option<String>,
    /// The processes done, as the engine names them; `None` when not stated.
    pub processes: Option<Vec<String>>,
    /// The exporter's wholly-obtained claim.
    pub wholly_obtained: Option<bool>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A new goods item.
#[derive(Clone, Debug, Default)]
pub struct NewGoodsItem {
    pub application_id: Uuid,
    pub line_no: i64,
    pub hs_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit: String,
    pub gross_weight_kg: Option<Decimal>,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_number: Option<String>,
    pub invoice_date: Option<Date>,
    pub invoice_value: Option<Decimal>,
    pub currency: Option<String>,
    pub ex_works_price: Option<Decimal>,
    pub marks_and_packages: Option<String>,
    pub processes: Option<Vec<String>>,
    pub wholly_obtained: Option<bool>,
}

/// Adds an item. A line number already used is `Conflict { constraint: "goods_items_application_id_line_no_key" }`.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewGoodsItem) -> Result<GoodsItem, StoreError> {
    let processes = new.processes.as_ref().map(json).transpose()?;
    let row = sqlx::query(concat!(
        "INSERT INTO goods_items (id, application_id, line_no, hs_code, description, quantity, unit, ",
        "gross_weight_kg, net_weight_kg, invoice_number, invoice_date, invoice_value, currency, ex_works_price, ",
        "marks_and_packages, processes, wholly_obtained, created_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.application_id.to_string())
    .bind(new.line_no)
    .bind(&new.hs_code)
    .bind(&new.description)
    .bind(new.quantity.to_string())
    .bind(&new.unit)
    .bind(opt_dec(new.gross_weight_kg))
    .bind(opt_dec(new.net_weight_kg))
    .bind(&new.invoice_number)
    .bind(opt_date(new.invoice_date))
    .bind(opt_dec(new.invoice_value))
    .bind(&new.currency)
    .bind(opt_dec(new.ex_works_price))
    .bind(&new.marks_and_packages)
    .bind(processes)
    .bind(opt_flag(new.wholly_obtained))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let item = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("goods_item.added", "goods_item", item.id).after(&item));
    Ok(item)
}

/// The item with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<GoodsItem, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM goods_items WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "goods item" })?)
}

/// An application's items by line number.
pub async fn list(db: &mut impl Db, application_id: Uuid) -> Result<Vec<GoodsItem>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM goods_items WHERE application_id = $1 ORDER BY line_no"))
            .bind(application_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

/// Removes an item with its bill of materials and determinations.
pub async fn remove(tx: &mut Tx, actor: &Actor, id: Uuid) -> Result<(), StoreError> {
    let before = get(tx, id).await?;
    sqlx::query("DELETE FROM goods_items WHERE id = $1").bind(id.to_string()).execute(tx.conn()).await?;
    tx.audit(actor, AuditEvent::new("goods_item.removed", "goods_item", id).before(&before));
    Ok(())
}

fn from_row(row: &AnyRow) -> Result<GoodsItem, StoreError> {
    Ok(GoodsItem {
        id: row.id("id")?,
        application_id: row.id("application_id")?,
        line_no: row.int("line_no")?,
        hs_code: row.text("hs_code")?,
        description: row.text("description")?,
        quantity: row.dec("quantity")?,
        unit: row.text("unit")?,
        gross_weight_kg: row.opt_dec("gross_weight_kg")?,
        net_weight_kg: row.opt_dec("net_weight_kg")?,
        invoice_number: row.opt_text("invoice_number")?,
        invoice_date: row.opt_date("invoice_date")?,
        invoice_value: row.opt_dec("invoice_value")?,
        currency: row.opt_text("currency")?,
        ex_works_price: row.opt_dec("ex_works_price")?,
        marks_and_packages: row.opt_text("marks_and_packages")?,
        processes: row.opt_json("processes")?,
        wholly_obtained: row.opt_flag("wholly_obtained")?,
        created_at: row.ts("created_at")?,
    })
}
