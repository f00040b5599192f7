//! `/officer/applications/{id}`: an application's dossier (`Service::dossier`): the consignment, each goods item
//! with its bill of materials and the engine's determination explained ([`super::explain`]), the evidence files
//! (downloads), the supplier declarations relied on, the history, and the forms of the decisions the reader's role
//! can take in the application's state. The forms post to [`super::decisions`], which shows this page again with
//! the errors next to their fields, or comes back here with `?done=<what>`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::application::State as Stage;
use origo_service::dossier::Dossier;
use origo_service::examination::state_of;
use origo_service::roles::Role;
use origo_store::bom::Material;
use origo_store::goods::GoodsItem;
use rust_decimal::Decimal;
use serde_json::Value;
use uuid::Uuid;

use super::explain::{self, DeterminationView};
use super::labels::{application_action_key, declaration_kind_key, registration_key, state_key, yes_no_key};
use super::{PagePath, form_key, reference, when};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::extract::{DoneQuery, PageQuery};
use crate::pages::nav::role_key;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// What a form of this page sends back when it is shown again with errors.
#[derive(Debug, Default)]
pub struct Forms {
    /// The examination form's choice and reasons, as typed.
    pub decision: String,
    pub reasons: String,
    pub decision_error: Option<&'static str>,
    pub reasons_error: Option<&'static str>,
    /// An error about the whole request (not originating, the four-eyes rule ...), said at the top.
    pub error: Option<String>,
}

/// One material of a bill of materials.
#[derive(Debug)]
pub struct MaterialView {
    pub line: i64,
    pub description: String,
    pub hs_code: String,
    pub origin: String,
    pub originating: &'static str,
    pub wholly_obtained: &'static str,
    pub value: String,
    pub weight: String,
    /// The supplier declaration it relies on (the supplier's name).
    pub declaration: Option<String>,
}

/// One goods item.
#[derive(Debug)]
pub struct ItemView {
    pub line: i64,
    pub hs_code: String,
    pub description: String,
    pub quantity: String,
    pub gross_weight: String,
    pub net_weight: String,
    pub invoice: String,
    pub value: String,
    pub ex_works_price: String,
    pub marks: String,
    pub processes: String,
    pub wholly_obtained: &'static str,
    pub materials: Vec<MaterialView>,
    pub determination: Option<DeterminationView>,
}

/// One evidence file.
#[derive(Debug)]
pub struct EvidenceView {
    pub name: String,
    pub href: String,
    pub media_type: String,
    pub size: String,
    pub sha256: String,
    pub uploaded: String,
}

/// One supplier declaration.
#[derive(Debug)]
pub struct DeclarationView {
    pub supplier: String,
    pub country: String,
    pub kind: &'static str,
    pub goods: String,
    pub hs_code: String,
    pub originating: &'static str,
    pub validity: String,
}

/// One record of the history.
#[derive(Debug)]
pub struct HistoryView {
    pub when: String,
    pub what: String,
    pub role: String,
    pub reason: String,
}

/// The dossier page.
#[derive(Template)]
#[template(path = "officer/application.html")]
pub struct ApplicationPage {
    pub ctx: PageCtx,
    pub id: String,
    pub reference: String,
    pub state: &'static str,
    pub kind: &'static str,
    pub high_risk: bool,
    /// The latest risk assessment (`super::risk`), once submitted.
    pub risk: Option<super::risk::RiskSection>,
    /// The exporter's declared capacity for the application's subheadings, shown in the risk section.
    pub capacity: super::capacity::CapacityBlock,
    pub exporter_href: String,
    pub exporter_name: String,
    pub exporter_tin: String,
    pub exporter_rex: String,
    pub exporter_status: &'static str,
    pub submitted: String,
    pub decided: String,
    pub examiner: String,
    pub second_signer: String,
    pub decision_reason: String,
    pub importing_country: String,
    pub consignee: String,
    pub transport: String,
    pub remarks: String,
    pub items: Vec<ItemView>,
    pub evidence: Vec<EvidenceView>,
    pub declarations: Vec<DeclarationView>,
    pub history: Vec<HistoryView>,
    /// (href, number) of each certificate issued from it.
    pub certificates: Vec<(String, String)>,
    /// What the last form did, said at the top.
    pub done: Option<&'static str>,
    pub can_flag: bool,
    pub can_examine: bool,
    pub can_second_sign: bool,
    /// The reader examined it and is the supervisor who would countersign: the four-eyes rule forbids it.
    pub four_eyes: bool,
    pub can_issue: bool,
    /// The idempotency key of the issue form.
    pub issue_key: String,
    pub forms: Forms,
}

