//! Bills of materials: the materials of a goods item, in the engine's terms (HS code, origin, value, weight),
//! each optionally backed by a supplier declaration.

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, opt_dec, opt_flag};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, goods_item_id, line_no, description, hs_code, origin_country, originating, wholly_obtained, value, \
         weight_kg, supplier_declaration_id"
    };
}

/// A material of a bill of materials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Material {
    pub id: Uuid,
    pub goods_item_id: Uuid,
    pub line_no: i64,
    pub description: Option<String>,
    pub hs_code: Option<String>,
    pub origin_country: Option<String>,
    /// The originating claim.
    pub originating: Option<bool>,
    pub wholly_obtained: Option<bool>,
    pub value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub supplier_declaration_id: Option<Uuid>,
}

/// A new material.
#[derive(Clone, Debug, Default)]
pub struct NewMaterial {
    pub goods_item_id: Uuid,
    pub line_no: i64,
    pub description: Option<String>,
    pub hs_code: Option<String>,
    pub origin_country: Option<String>,
    pub originating: Option<bool>,
    pub wholly_obtained: Option<bool>,
    pub value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub supplier_declaration_id: Option<Uuid>,
}

/// Adds a material to an item's bill of materials.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewMaterial) -> Result<Material, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO bom_materials (id, goods_item_id, line_no, description, hs_code, origin_country, originating, ",
        "wholly_obtained, value, weight_kg, supplier_declaration_id) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.goods_item_id.to_string())
    .bind(new.line_no)
    .bind(&new.description)
    .bind(&new.hs_code)
    .bind(&new.origin_country)
    .bind(opt_flag(new.originating))
    .bind(opt_flag(new.wholly_obtained))
    .bind(opt_dec(new.value))
    .bind(opt_dec(new.weight_kg))
    .bind(new.supplier_declaration_id.map(|id| id.to_string()))
    .fetch_one(tx.conn())
    .await?;
    let material = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("material.added", "material", material.id).after(&material));
    Ok(material)
}

/// An item's bill of materials by line number.
pub async fn list(db: &mut impl Db, goods_item_id: Uuid) -> Result<Vec<Material>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM bom_materials WHERE goods_item_id = $1 ORDER BY line_no"))
            .bind(goods_item_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

/// Removes a material.
pub async fn remove(tx: &mut Tx, actor: &Actor, id: Uuid) -> Result<(), StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM bom_materials WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(tx.conn())
        .await?
        .ok_or(StoreError::NotFound { entity: "material" })?;
    let before = from_row(&row)?;
    sqlx::query("DELETE FROM bom_materials WHERE id = $1").bind(id.to_string()).execute(tx.conn()).await?;
    tx.audit(actor, AuditEvent::new("material.removed", "material", id).before(&before));
    Ok(())
}

fn from_row(row: &AnyRow) -> Result<Material, StoreError> {
    Ok(Material {
        id: row.id("id")?,
        goods_item_id: row.id("goods_item_id")?,
        line_no: row.int("line_no")?,
        description: row.opt_text("description")?,
        hs_code: row.opt_text("hs_code")?,
        origin_country: row.opt_text("origin_country")?,
        originating: row.opt_flag("originating")?,
        wholly_obtained: row.opt_flag("wholly_obtained")?,
        value: row.opt_dec("value")?,
        weight_kg: row.opt_dec("weight_kg")?,
        supplier_declaration_id: row.opt_id("supplier_declaration_id")?,
    })
}
