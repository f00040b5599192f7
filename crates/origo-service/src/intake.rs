//! Applications as the exporter fills them in: consignment data, goods items with their bills of materials,
//! evidence files (SHA-256, size limit, type checked against the bytes) and supplier declarations.

use origo_store::applications::{self, Application, ProofKind};
use origo_store::bom::{self, Material};
use origo_store::determinations::{self, StoredDetermination};
use origo_store::evidence::{self, EvidenceContent, EvidenceFile};
use origo_store::exporters::{self, ExporterStatus};
use origo_store::goods::{self, GoodsItem};
use origo_store::supplier_declarations::{self, NewSupplierDeclaration, SupplierDeclaration};
use origo_store::{StoreError, Tx};
use rust_decimal::Decimal;
use serde_json::Value;
use time::Date;
use uuid::Uuid;

use crate::access::Caller;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Why an application could not be created, changed or read.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A field is wrong; `field` is its path in the request (`items[0].hs_code`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("the exporter is not registered")]
    ExporterNotRegistered,
    #[error("the application can no longer be changed")]
    NotEditable,
    #[error("the file is larger than {limit} bytes")]
    FileTooLarge { limit: usize },
    #[error("files of type `{0}` are not accepted, or the content is not of that type")]
    UnsupportedFileType(String),
    #[error("this file is already attached")]
    DuplicateFile,
    #[error("application not found")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for IntakeError {
    fn from(error: StoreError) -> IntakeError {
        match error {
            StoreError::NotFound { .. } => IntakeError::NotFound,
            e if e.is_unique("evidence_files_application_id_sha256_key") => IntakeError::DuplicateFile,
            e => IntakeError::Store(e),
        }
    }
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> IntakeError {
    IntakeError::Invalid { field: field.into(), message: message.into() }
}

/// One material of a bill of materials, in the engine's terms.
#[derive(Debug, Clone, Default)]
pub struct MaterialDraft {
    pub description: Option<String>,
    pub hs_code: Option<String>,
    pub origin_country: Option<String>,
    pub originating: Option<bool>,
    pub wholly_obtained: Option<bool>,
    pub value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub supplier_declaration_id: Option<Uuid>,
}

/// One goods item with its bill of materials.
#[derive(Debug, Clone, Default)]
pub struct ItemDraft {
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
    pub materials: Vec<MaterialDraft>,
}

/// A new application. `consignment` is an object with at least `importing_country`; `consignee`
/// (`name`, `address`, `country`) and `transport` are printed on the certificate when present.
#[derive(Debug, Clone)]
pub struct ApplicationDraft {
    pub kind: ProofKind,
    pub consignment: Value,
    pub items: Vec<ItemDraft>,
}

/// An application with everything attached, as an authorized reader sees it.
#[derive(Debug, Clone)]
pub struct ApplicationView {
    pub application: Application,
    pub items: Vec<ItemView>,
    pub evidence: Vec<EvidenceFile>,
    /// The latest risk assessment, for a caller who may read it (never the exporter); `None` otherwise or when
    /// the application was never submitted.
    pub risk: Option<origo_store::risk_assessments::RiskAssessment>,
}

/// A goods item with its materials and the engine's latest determination.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: GoodsItem,
    pub materials: Vec<Material>,
    pub determination: Option<StoredDetermination>,
}

/// Media types accepted as evidence, with the first bytes their content must start with.
pub(crate) const EVIDENCE_TYPES: &[(&str, &[u8])] = &[
    ("application/pdf", b"%PDF-"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", b"\xff\xd8\xff"),
    ("application/xml", b"<"),
    ("text/plain", b""),
];

fn check_amount(value: Option<Decimal>, field: impl Fn() -> String) -> Result<(), IntakeError> {
    match value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err(invalid(field(), "must not be negative")),
        _ => Ok(()),
    }
}

fn check_hs(code: &str, field: impl Fn() -> String) -> Result<(), IntakeError> {
    let parsed = origo_rules::hs::HsCode::parse(code).map_err(|e| invalid(field(), e.to_string()))?;
    if parsed.digit_count() != 6 || !origo_rules::hs::Nomenclature::hs2022().contains(parsed) {
        return Err(invalid(field(), format!("'{code}' is not an HS 2022 subheading")));
    }
    Ok(())
}

fn check_country(code: &str, field: impl Fn() -> String) -> Result<(), IntakeError> {
    if origo_rules::countries::is_iso_alpha2(code) {
        Ok(())
    } else {
        Err(invalid(field(), "not an ISO alpha-2 country"))
    }
}

