//! Control cases: `/control/cases` (the list, open or all, and customs' form to open a case on a certificate
//! number or a REX number) and `/control/cases/{id}` (grounds, findings with their documents, the proposals made;
//! for customs while the case is open: a finding with a document, a revocation proposal, closing).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::control::ControlError;
use origo_service::control::cases::{CaseSubject, CaseView};
use origo_service::roles::Role;
use origo_store::control_cases::{CaseStatus, SubjectKind};
use origo_store::proposals::TargetKind;
use serde::Deserialize;
use uuid::Uuid;

use super::labels::{case_status_key, proposal_status_key, target_key};
use super::{error_for, field_error};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::exporter::fields::Fields;
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::officer::queue::Choice;
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// Cases per page.
pub const PER_PAGE: u32 = 100;

/// One case in the list.
#[derive(Debug)]
pub struct CaseRow {
    pub href: String,
    pub reference: String,
    pub subject: String,
    pub grounds: String,
    pub opened: String,
    pub status: &'static str,
}

/// The open-a-case form as filled in.
#[derive(Debug, Default, Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    pub certificate_number: String,
    #[serde(default)]
    pub rex_number: String,
    #[serde(default)]
    pub grounds: String,
}

/// The list, with the form to open a case (customs).
#[derive(Template)]
#[template(path = "control/cases.html")]
pub struct CasesPage {
    pub ctx: PageCtx,
    pub statuses: Vec<Choice>,
    pub rows: Vec<CaseRow>,
    pub can_open: bool,
    pub form: OpenForm,
    pub error: Option<(&'static str, &'static str)>,
}

impl CasesPage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    pub status: String,
}

async fn show_list(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    status: Option<CaseStatus>,
    code: StatusCode,
    form: OpenForm,
    error: Option<(&'static str, &'static str)>,
) -> PageResult<Response> {
    let cases = state.service.control_cases(&user.caller, status, None, PER_PAGE).await?;
    let mut statuses = vec![Choice { value: "", label: ctx.t("control.cases.any"), selected: status.is_none() }];
    statuses.extend(CaseStatus::ALL.iter().map(|s| Choice {
        value: s.as_str(),
        label: ctx.t(case_status_key(*s)),
        selected: status == Some(*s),
    }));
    let rows = cases
        .iter()
        .rev()
        .map(|c| CaseRow {
            href: format!("/control/cases/{}", c.id),
            reference: c.reference.clone(),
            subject: ctx.t(subject_key(c.subject_kind)).to_owned(),
            grounds: c.grounds.clone(),
            opened: ctx.date(c.opened_at.date()),
            status: ctx.t(case_status_key(c.status)),
        })
        .collect();
    let can_open = user.caller.role() == Role::Customs;
    Ok(render::html(code, &CasesPage { statuses, rows, can_open, form, error, ctx }))
}

fn subject_key(kind: SubjectKind) -> &'static str {
    match kind {
        SubjectKind::Certificate => "control.case.subject.certificate",
        SubjectKind::Exporter => "control.case.subject.exporter",
    }
}

/// `GET /control/cases`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let status = match params.status.as_str() {
        "" => None,
        text => Some(text.parse::<CaseStatus>().map_err(|_| PageError::new(Failure::BadRequest))?),
    };
    show_list(&state, ctx, &user, status, StatusCode::OK, OpenForm::default(), None).await
}

/// `POST /control/cases`: opens a case; on to its page.
pub async fn open(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageForm(form): PageForm<OpenForm>,
) -> PageResult<Response> {
    let certificate = form.certificate_number.trim();
    let rex = form.rex_number.trim();
    let subject = match (certificate.is_empty(), rex.is_empty()) {
        (false, true) => CaseSubject::CertificateNumber(certificate.to_owned()),
        (true, false) => CaseSubject::RexNumber(rex.to_owned()),
        _ => {
            let error = Some(("certificate_number", ctx.t("control.error.one_subject")));
            return show_list(&state, ctx, &user, None, StatusCode::UNPROCESSABLE_ENTITY, form, error).await;
        }
    };
    match state.service.open_control_case(&user.caller, subject, &form.grounds).await {
        Ok(case) => Ok(see_other(&format!("/control/cases/{}?done=opened", case.id))),
        Err(error) => match field_error(&ctx, &error) {
            Some(found) => {
                show_list(&state, ctx, &user, None, StatusCode::UNPROCESSABLE_ENTITY, form, Some(found)).await
            }
            None => Err(error.into()),
        },
    }
}

