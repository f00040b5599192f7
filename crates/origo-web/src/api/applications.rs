//! Applications for a certificate: the request that creates one, the view of one with its items, bills of
//! materials, determinations and evidence, and the examination requests.

use origo_service::examination::state_of;
use origo_service::intake::{ApplicationDraft, ApplicationView, ItemDraft, ItemView, MaterialDraft};
use origo_store::applications::{Application, ProofKind};
use origo_store::evidence::EvidenceFile;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::common::{date_text, parse_date};
use crate::error::AppError;

/// The proof of origin applied for.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProofKindApi {
    NonPreferential,
    Ct1,
    CtUz,
    StatementOnOrigin,
    OriginDeclaration,
}

impl From<ProofKindApi> for ProofKind {
    fn from(kind: ProofKindApi) -> ProofKind {
        match kind {
            ProofKindApi::NonPreferential => ProofKind::NonPreferential,
            ProofKindApi::Ct1 => ProofKind::Ct1,
            ProofKindApi::CtUz => ProofKind::CtUz,
            ProofKindApi::StatementOnOrigin => ProofKind::StatementOnOrigin,
            ProofKindApi::OriginDeclaration => ProofKind::OriginDeclaration,
        }
    }
}

/// A party printed on the certificate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyApi {
    pub name: String,
    pub address: String,
    /// ISO alpha-2.
    pub country: String,
}

/// The consignment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consignment {
    /// ISO alpha-2.
    pub importing_country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignee: Option<PartyApi>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

/// One material of a bill of materials. Amounts are decimals (JSON numbers or strings).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialIn {
    pub description: Option<String>,
    pub hs_code: Option<String>,
    pub origin_country: Option<String>,
    pub originating: Option<bool>,
    pub wholly_obtained: Option<bool>,
    pub value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub supplier_declaration_id: Option<Uuid>,
}

/// One goods item.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemIn {
    /// Six-digit HS 2022 subheading.
    pub hs_code: String,
    pub description: String,
    /// Greater than zero.
    pub quantity: Decimal,
    pub unit: String,
    pub gross_weight_kg: Option<Decimal>,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_number: Option<String>,
    /// YYYY-MM-DD.
    pub invoice_date: Option<String>,
    pub invoice_value: Option<Decimal>,
    /// ISO 4217.
    pub currency: Option<String>,
    pub ex_works_price: Option<Decimal>,
    pub marks_and_packages: Option<String>,
    /// The processes done, as the engine names them.
    pub processes: Option<Vec<String>>,
    pub wholly_obtained: Option<bool>,
    #[serde(default)]
    pub materials: Vec<MaterialIn>,
}

/// `POST /api/v1/applications`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApplicationRequest {
    pub kind: ProofKindApi,
    pub consignment: Consignment,
    pub items: Vec<ItemIn>,
}

impl NewApplicationRequest {
    /// The service's draft; dates are read here, everything else is validated by the service.
    pub fn into_draft(self) -> Result<ApplicationDraft, AppError> {
        let mut items = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.into_iter().enumerate() {
            let invoice_date = match &item.invoice_date {
                Some(text) => Some(parse_date(&format!("items[{i}].invoice_date"), text)?),
                None => None,
            };
            items.push(ItemDraft {
                hs_code: item.hs_code,
                description: item.description,
                quantity: item.quantity,
                unit: item.unit,
                gross_weight_kg: item.gross_weight_kg,
                net_weight_kg: item.net_weight_kg,
                invoice_number: item.invoice_number,
                invoice_date,
                invoice_value: item.invoice_value,
                currency: item.currency,
                ex_works_price: item.ex_works_price,
                marks_and_packages: item.marks_and_packages,
                processes: item.processes,
                wholly_obtained: item.wholly_obtained,
                materials: item
                    .materials
                    .into_iter()
                    .map(|m| MaterialDraft {
                        description: m.description,
                        hs_code: m.hs_code,
                        origin_country: m.origin_country,
                        originating: m.originating,
                        wholly_obtained: m.wholly_obtained,
                        value: m.value,
                        weight_kg: m.weight_kg,
                        supplier_declaration_id: m.supplier_declaration_id,
                    })
                    .collect(),
            });
        }
        let consignment = serde_json::to_value(&self.consignment).map_err(AppError::internal)?;
        Ok(ApplicationDraft { kind: self.kind.into(), consignment, items })
    }
}

/// An application (without its items).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationOut {
    pub id: Uuid,
    pub exporter_id: Uuid,
    /// non_preferential, ct1, ct_uz, statement_on_origin or origin_declaration.
    pub kind: String,
    /// draft, submitted, information_requested, awaiting_second_signature, approved, refused or issued.
    pub state: String,
    #[schema(value_type = Object)]
    pub consignment: Value,
    pub high_risk: bool,
    pub examiner_id: Option<Uuid>,
    pub second_signer_id: Option<Uuid>,
    pub decision_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<OffsetDateTime>,
    pub version: i64,
}