/// Checks a draft whole before anything is written, so that a bad request writes nothing.
pub fn validate_draft(draft: &ApplicationDraft) -> Result<(), IntakeError> {
    let importing = draft.consignment.get("importing_country").and_then(Value::as_str);
    match importing {
        Some(code) => check_country(code, || "consignment.importing_country".into())?,
        None => return Err(invalid("consignment.importing_country", "is required")),
    }
    if draft.items.is_empty() {
        return Err(invalid("items", "at least one goods item is required"));
    }
    for (i, item) in draft.items.iter().enumerate() {
        let at = |name: &str| format!("items[{i}].{name}");
        check_hs(&item.hs_code, || at("hs_code"))?;
        if item.description.trim().is_empty() {
            return Err(invalid(at("description"), "must not be empty"));
        }
        if item.quantity <= Decimal::ZERO {
            return Err(invalid(at("quantity"), "must be greater than zero"));
        }
        if item.unit.trim().is_empty() {
            return Err(invalid(at("unit"), "must not be empty"));
        }
        for (value, name) in [
            (item.gross_weight_kg, "gross_weight_kg"),
            (item.net_weight_kg, "net_weight_kg"),
            (item.invoice_value, "invoice_value"),
            (item.ex_works_price, "ex_works_price"),
        ] {
            check_amount(value, || at(name))?;
        }
        if let (Some(net), Some(gross)) = (item.net_weight_kg, item.gross_weight_kg)
            && net > gross
        {
            return Err(invalid(at("net_weight_kg"), "exceeds the gross weight"));
        }
        if let Some(currency) = &item.currency
            && !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(invalid(at("currency"), "not an ISO 4217 code"));
        }
        for (j, material) in item.materials.iter().enumerate() {
            let at = |name: &str| format!("items[{i}].materials[{j}].{name}");
            if let Some(hs) = &material.hs_code {
                let parsed = origo_rules::hs::HsCode::parse(hs).map_err(|e| invalid(at("hs_code"), e.to_string()))?;
                if !origo_rules::hs::Nomenclature::hs2022().contains(parsed) {
                    return Err(invalid(at("hs_code"), format!("'{hs}' is not in HS 2022")));
                }
            }
            if let Some(country) = &material.origin_country {
                check_country(country, || at("origin_country"))?;
            }
            check_amount(material.value, || at("value"))?;
            check_amount(material.weight_kg, || at("weight_kg"))?;
        }
    }
    Ok(())
}

pub(crate) async fn add_items(
    tx: &mut Tx,
    actor: &origo_store::Actor,
    application_id: Uuid,
    items: &[ItemDraft],
) -> Result<(), StoreError> {
    for (i, item) in items.iter().enumerate() {
        let new = goods::NewGoodsItem {
            application_id,
            line_no: i as i64 + 1,
            hs_code: item.hs_code.clone(),
            description: item.description.clone(),
            quantity: item.quantity,
            unit: item.unit.clone(),
            gross_weight_kg: item.gross_weight_kg,
            net_weight_kg: item.net_weight_kg,
            invoice_number: item.invoice_number.clone(),
            invoice_date: item.invoice_date,
            invoice_value: item.invoice_value,
            currency: item.currency.clone(),
            ex_works_price: item.ex_works_price,
            marks_and_packages: item.marks_and_packages.clone(),
            processes: item.processes.clone(),
            wholly_obtained: item.wholly_obtained,
        };
        let stored = goods::add(tx, actor, &new).await?;
        for (j, m) in item.materials.iter().enumerate() {
            let material = bom::NewMaterial {
                goods_item_id: stored.id,
                line_no: j as i64 + 1,
                description: m.description.clone(),
                hs_code: m.hs_code.clone(),
                origin_country: m.origin_country.clone(),
                originating: m.originating,
                wholly_obtained: m.wholly_obtained,
                value: m.value,
                weight_kg: m.weight_kg,
                supplier_declaration_id: m.supplier_declaration_id,
            };
            bom::add(tx, actor, &material).await?;
        }
    }
    Ok(())
}

impl Service {
    /// An exporter creates an application with its goods items and bills of materials, in one transaction.
    pub async fn create_application(
        &self,
        caller: &Caller,
        draft: ApplicationDraft,
    ) -> Result<Application, IntakeError> {
        caller.may(Action::CreateApplication, &Resource::default())?;
        let exporter_id = caller.exporter_id().ok_or(IntakeError::ExporterNotRegistered)?;
        validate_draft(&draft)?;
        let mut tx = self.store.begin().await?;
        // Any exporter may make out a statement on origin for originating products worth up to EUR 6 000 (checked
        // when it is made out); certificates need a registration in force.
        let self_certified = matches!(draft.kind, ProofKind::StatementOnOrigin | ProofKind::OriginDeclaration);
        if exporters::get(&mut tx, exporter_id).await?.status != ExporterStatus::Registered && !self_certified {
            return Err(IntakeError::ExporterNotRegistered);
        }
        let actor = caller.audit_actor(self.clock.now());
        let new = applications::NewApplication {
            exporter_id,
            issuer_code: self.config.issuer_code.clone(),
            kind: draft.kind,
            consignment: draft.consignment.clone(),
        };
        let application = applications::create(&mut tx, &actor, &new).await?;
        add_items(&mut tx, &actor, application.id, &draft.items).await?;
        tx.commit().await?;
        Ok(application)
    }