/// A document of a finding, as a link.
#[derive(Debug)]
pub struct DocumentLink {
    pub href: String,
    pub name: String,
    pub size: String,
}

/// A finding as shown.
#[derive(Debug)]
pub struct FindingRow {
    pub text: String,
    pub recorded: String,
    pub documents: Vec<DocumentLink>,
}

/// A proposal made from the case.
#[derive(Debug)]
pub struct ProposalRow {
    pub target: String,
    pub grounds: String,
    pub status: &'static str,
    pub decision: String,
}

/// The forms of the case page as filled in.
#[derive(Debug, Default)]
pub struct CaseForms {
    /// The field at fault and its message.
    pub error: Option<(&'static str, &'static str)>,
    pub text: String,
    pub grounds: String,
    pub target: String,
    pub conclusion: String,
}

/// One case.
#[derive(Template)]
#[template(path = "control/case.html")]
pub struct CasePage {
    pub ctx: PageCtx,
    pub id: String,
    pub reference: String,
    pub status: &'static str,
    pub open: bool,
    pub facts: Vec<(&'static str, String)>,
    pub findings: Vec<FindingRow>,
    pub proposals: Vec<ProposalRow>,
    pub targets: Vec<Choice>,
    pub can_act: bool,
    pub done: Option<&'static str>,
    pub forms: CaseForms,
    pub error: Option<(&'static str, &'static str)>,
}

impl CasePage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

fn case_page(ctx: PageCtx, user: &SignedIn, view: CaseView, done: Option<&'static str>, forms: CaseForms) -> CasePage {
    let case = &view.case;
    let open = case.status == CaseStatus::Open;
    let mut facts = vec![
        (ctx.t("control.case.subject"), ctx.t(subject_key(case.subject_kind)).to_owned()),
        (ctx.t("control.case.certificate"), view.certificate_number.clone().unwrap_or_default()),
        (ctx.t("control.case.exporter"), view.exporter.data.name.clone()),
        (ctx.t("control.case.rex"), view.exporter.rex_number.clone().unwrap_or_default()),
        (ctx.t("control.case.grounds"), case.grounds.clone()),
        (ctx.t("control.case.opened"), when(&ctx, case.opened_at)),
        (ctx.t("control.case.closed"), case.closed_at.map(|at| when(&ctx, at)).unwrap_or_default()),
        (ctx.t("control.case.conclusion"), case.conclusion.clone().unwrap_or_default()),
    ];
    facts.retain(|(_, value)| !value.is_empty());
    let findings = view
        .findings
        .iter()
        .map(|(finding, documents)| FindingRow {
            text: finding.text.clone(),
            recorded: when(&ctx, finding.recorded_at),
            documents: documents
                .iter()
                .map(|d| DocumentLink {
                    href: format!("/control/cases/{}/documents/{}", case.id, d.id),
                    name: d.file_name.clone(),
                    size: ctx.t_with(
                        "control.case.document.size",
                        &[("bytes", &ctx.integer(u64::try_from(d.size_bytes).unwrap_or_default()))],
                    ),
                })
                .collect(),
        })
        .collect();
    let proposals = view
        .proposals
        .iter()
        .map(|p| ProposalRow {
            target: ctx.t(target_key(p.target_kind)).to_owned(),
            grounds: p.grounds.clone(),
            status: ctx.t(proposal_status_key(p.status)),
            decision: p.decision_reasons.clone().unwrap_or_default(),
        })
        .collect();
    let mut kinds = vec![TargetKind::RexRegistration];
    if case.subject_kind == SubjectKind::Certificate {
        kinds.insert(0, TargetKind::Certificate);
    }
    let targets = kinds
        .into_iter()
        .map(|t| Choice { value: t.as_str(), label: ctx.t(target_key(t)), selected: forms.target == t.as_str() })
        .collect();
    CasePage {
        id: case.id.to_string(),
        reference: case.reference.clone(),
        status: ctx.t(case_status_key(case.status)),
        open,
        facts,
        findings,
        proposals,
        targets,
        can_act: open && user.caller.role() == Role::Customs,
        done,
        forms,
        error: None,
        ctx,
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    code: StatusCode,
    done: Option<&'static str>,
    forms: CaseForms,
) -> PageResult<Response> {
    let view = state.service.control_case(&user.caller, id).await?;
    let error = forms.error;
    let mut page = case_page(ctx, user, view, done, forms);
    page.error = error;
    Ok(render::html(code, &page))
}

/// `GET /control/cases/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let done = match query.done.as_str() {
        "opened" => Some("control.case.done.opened"),
        "finding" => Some("control.case.done.finding"),
        "proposed" => Some("control.case.done.proposed"),
        "closed" => Some("control.case.done.closed"),
        _ => None,
    };
    show(&state, ctx, &user, id, StatusCode::OK, done, CaseForms::default()).await
}