/// The message of `?done=`, from a fixed list (nothing typed into the address is shown).
fn done_key(done: &str) -> Option<&'static str> {
    Some(match done {
        "risk_flagged" => "officer.done.risk_flagged",
        "risk_cleared" => "officer.done.risk_cleared",
        "approved" => "officer.done.approved",
        "refused" => "officer.done.refused",
        "information_requested" => "officer.done.information_requested",
        "second_signed" => "officer.done.second_signed",
        _ => return None,
    })
}

fn decimal(ctx: &PageCtx, value: Option<Decimal>) -> String {
    value.map(|v| ctx.decimal(&v)).unwrap_or_default()
}

fn kg(ctx: &PageCtx, value: Option<Decimal>) -> String {
    value.map(|v| format!("{} {}", ctx.decimal(&v), ctx.t("unit.kg"))).unwrap_or_default()
}

fn text(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn material(ctx: &PageCtx, dossier: &Dossier, m: &Material) -> MaterialView {
    MaterialView {
        line: m.line_no,
        description: m.description.clone().unwrap_or_default(),
        hs_code: m.hs_code.clone().unwrap_or_default(),
        origin: m.origin_country.clone().unwrap_or_default(),
        originating: ctx.t(yes_no_key(m.originating)),
        wholly_obtained: ctx.t(yes_no_key(m.wholly_obtained)),
        value: decimal(ctx, m.value),
        weight: kg(ctx, m.weight_kg),
        declaration: m.supplier_declaration_id.map(|id| {
            dossier.declarations.iter().find(|d| d.id == id).map_or_else(|| id.to_string(), |d| d.supplier_name.clone())
        }),
    }
}

fn item(ctx: &PageCtx, dossier: &Dossier, item: &GoodsItem, view: &origo_service::intake::ItemView) -> ItemView {
    let invoice = match (&item.invoice_number, item.invoice_date) {
        (Some(number), Some(day)) => format!("{number}, {}", ctx.date(day)),
        (Some(number), None) => number.clone(),
        (None, Some(day)) => ctx.date(day),
        (None, None) => String::new(),
    };
    let value = match (item.invoice_value, &item.currency) {
        (Some(amount), Some(currency)) => format!("{} {currency}", ctx.decimal(&amount)),
        (Some(amount), None) => ctx.decimal(&amount),
        _ => String::new(),
    };
    ItemView {
        line: item.line_no,
        hs_code: item.hs_code.clone(),
        description: item.description.clone(),
        quantity: format!("{} {}", ctx.decimal(&item.quantity), item.unit),
        gross_weight: kg(ctx, item.gross_weight_kg),
        net_weight: kg(ctx, item.net_weight_kg),
        invoice,
        value,
        ex_works_price: decimal(ctx, item.ex_works_price),
        marks: item.marks_and_packages.clone().unwrap_or_default(),
        processes: item.processes.as_ref().map(|p| p.join(", ")).unwrap_or_default(),
        wholly_obtained: ctx.t(yes_no_key(item.wholly_obtained)),
        materials: view.materials.iter().map(|m| material(ctx, dossier, m)).collect(),
        determination: view.determination.as_ref().map(|d| explain::view(ctx, d)),
    }
}

/// The page for `dossier`, as `user` sees it, with the forms' state.
pub fn build(
    ctx: PageCtx,
    user: &SignedIn,
    dossier: &Dossier,
    done: Option<&'static str>,
    forms: Forms,
) -> ApplicationPage {
    let application = &dossier.view.application;
    let stage = state_of(application);
    let role = user.caller.role();
    let examined_by_me = application.examiner_id == Some(user.caller.user_id);
    let consignment = &application.consignment;
    let consignee = consignment.get("consignee").map_or_else(String::new, |c| {
        [text(c, "name"), text(c, "address"), text(c, "country")]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let transport = match consignment.get("transport") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(fields)) => fields
            .iter()
            .filter_map(|(name, value)| value.as_str().map(|v| format!("{name}: {v}")))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let evidence = dossier
        .view
        .evidence
        .iter()
        .map(|file| EvidenceView {
            name: file.file_name.clone(),
            href: format!("/officer/applications/{}/evidence/{}", application.id, file.id),
            media_type: file.media_type.clone(),
            size: ctx.t_with("officer.bytes", &[("count", &ctx.integer(u64::try_from(file.size_bytes).unwrap_or(0)))]),
            sha256: file.sha256.clone(),
            uploaded: when(&ctx, file.uploaded_at),
        })
        .collect();
    let declarations = dossier
        .declarations
        .iter()
        .map(|d| DeclarationView {
            supplier: d.supplier_name.clone(),
            country: d.supplier_country.clone(),
            kind: ctx.t(declaration_kind_key(d.kind)),
            goods: d.goods_description.clone(),
            hs_code: d.hs_code.clone().unwrap_or_default(),
            originating: ctx.t(yes_no_key(Some(d.originating))),
            validity: match (d.valid_from, d.valid_to) {
                (Some(from), Some(to)) => format!("{} – {}", ctx.date(from), ctx.date(to)),
                (Some(from), None) => ctx.date(from),
                (None, Some(to)) => format!("– {}", ctx.date(to)),
                (None, None) => String::new(),
            },
        })
        .collect();
    let history = dossier
        .history
        .iter()
        .map(|record| HistoryView {
            when: when(&ctx, record.at),
            what: application_action_key(&record.action)
                .map_or_else(|| record.action.clone(), |key| ctx.t(key).to_owned()),
            role: record
                .actor_role
                .parse::<Role>()
                .map_or_else(|_| ctx.t("officer.role.system").to_owned(), |r| ctx.t(role_key(r)).to_owned()),
            reason: record.reason.clone().unwrap_or_default(),
        })
        .collect();
    let items = dossier.view.items.iter().map(|view| item(&ctx, dossier, &view.item, view)).collect();
    let exporter = &dossier.exporter;
    ApplicationPage {
        id: application.id.to_string(),
        reference: reference(application.id),
        state: ctx.t(state_key(stage)),
        kind: ctx.t(kind_key(application.kind.as_str())),
        high_risk: application.high_risk,
        risk: dossier.view.risk.as_ref().map(|a| super::risk::section(&ctx, a)),
        capacity: {
            let codes: Vec<&str> = dossier.view.items.iter().map(|v| v.item.hs_code.as_str()).collect();
            super::capacity::block(&ctx, &dossier.exporter.data, Some(&codes))
        },
        exporter_href: format!("/officer/registry/{}", exporter.id),
        exporter_name: exporter.data.name.clone(),
        exporter_tin: exporter.data.tin.clone(),
        exporter_rex: exporter.rex_number.clone().unwrap_or_default(),
        exporter_status: ctx.t(registration_key(exporter.status)),
        submitted: application.submitted_at.map(|at| when(&ctx, at)).unwrap_or_default(),
        decided: application.decided_at.map(|at| when(&ctx, at)).unwrap_or_default(),
        examiner: dossier.examiner_name.clone().unwrap_or_default(),
        second_signer: dossier.second_signer_name.clone().unwrap_or_default(),
        decision_reason: application.decision_reason.clone().unwrap_or_default(),
        importing_country: text(consignment, "importing_country"),
        consignee,
        transport,
        remarks: text(consignment, "remarks"),
        items,
        evidence,
        declarations,
        history,
        certificates: dossier
            .certificates
            .iter()
            .map(|(id, number)| (format!("/officer/certificates/{id}"), number.clone()))
            .collect(),
        done,
        can_flag: role == Role::Certifier && stage == Stage::Submitted,
        can_examine: role == Role::Certifier && stage == Stage::Submitted,
        can_second_sign: role == Role::Supervisor && stage == Stage::AwaitingSecondSignature && !examined_by_me,
        four_eyes: role == Role::Supervisor && stage == Stage::AwaitingSecondSignature && examined_by_me,
        can_issue: role == Role::Certifier && stage == Stage::Approved,
        issue_key: form_key(),
        forms,
        ctx,
    }
}

/// The dossier page with the forms' state, answered with `status`.
pub async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    status: StatusCode,
    forms: Forms,
) -> PageResult<Response> {
    let dossier = state.service.dossier(&user.caller, id).await?;
    Ok(render::html(status, &build(ctx, user, &dossier, None, forms)))
}

/// `GET /officer/applications/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let dossier = state.service.dossier(&user.caller, id).await?;
    let done = done_key(&query.done);
    Ok(render::ok(&build(ctx, &user, &dossier, done, Forms::default())))
}