    /// Loads an application the caller may do `action` on.
    pub(crate) async fn application_for(
        &self,
        db: &mut impl origo_store::Db,
        caller: &Caller,
        action: Action,
        id: Uuid,
    ) -> Result<Application, IntakeError> {
        let application = applications::get(db, id).await?;
        let owner = application.exporter_id.to_string();
        let examiner = application.examiner_id.map(|e| e.to_string());
        let resource =
            Resource { exporter_id: Some(&owner), importing_country: None, examiner_id: examiner.as_deref() };
        match caller.may(action, &resource) {
            Err(Denied::NotVisible) => Err(IntakeError::NotFound),
            other => Ok(other.map(|()| application)?),
        }
    }

    /// Attaches an evidence file: at most the configured size, of an accepted type whose content matches.
    pub async fn add_evidence(
        &self,
        caller: &Caller,
        application_id: Uuid,
        file_name: &str,
        media_type: &str,
        bytes: Vec<u8>,
    ) -> Result<EvidenceFile, IntakeError> {
        if bytes.len() > self.config.max_evidence_bytes {
            return Err(IntakeError::FileTooLarge { limit: self.config.max_evidence_bytes });
        }
        let magic = EVIDENCE_TYPES.iter().find(|(t, _)| *t == media_type).map(|(_, m)| *m);
        let matches = match magic {
            Some(b"") => std::str::from_utf8(&bytes).is_ok(),
            Some(magic) => bytes.starts_with(magic),
            None => false,
        };
        if !matches {
            return Err(IntakeError::UnsupportedFileType(media_type.to_owned()));
        }
        if file_name.trim().is_empty() || file_name.len() > 255 {
            return Err(invalid("file_name", "must have 1 to 255 characters"));
        }
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::EditApplication, application_id).await?;
        if !application.state.is_editable() {
            return Err(IntakeError::NotEditable);
        }
        let new = evidence::NewEvidence {
            application_id,
            file_name: file_name.to_owned(),
            media_type: media_type.to_owned(),
            content: EvidenceContent::Bytes(bytes),
        };
        let file = evidence::add(&mut tx, &caller.audit_actor(self.clock.now()), &new).await?;
        tx.commit().await?;
        Ok(file)
    }

    /// Records a supplier declaration for the caller's exporter.
    pub async fn add_supplier_declaration(
        &self,
        caller: &Caller,
        mut new: NewSupplierDeclaration,
    ) -> Result<SupplierDeclaration, IntakeError> {
        caller.may(Action::EditApplication, &Resource::default())?;
        new.exporter_id = caller.exporter_id().ok_or(IntakeError::ExporterNotRegistered)?;
        check_country(&new.supplier_country, || "supplier_country".into())?;
        if let Some(hs) = &new.hs_code {
            origo_rules::hs::HsCode::parse(hs).map_err(|e| invalid("hs_code", e.to_string()))?;
        }
        let mut tx = self.store.begin().await?;
        let declaration = supplier_declarations::create(&mut tx, &caller.audit_actor(self.clock.now()), &new).await?;
        tx.commit().await?;
        Ok(declaration)
    }

    /// An application with its items, materials, latest determinations and evidence.
    pub async fn application(&self, caller: &Caller, id: Uuid) -> Result<ApplicationView, IntakeError> {
        let mut snapshot = self.store.snapshot().await?;
        let application = self.application_for(&mut snapshot, caller, Action::ReadApplication, id).await?;
        let mut items = Vec::new();
        for item in goods::list(&mut snapshot, id).await? {
            let materials = bom::list(&mut snapshot, item.id).await?;
            let determination = determinations::latest_for_item(&mut snapshot, item.id).await?;
            items.push(ItemView { item, materials, determination });
        }
        let evidence = evidence::list(&mut snapshot, id).await?;
        let risk = self.risk_for_view(&mut snapshot, caller, id).await?;
        snapshot.finish().await?;
        Ok(ApplicationView { application, items, evidence, risk })
    }

    /// Applications, a page: an exporter's own, or (officers) those in `state`.
    pub async fn applications(
        &self,
        caller: &Caller,
        state: Option<applications::ApplicationState>,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Application>, IntakeError> {
        caller.may(Action::ReadApplication, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        let list = match (caller.exporter_id(), state) {
            (Some(own), _) => applications::list_for_exporter(&mut conn, own, after, limit).await?,
            (None, Some(state)) => applications::list_in_state(&mut conn, state, after, limit).await?,
            (None, None) if caller.role() == crate::roles::Role::Exporter => Vec::new(),
            (None, None) => {
                applications::list_in_state(&mut conn, applications::ApplicationState::Submitted, after, limit).await?
            }
        };
        Ok(list)
    }
}