/// Shows the case again with the refusal tied to its field, or fails with the error page.
async fn refused(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    forms: CaseForms,
    error: ControlError,
) -> PageResult<Response> {
    match field_error(&ctx, &error) {
        Some(found) => {
            let forms = CaseForms { error: Some(found), ..forms };
            show(state, ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        None => Err(error.into()),
    }
}

/// `POST /control/cases/{id}/findings` (urlencoded, or multipart with the document in `file`).
pub async fn add_finding(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    fields: Fields,
) -> PageResult<Response> {
    let text = fields.text("text");
    let forms = CaseForms { text: text.clone(), ..CaseForms::default() };
    let uploads = crate::pages::attachments::uploads(&fields, "file");
    match state.service.record_finding(&user.caller, id, &text, uploads).await {
        Ok(_) => Ok(see_other(&format!("/control/cases/{id}?done=finding"))),
        Err(error) => refused(&state, ctx, &user, id, forms, error).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub grounds: String,
}

/// `POST /control/cases/{id}/proposals`.
pub async fn propose(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<ProposeForm>,
) -> PageResult<Response> {
    let forms = CaseForms { grounds: form.grounds.clone(), target: form.target.clone(), ..CaseForms::default() };
    let Ok(target) = form.target.parse::<TargetKind>() else {
        let forms = CaseForms { error: Some(("target", ctx.t("control.error.target"))), ..forms };
        return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
    };
    match state.service.propose_revocation(&user.caller, id, target, &form.grounds).await {
        Ok(_) => Ok(see_other(&format!("/control/cases/{id}?done=proposed"))),
        Err(error) => refused(&state, ctx, &user, id, forms, error).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    pub conclusion: String,
}

/// `POST /control/cases/{id}/close`.
pub async fn close(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<CloseForm>,
) -> PageResult<Response> {
    let forms = CaseForms { conclusion: form.conclusion.clone(), ..CaseForms::default() };
    match state.service.close_control_case(&user.caller, id, &form.conclusion).await {
        Ok(_) => Ok(see_other(&format!("/control/cases/{id}?done=closed"))),
        Err(error) => refused(&state, ctx, &user, id, forms, error).await,
    }
}

/// `GET /control/cases/{id}/documents/{document}`: the document as an attachment of its stored type.
pub async fn document(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath((id, document)): PagePath<(Uuid, Uuid)>,
) -> PageResult<Response> {
    let (record, bytes) = state.service.control_document(&user.caller, id, document).await?;
    Ok(crate::pages::attachments::download(&record.file_name, &record.media_type, bytes))
}
