//! The forms of an application's dossier: flag (or clear) the high-risk mark, examine (approve, refuse or ask
//! for information, reasons required for the last two), give the second signature, issue the certificate. Each
//! calls the same service method as the API; a field left wrong shows the dossier again with the error next to
//! the field (422), a refusal the service explains in words (not originating, the four-eyes rule) is said at the
//! top of the dossier, and anything else is the error page with its status.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::application::TransitionError;
use origo_service::examination::{Examination, ExamineError};
use origo_service::issuance::Issued;
use origo_service::policy::Denied;
use serde::Deserialize;
use uuid::Uuid;

use super::application::{Forms, show};
use super::{PagePath, reference, see_other};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::extract::PageForm;
use crate::pages::render;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct RiskForm {
    #[serde(default)]
    pub high_risk: String,
}

/// `POST /officer/applications/{id}/risk`: `high_risk=1` flags, `0` clears.
pub async fn risk(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<RiskForm>,
) -> PageResult<Response> {
    let flag = form.high_risk == "1";
    state.service.flag_high_risk(&user.caller, id, flag).await?;
    let done = if flag { "risk_flagged" } else { "risk_cleared" };
    Ok(see_other(&format!("/officer/applications/{id}?done={done}")))
}

#[derive(Debug, Deserialize)]
pub struct ExaminationForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reasons: String,
}

/// `POST /officer/applications/{id}/examination`.
pub async fn examine(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<ExaminationForm>,
) -> PageResult<Response> {
    let reasons = form.reasons.trim().to_owned();
    let mut forms = Forms { decision: form.decision.clone(), reasons: form.reasons.clone(), ..Forms::default() };
    let (decision, done) = match form.decision.as_str() {
        "approve" => (Examination::Approve, "approved"),
        "refuse" => (Examination::Refuse { reasons: reasons.clone() }, "refused"),
        "request_information" => {
            (Examination::RequestInformation { reasons: reasons.clone() }, "information_requested")
        }
        _ => {
            forms.decision_error = Some(ctx.t("officer.decision.missing"));
            return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await;
        }
    };
    if reasons.is_empty() && !matches!(decision, Examination::Approve) {
        forms.reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
        return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await;
    }
    match state.service.examine_application(&user.caller, id, decision).await {
        Ok(_) => Ok(see_other(&format!("/officer/applications/{id}?done={done}"))),
        Err(ExamineError::Transition(TransitionError::ReasonsRequired { .. })) => {
            forms.reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
        Err(ExamineError::NotOriginating { line, .. }) => {
            forms.error = Some(ctx.t_with("officer.decision.not_originating", &[("line", &line.to_string())]));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /officer/applications/{id}/second-signature`. The examiner's own signature is refused by the service
/// (the four-eyes rule); the dossier says so, with 403.
pub async fn second_sign(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
) -> PageResult<Response> {
    match state.service.second_sign(&user.caller, id).await {
        Ok(_) => Ok(see_other(&format!("/officer/applications/{id}?done=second_signed"))),
        Err(ExamineError::Denied(Denied::SameOfficer)) => {
            let forms = Forms { error: Some(ctx.t("officer.four_eyes.refused").to_owned()), ..Forms::default() };
            show(&state, ctx, &user, id, StatusCode::FORBIDDEN, forms).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    pub idempotency_key: String,
}

/// The answer to issuing (or replacing): the number, and the security code shown this once.
#[derive(Template)]
#[template(path = "officer/issued.html")]
pub struct IssuedPage {
    pub ctx: PageCtx,
    pub number: String,
    /// `None` when the form was sent again: the code was shown the first time and is not kept.
    pub security_code: Option<String>,
    pub certificate_href: String,
    /// Where the certificate came from (the application's dossier or the replaced certificate).
    pub back_href: String,
    pub back_label: String,
    /// The certificate this one replaces, for a replacement.
    pub replaces: Option<String>,
}

impl IssuedPage {
    pub fn new(ctx: PageCtx, issued: &Issued, back_href: String, back_label: String) -> IssuedPage {
        IssuedPage {
            number: issued.number.clone(),
            security_code: issued.security_code.clone(),
            certificate_href: format!("/officer/certificates/{}", issued.certificate_id),
            back_href,
            back_label,
            replaces: None,
            ctx,
        }
    }
}

/// `POST /officer/applications/{id}/certificate`: issues and shows the security code once. The form's key makes
/// a repeated post answer with the same certificate (without the code) instead of an error.
pub async fn issue(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<IssueForm>,
) -> PageResult<Response> {
    let key = form.idempotency_key.trim();
    let key = (!key.is_empty() && key.len() <= 200).then_some(key);
    let issued = state.service.issue_certificate(&user.caller, id, key).await?;
    let back = ctx.t_with("officer.issued.back", &[("reference", &reference(id))]);
    let page = IssuedPage::new(ctx, &issued, format!("/officer/applications/{id}"), back);
    Ok(render::html(StatusCode::CREATED, &page))
}
