//! The demo's post-clearance control: customs controls the high-risk Samarkand furniture certificate (a control
//! case with two findings, one with a site-visit note, and a revocation proposal waiting for the certifying body);
//! the German authority records the use of the Tashkent dining tables certificate at import, one declaration too
//! many (an over-use flag); and a supplier declaration of cotton yarn that Fergana Tekstil's pending applications
//! rely on is revoked by the certifier (a flag per application).

use anyhow::Context;
use origo_service::control::cases::{CaseSubject, Upload};
use origo_service::control::utilisation::NewUse;
use origo_service::{Caller, Service};
use origo_store::applications::ProofKind::Ct1;
use origo_store::proposals::TargetKind;
use origo_store::supplier_declarations::{DeclarationKind, NewSupplierDeclaration};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::DemoCertificate;
use super::goods::{Invoices, TEKSTIL_TORG, consignment, t_shirts};
use super::parties::{Exporters, Officers};
use super::steps::application;

/// The demo user `username` as a caller (built from its row, as a sign-in would).
async fn caller(service: &Service, username: &str) -> anyhow::Result<Caller> {
    let mut conn = service.store().conn().await?;
    let user = origo_store::users::find_by_username(&mut conn, username)
        .await?
        .with_context(|| format!("no demo user {username}"))?;
    Ok(Caller::session(user.id, user.role, user.exporter_id, user.country))
}

async fn certificate_id(service: &Service, number: &str) -> anyhow::Result<Uuid> {
    let mut conn = service.store().conn().await?;
    let issuer = &service.config().issuer_code;
    let found = origo_store::certificates::find_by_number(&mut conn, issuer, number).await?;
    Ok(found.with_context(|| format!("no certificate {number}"))?.id)
}

/// Fills the control cases, utilisation and flags. `certificates` are the demo's, in the order issued.
pub async fn fill(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
    certificates: &[DemoCertificate],
) -> anyhow::Result<()> {
    let customs = caller(service, "customs").await?;
    let germany = caller(service, "foreign.de").await?;

    // A control case on the high-risk furniture certificate bound for Holz und Heim, with a pending proposal.
    let audited = certificates.iter().find(|c| c.what.contains("high risk")).context("the high-risk certificate")?;
    let grounds = "Risk profile: unit value of dining tables 40% below the exporter's history; new buyer";
    let subject = CaseSubject::CertificateNumber(audited.number.clone());
    let case = service.open_control_case(&customs, subject, grounds).await?;
    let visit = Upload {
        file_name: "site-visit-samarkand.txt".into(),
        media_type: "text/plain".into(),
        bytes: "Site visit, 7 Registan street: two CNC routers, no kiln for drying walnut; stock of finished \
                tables below the quantity exported."
            .as_bytes()
            .to_vec(),
    };
    let finding = "Site visit: the workshop has no kiln; the walnut was bought kiln-dried, which the bill of \
                   materials says, but the stock does not match the quantity exported";
    service.record_finding(&customs, case.id, finding, vec![visit]).await?;
    let finding = "Purchase invoices for walnut cover 9 of the 15 tables certified";
    service.record_finding(&customs, case.id, finding, Vec::new()).await?;
    let grounds = "Materials for 6 of the 15 tables are not accounted for: origin not shown for the consignment";
    service.propose_revocation(&customs, case.id, TargetKind::Certificate, grounds).await?;

    // Utilisation in Germany of the 20 dining tables: 12 + 9 pieces cleared, one more than certified.
    let tables = certificates.first().context("the first demo certificate")?;
    let id = certificate_id(service, &tables.number).await?;
    for (pieces, declaration) in [(12, "DE-ATLAS-26-004711 line 1"), (9, "DE-ATLAS-26-005230 line 1")] {
        let new = NewUse {
            item_no: 1,
            quantity: Decimal::from(pieces),
            declaration_ref: declaration.into(),
            security_code: None,
        };
        service.record_utilisation(&germany, id, new).await?;
    }

    // A supplier declaration revoked: Fergana Tekstil's pending applications relied on it.
    let fergana = &exporters.fergana;
    let yarn = NewSupplierDeclaration {
        exporter_id: Uuid::nil(),
        supplier_name: "Quva Yigiruv LLC".into(),
        supplier_country: "UZ".into(),
        kind: DeclarationKind::LongTerm,
        goods_description: "Ginned cotton and cotton yarn".into(),
        hs_code: Some("520100".into()),
        originating: true,
        valid_from: Some(invoices.today.replace_day(1)?),
        valid_to: None,
        evidence_file_id: None,
    };
    let declaration = service.add_supplier_declaration(&fergana.caller, yarn).await?;
    for (invoice, submit) in [("FT-2026-0415", false), ("FT-2026-0416", true)] {
        let mut item = t_shirts(3000, &invoices.at(invoice, 2));
        item.materials[0].supplier_declaration_id = Some(declaration.id);
        application(service, fergana, consignment(Ct1, TEKSTIL_TORG, vec![item]), submit).await?;
    }
    let reasons =
        "The supplier's own purchases show cotton from outside Uzbekistan; the declaration cannot be relied on";
    service.revoke_supplier_declaration(&officers.certifier, declaration.id, reasons).await?;
    Ok(())
}