fn state_name(application: &Application) -> String {
    serde_json::to_value(state_of(application)).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl From<Application> for ApplicationOut {
    fn from(a: Application) -> ApplicationOut {
        ApplicationOut {
            state: state_name(&a),
            id: a.id,
            exporter_id: a.exporter_id,
            kind: a.kind.as_str().to_owned(),
            consignment: a.consignment,
            high_risk: a.high_risk,
            examiner_id: a.examiner_id,
            second_signer_id: a.second_signer_id,
            decision_reason: a.decision_reason,
            created_at: a.created_at,
            updated_at: a.updated_at,
            submitted_at: a.submitted_at,
            decided_at: a.decided_at,
            version: a.version,
        }
    }
}

/// A material as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialOut {
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

/// The engine's determination for an item, with its trace and the rule pack's version.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeterminationOut {
    /// originating, not_originating or undetermined.
    pub outcome: String,
    pub criterion: Option<String>,
    pub scheme: String,
    pub rule_pack_version: String,
    /// The whole determination, trace included.
    #[schema(value_type = Object)]
    pub result: Value,
}

/// A goods item with its bill of materials and latest determination.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemOut {
    pub id: Uuid,
    pub line_no: i64,
    pub hs_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit: String,
    pub gross_weight_kg: Option<Decimal>,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_number: Option<String>,
    pub invoice_date: Option<String>,
    pub invoice_value: Option<Decimal>,
    pub currency: Option<String>,
    pub ex_works_price: Option<Decimal>,
    pub processes: Option<Vec<String>>,
    pub wholly_obtained: Option<bool>,
    pub materials: Vec<MaterialOut>,
    pub determination: Option<DeterminationOut>,
}

impl From<ItemView> for ItemOut {
    fn from(v: ItemView) -> ItemOut {
        let item = v.item;
        ItemOut {
            id: item.id,
            line_no: item.line_no,
            hs_code: item.hs_code,
            description: item.description,
            quantity: item.quantity,
            unit: item.unit,
            gross_weight_kg: item.gross_weight_kg,
            net_weight_kg: item.net_weight_kg,
            invoice_number: item.invoice_number,
            invoice_date: item.invoice_date.map(date_text),
            invoice_value: item.invoice_value,
            currency: item.currency,
            ex_works_price: item.ex_works_price,
            processes: item.processes,
            wholly_obtained: item.wholly_obtained,
            materials: v
                .materials
                .into_iter()
                .map(|m| MaterialOut {
                    line_no: m.line_no,
                    description: m.description,
                    hs_code: m.hs_code,
                    origin_country: m.origin_country,
                    originating: m.originating,
                    wholly_obtained: m.wholly_obtained,
                    value: m.value,
                    weight_kg: m.weight_kg,
                    supplier_declaration_id: m.supplier_declaration_id,
                })
                .collect(),
            determination: v.determination.map(|d| DeterminationOut {
                outcome: d.outcome.as_str().to_owned(),
                criterion: d.criterion,
                scheme: d.scheme,
                rule_pack_version: d.rule_pack_version,
                result: d.result,
            }),
        }
    }
}

/// An evidence file's record.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceOut {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub uploaded_at: OffsetDateTime,
}

impl From<EvidenceFile> for EvidenceOut {
    fn from(f: EvidenceFile) -> EvidenceOut {
        EvidenceOut {
            id: f.id,
            file_name: f.file_name,
            media_type: f.media_type,
            size_bytes: f.size_bytes,
            sha256: f.sha256,
            uploaded_at: f.uploaded_at,
        }
    }
}

/// An application with everything attached.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationDetail {
    pub application: ApplicationOut,
    pub items: Vec<ItemOut>,
    pub evidence: Vec<EvidenceOut>,
    /// The latest risk assessment, for officers and the read-only roles; absent for the exporter (who must not
    /// learn the indicators) and while the application was never submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<crate::api::risk::RiskAssessmentOut>,
}

impl From<ApplicationView> for ApplicationDetail {
    fn from(v: ApplicationView) -> ApplicationDetail {
        ApplicationDetail {
            application: v.application.into(),
            items: v.items.into_iter().map(ItemOut::from).collect(),
            evidence: v.evidence.into_iter().map(EvidenceOut::from).collect(),
            risk: v.risk.map(crate::api::risk::RiskAssessmentOut::from),
        }
    }
}

/// A certifier's examination decision.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExaminationVerdict {
    Approve,
    Refuse,
    RequestInformation,
}

/// `POST /api/v1/applications/{id}/examination`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExaminationRequest {
    pub decision: ExaminationVerdict,
    /// Required to refuse or to request information.
    #[serde(default)]
    pub reasons: String,
}

/// `POST /api/v1/applications/{id}/risk`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskRequest {
    pub high_risk: bool,
}

/// `POST /api/v1/applications/{id}/evidence` as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    pub file_name: String,
    /// application/pdf, image/png, image/jpeg, application/xml or text/plain.
    pub media_type: String,
    /// The bytes, standard base64.
    pub content_base64: String,
}

/// `?state=` of the application list (officers; an exporter always sees its own).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ApplicationListQuery {
    /// draft, submitted, information_requested, approved, refused or issued; submitted when absent.
    pub state: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<Uuid>,
}

/// `?file_name=` of a raw evidence upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RawEvidenceQuery {
    pub file_name: String,
}
