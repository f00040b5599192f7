//! `/exporter`: the exporter's dashboard. The registration's status and REX number, what to do next (apply for
//! registration, answer the certifier, finish a draft, make out a statement), and the applications,
//! certificates and statements on origin, each linking to its page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use origo_service::application::State as Stage;
use origo_service::examination::state_of;
use origo_store::applications::ProofKind;
use origo_store::certificates::CertificateStatus;
use origo_store::exporters::ExporterStatus;
use origo_store::statements::StatementKind;

use super::application::stage_words;
use super::registration::{RegistrationView, view};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// How many of each list the dashboard shows.
const LIST_LIMIT: u32 = 200;

/// Something to do, with where to do it.
#[derive(Debug, Clone)]
pub struct NextAction {
    pub text: String,
    pub href: Option<String>,
}

/// A row of the applications table.
#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub href: String,
    pub kind: &'static str,
    pub stage: &'static str,
    pub stage_label: &'static str,
    pub created: String,
}

/// A row of the certificates table.
#[derive(Debug, Clone)]
pub struct CertificateRow {
    pub href: String,
    pub number: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub issued: String,
}

/// A row of the statements table.
#[derive(Debug, Clone)]
pub struct StatementRow {
    pub href: Option<String>,
    pub kind: &'static str,
    pub made_out_on: String,
    pub sha256: String,
}

/// The dashboard.
#[derive(Template)]
#[template(path = "exporter/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageCtx,
    pub registration: Option<RegistrationView>,
    /// The user acts for a company (registered or applied): applications are possible.
    pub has_company: bool,
    /// Documents the certifying body asks of the exporter and not yet sent: a notice above everything else.
    pub asks: Vec<NextAction>,
    pub next: Vec<NextAction>,
    pub applications: Vec<ApplicationRow>,
    pub certificates: Vec<CertificateRow>,
    pub statements: Vec<StatementRow>,
}

/// A certificate's status in words: (CSS class, label).
pub fn certificate_status(ctx: &PageCtx, status: CertificateStatus) -> (&'static str, &'static str) {
    match status {
        CertificateStatus::Valid => ("valid", ctx.t("exporter.certificate.status.valid")),
        CertificateStatus::Revoked => ("revoked", ctx.t("exporter.certificate.status.revoked")),
        CertificateStatus::Replaced => ("replaced", ctx.t("exporter.certificate.status.replaced")),
    }
}

/// `GET /exporter`.
pub async fn dashboard(State(state): State<AppState>, ctx: PageCtx, Signed(user): Signed) -> PageResult<Response> {
    super::exporter_only(&user)?;
    let caller = &user.caller;
    let service = &state.service;
    let mut next = Vec::new();
    let Some(exporter_id) = caller.exporter_id() else {
        next.push(NextAction {
            text: ctx.t("exporter.next.register").to_owned(),
            href: Some("/exporter/registration".into()),
        });
        next.push(NextAction { text: ctx.t("exporter.next.assess").to_owned(), href: Some("/exporter/assess".into()) });
        let page = DashboardPage {
            ctx,
            registration: None,
            has_company: false,
            asks: Vec::new(),
            next,
            applications: Vec::new(),
            certificates: Vec::new(),
            statements: Vec::new(),
        };
        return Ok(render::ok(&page));
    };
    let exporter = service.registration(caller, exporter_id).await?;
    let asks = super::document_requests::notices(&ctx, service, caller).await?;
    let applications = service.applications(caller, None, None, LIST_LIMIT).await?;
    let certificates = service.exporter_certificates(caller, exporter_id, None, LIST_LIMIT).await?;
    let statements = service.statements(caller, None, LIST_LIMIT).await?;
    match exporter.status {
        ExporterStatus::Applied => {
            next.push(NextAction { text: ctx.t("exporter.next.wait_registration").to_owned(), href: None })
        }
        ExporterStatus::Refused | ExporterStatus::Revoked => next.push(NextAction {
            text: ctx.t("exporter.next.register_again").to_owned(),
            href: Some("/exporter/registration".into()),
        }),
        ExporterStatus::Registered => {}
    }
    for application in &applications {
        let created = ctx.date(application.created_at.date());
        let href = Some(format!("/exporter/applications/{}", application.id));
        let stage = state_of(application);
        let self_made = matches!(application.kind, ProofKind::StatementOnOrigin | ProofKind::OriginDeclaration);
        let has_statement = statements.iter().any(|s| s.application_id == Some(application.id));
        let text = match stage {
            Stage::InformationRequested => Some(ctx.t_with("exporter.next.answer", &[("date", &created)])),
            Stage::Draft => Some(ctx.t_with("exporter.next.finish_draft", &[("date", &created)])),
            Stage::Submitted | Stage::Approved if self_made && !has_statement => {
                Some(ctx.t_with("exporter.next.statement", &[("date", &created)]))
            }
            _ => None,
        };
        if let Some(text) = text {
            let href = if stage == Stage::Draft || stage == Stage::InformationRequested {
                href
            } else {
                Some(format!("/exporter/applications/{}/statement", application.id))
            };
            next.push(NextAction { text, href });
        }
    }
    next.push(NextAction { text: ctx.t("exporter.next.assess").to_owned(), href: Some("/exporter/assess".into()) });
    next.push(NextAction {
        text: ctx.t("exporter.next.new_application").to_owned(),
        href: Some("/exporter/applications/new".into()),
    });
    let page = DashboardPage {
        registration: Some(view(&ctx, &exporter)),
        has_company: true,
        asks,
        next,
        applications: applications
            .iter()
            .rev()
            .map(|a| {
                let (stage, stage_label, _) = stage_words(&ctx, state_of(a));
                ApplicationRow {
                    href: format!("/exporter/applications/{}", a.id),
                    kind: ctx.t(kind_key(a.kind.as_str())),
                    stage,
                    stage_label,
                    created: ctx.date(a.created_at.date()),
                }
            })
            .collect(),
        certificates: certificates
            .iter()
            .rev()
            .map(|c| {
                let (status, status_label) = certificate_status(&ctx, c.status);
                CertificateRow {
                    href: format!("/exporter/certificates/{}", c.id),
                    number: c.number.clone(),
                    status,
                    status_label,
                    issued: ctx.date(c.issued_at.date()),
                }
            })
            .collect(),
        statements: statements
            .iter()
            .rev()
            .map(|s| StatementRow {
                href: s.application_id.map(|id| format!("/exporter/applications/{id}/statement")),
                kind: match s.kind {
                    StatementKind::StatementOnOrigin => ctx.t("kind.statement_on_origin"),
                    StatementKind::OriginDeclaration => ctx.t("kind.origin_declaration"),
                },
                made_out_on: ctx.date(s.made_out_on),
                sha256: s.text_hash.clone(),
            })
            .collect(),
        ctx,
    };
    Ok(render::ok(&page))
}
