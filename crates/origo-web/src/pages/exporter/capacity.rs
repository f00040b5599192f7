//! The declared annual production capacity on the exporter's registration page: the rows of the application
//! form, and the form that changes the lines of a registration already filed (a modification of the
//! registration, kept in its history). Rows are `capacity_hs_N`, `capacity_quantity_N`, `capacity_note_N`; the
//! unit is kilograms. A trader's form hides them (CSS on the activity choice), and lines sent with the trading
//! activity are dropped here: a trader declares none.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::registry::RegistryError;
use origo_store::exporters::{Activity, CapacityLine, ExporterStatus};

use super::fields::Fields;
use super::input::{Message, decimal};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::state::AppState;

/// Empty rows offered after the lines declared.
const BLANK_ROWS: usize = 2;

/// At most this many rows are read from a form.
const MAX_ROWS: usize = 200;

/// One row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct CapacityRow {
    pub hs: String,
    pub quantity: String,
    pub note: String,
    pub error: Option<Message>,
}

/// The rows for `lines`, with blank rows to add more.
pub fn rows_of(ctx: &PageCtx, lines: &[CapacityLine]) -> Vec<CapacityRow> {
    lines
        .iter()
        .map(|l| CapacityRow {
            hs: l.hs.clone(),
            quantity: ctx.decimal(&l.quantity),
            note: l.note.clone().unwrap_or_default(),
            error: None,
        })
        .chain(std::iter::repeat_with(CapacityRow::default).take(BLANK_ROWS))
        .collect()
}

/// The rows sent, blank ones left out, then two blank rows again (a row is added by sending the form).
pub fn rows_sent(fields: &Fields) -> Vec<CapacityRow> {
    let count = fields.count("capacity_rows", 0, MAX_ROWS);
    (0..count)
        .map(|i| CapacityRow {
            hs: fields.text(&format!("capacity_hs_{i}")),
            quantity: fields.text(&format!("capacity_quantity_{i}")),
            note: fields.text(&format!("capacity_note_{i}")),
            error: None,
        })
        .filter(|r| !(r.hs.is_empty() && r.quantity.is_empty() && r.note.is_empty()))
        .chain(std::iter::repeat_with(CapacityRow::default).take(BLANK_ROWS))
        .collect()
}

/// The lines of the filled rows (blank rows trail), or `None` when a quantity cannot be read (its row then
/// carries the message).
pub fn lines(ctx: &PageCtx, rows: &mut [CapacityRow]) -> Option<Vec<CapacityLine>> {
    let mut lines = Vec::new();
    let mut ok = true;
    for row in rows.iter_mut().filter(|r| !(r.hs.is_empty() && r.quantity.is_empty() && r.note.is_empty())) {
        let quantity = match decimal(ctx, &row.quantity) {
            Ok(Some(q)) => q,
            Ok(None) => {
                row.error = Some(ctx.t("risk.capacity.error.quantity").to_owned());
                ok = false;
                continue;
            }
            Err(message) => {
                row.error = Some(message);
                ok = false;
                continue;
            }
        };
        lines.push(CapacityLine {
            hs: row.hs.clone(),
            quantity,
            unit: "kg".into(),
            note: Some(row.note.clone()).filter(|n| !n.is_empty()),
        });
    }
    ok.then_some(lines)
}

/// Puts the service's message on its row: `capacity[2].hs` is the third filled row.
pub fn place_error(ctx: &PageCtx, rows: &mut [CapacityRow], field: &str) -> bool {
    let Some(rest) = field.strip_prefix("capacity[") else { return false };
    let Some((index, name)) = rest.split_once("].") else { return false };
    let Ok(index) = index.parse::<usize>() else { return false };
    let key = match name {
        "hs" => "risk.capacity.error.hs",
        "quantity" => "risk.capacity.error.quantity",
        "note" => "risk.capacity.error.note",
        _ => "risk.capacity.error.unit",
    };
    match rows.get_mut(index) {
        Some(row) => {
            row.error = Some(ctx.t(key).to_owned());
            true
        }
        None => false,
    }
}

/// `POST /exporter/registration/capacity`: the producer changes its declared capacity (a modification of its
/// registration, against the version it read).
pub async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    super::exporter_only(&user)?;
    let Some(id) = user.caller.exporter_id() else {
        return Ok(Redirect::to("/exporter/registration").into_response());
    };
    let current = state.service.registration(&user.caller, id).await?;
    let mut page = super::registration::page(&state, ctx.clone(), &user).await?;
    let mut rows = rows_sent(&fields);
    let live = matches!(current.status, ExporterStatus::Applied | ExporterStatus::Registered);
    if !live || current.data.activity != Activity::Production {
        page.capacity_message = Some(ctx.t("risk.capacity.error.trader").to_owned());
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let expected: i64 = fields.text("version").parse().unwrap_or(current.version);
    let Some(lines) = lines(&ctx, &mut rows) else {
        page.capacity_rows = rows;
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let mut data = current.data.clone();
    data.capacity = lines;
    let reason = ctx.t("risk.capacity.modified.reason").to_owned();
    match state.service.modify_registration(&user.caller, id, expected, data, Some(&reason)).await {
        Ok(_) => Ok(Redirect::to("/exporter/registration?capacity=saved").into_response()),
        Err(RegistryError::InvalidCapacity { field, .. }) => {
            if !place_error(&ctx, &mut rows, &field) {
                page.capacity_message = Some(ctx.t("risk.capacity.error.trader").to_owned());
            }
            page.capacity_rows = rows;
            Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(RegistryError::Stale) => {
            page.capacity_rows = rows;
            page.capacity_message = Some(ctx.t("risk.capacity.error.stale").to_owned());
            Ok(render::html(StatusCode::CONFLICT, &page))
        }
        Err(other) => Err(other.into()),
    }
}
