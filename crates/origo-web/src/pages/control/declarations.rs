//! `/control/supplier-declarations`: the supplier declarations exporters rely on, with their revocation; for a
//! certifier, a form to revoke one in force with reasons, which flags every valid certificate and pending
//! application that relied on it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::roles::Role;
use origo_store::supplier_declarations::SupplierDeclaration;
use serde::Deserialize;
use uuid::Uuid;

use super::field_error;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::extract::{PageForm, PageQuery};
use crate::pages::officer::labels::declaration_kind_key;
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// Declarations per page.
pub const PER_PAGE: u32 = 200;

/// One declaration as shown.
#[derive(Debug)]
pub struct DeclarationRow {
    pub id: String,
    pub supplier: String,
    pub kind: &'static str,
    pub goods: String,
    pub validity: String,
    pub revoked: String,
    pub revocable: bool,
    pub reasons: String,
    pub reasons_error: Option<&'static str>,
}

/// The list.
#[derive(Template)]
#[template(path = "control/declarations.html")]
pub struct DeclarationsPage {
    pub ctx: PageCtx,
    pub rows: Vec<DeclarationRow>,
    pub done: Option<String>,
}

fn row(
    ctx: &PageCtx,
    d: &SupplierDeclaration,
    revokes: bool,
    failed: &Option<(Uuid, String, &'static str)>,
) -> DeclarationRow {
    let (reasons, reasons_error) = match failed {
        Some((id, reasons, error)) if *id == d.id => (reasons.clone(), Some(*error)),
        _ => (String::new(), None),
    };
    let validity = [d.valid_from.map(|v| ctx.date(v)), d.valid_to.map(|v| ctx.date(v))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" – ");
    let revoked = match (d.revoked_at, &d.revocation_reasons) {
        (Some(at), Some(reasons)) => format!("{}: {reasons}", when(ctx, at)),
        _ => String::new(),
    };
    DeclarationRow {
        id: d.id.to_string(),
        supplier: format!("{} ({})", d.supplier_name, d.supplier_country),
        kind: ctx.t(declaration_kind_key(d.kind)),
        goods: [Some(d.goods_description.clone()), d.hs_code.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        validity,
        revoked,
        revocable: revokes && d.revoked_at.is_none(),
        reasons,
        reasons_error,
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    code: StatusCode,
    done: Option<String>,
    failed: Option<(Uuid, String, &'static str)>,
) -> PageResult<Response> {
    let found = state.service.supplier_declarations(&user.caller, None, PER_PAGE).await?;
    let revokes = user.caller.role() == Role::Certifier;
    let rows = found.iter().rev().map(|d| row(&ctx, d, revokes, &failed)).collect();
    Ok(render::html(code, &DeclarationsPage { rows, done, ctx }))
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// How many flags the last revocation raised.
    #[serde(default)]
    pub flagged: Option<u32>,
}

/// `GET /control/supplier-declarations`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let done = params.flagged.map(|n| ctx.t_with("control.declarations.done", &[("count", &n.to_string())]));
    show(&state, ctx, &user, StatusCode::OK, done, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub reasons: String,
}

/// `POST /control/supplier-declarations/{id}/revocation`.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<RevokeForm>,
) -> PageResult<Response> {
    match state.service.revoke_supplier_declaration(&user.caller, id, &form.reasons).await {
        Ok(revoked) => Ok(see_other(&format!("/control/supplier-declarations?flagged={}", revoked.flags.len()))),
        Err(error) => match field_error(&ctx, &error) {
            Some((_, message)) => {
                let failed = Some((id, form.reasons.clone(), message));
                show(&state, ctx, &user, StatusCode::UNPROCESSABLE_ENTITY, None, failed).await
            }
            None => Err(error.into()),
        },
    }
}
