//! What the demo's exporters and officers did: the certificates issued (one later revoked, one replaced), the
//! statements made out by exporters, and applications left in every other state of the workflow.

use origo_service::Service;
use origo_service::examination::Examination;
use origo_service::replacement::{ConsigneeCorrection, Corrections, ReplacementRequest};
use origo_service::statements::StatementRequest;
use origo_store::applications::ProofKind::{Ct1, NonPreferential, OriginDeclaration, StatementOnOrigin};

use super::goods::{
    AGRO_HIM, ALMATY_FOOD, DALA_AGRO, HARVEST_PANTRY, HOLZ_UND_HEIM, Invoices, KAZ_KABEL, MIDLANDS_CABLE,
    MOEBELHAUS_NORD, OAK_AND_WALNUT, TEKSTIL_TORG, TEXTIL_KONTOR, ammonium_nitrate, consignment, copper_wire,
    dining_tables, dried_apricots, npk, raisins, recut_copper_wire, t_shirts,
};
use super::parties::{Exporters, Officers};
use super::steps::{application, approved, describe, issued};
use super::{DemoCertificate, DemoStatement, Fate};

/// The certificates, in the order of their numbers: valid ones first, then one revoked and one replaced (followed
/// by its replacement).
pub async fn certificates(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
) -> anyhow::Result<Vec<DemoCertificate>> {
    let e = exporters;
    let fruit = invoices.at("BQM-2026-145", 16);
    let mut made = Vec::new();
    for (exporter, kind, to, items, high_risk) in [
        (
            &e.tashkent,
            NonPreferential,
            MOEBELHAUS_NORD,
            vec![dining_tables(20, &invoices.at("TM-2026-090", 21))],
            false,
        ),
        (&e.fergana, Ct1, TEKSTIL_TORG, vec![t_shirts(8000, &invoices.at("FT-2026-0388", 18))], false),
        (&e.bukhara, Ct1, ALMATY_FOOD, vec![dried_apricots(18000, &fruit), raisins(20000, &fruit)], false),
        (&e.navoi, Ct1, AGRO_HIM, vec![ammonium_nitrate(1200, &invoices.at("ZA-2026-198", 14))], false),
        (&e.samarkand, NonPreferential, HOLZ_UND_HEIM, vec![dining_tables(15, &invoices.at("SY-120", 12))], true),
        (&e.navoi, Ct1, DALA_AGRO, vec![npk(800, &invoices.at("ZA-2026-205", 10))], false),
    ] {
        let certificate = issued(service, officers, exporter, kind, to, items, high_risk).await?;
        let mut what = describe(kind, exporter, &to);
        if high_risk {
            what.push_str("; high risk, countersigned");
        }
        made.push(DemoCertificate::new(&certificate, Fate::Valid, what));
    }

    // Revoked: the goods never left.
    let items = vec![dining_tables(5, &invoices.at("TM-2026-095", 9))];
    let certificate = issued(service, officers, &e.tashkent, NonPreferential, MOEBELHAUS_NORD, items, false).await?;
    let reasons = "The goods were returned to the exporter before export; withdrawn at the exporter's request";
    service.revoke_certificate(&officers.certifier, certificate.certificate_id, reasons).await?;
    let what = describe(NonPreferential, &e.tashkent, &MOEBELHAUS_NORD);
    made.push(DemoCertificate::new(&certificate, Fate::Revoked, what));

    // Replaced: the consignee's address was wrong; the replacement carries the corrected one.
    let items = vec![copper_wire(24000, &invoices.at("OMS-2026-052", 8))];
    let certificate = issued(service, officers, &e.almalyk, NonPreferential, MIDLANDS_CABLE, items, false).await?;
    let request = ReplacementRequest {
        reasons: "The consignee's address was wrong (unit 7 instead of unit 9); replaced with the corrected one".into(),
        corrections: Corrections {
            consignee: Some(ConsigneeCorrection {
                address: Some("Unit 9, Tyseley Industrial Estate, Birmingham B11 2AA".into()),
                ..ConsigneeCorrection::default()
            }),
            remarks: None,
        },
    };
    let replacement =
        service.replace_certificate(&officers.certifier, certificate.certificate_id, &request, None).await?;
    let what = describe(NonPreferential, &e.almalyk, &MIDLANDS_CABLE);
    made.push(DemoCertificate::new(&certificate, Fate::Replaced, what.clone()));
    let what = format!("{what}; replaces {}", certificate.number);
    made.push(DemoCertificate::new(&replacement.issued, Fate::Valid, what));
    Ok(made)
}

/// An EU GSP statement on origin and a UK DCTS origin declaration, made out by the exporters on their own
/// submitted applications.
pub async fn statements(
    service: &Service,
    exporters: &Exporters,
    invoices: &Invoices,
) -> anyhow::Result<Vec<DemoStatement>> {
    let e = exporters;
    let mut made = Vec::new();
    for (exporter, kind, to, item, place) in [
        (&e.fergana, StatementOnOrigin, TEXTIL_KONTOR, t_shirts(5000, &invoices.at("FT-2026-0401", 6)), "Fergana"),
        (
            &e.bukhara,
            OriginDeclaration,
            HARVEST_PANTRY,
            dried_apricots(6000, &invoices.at("BQM-2026-151", 5)),
            "Bukhara",
        ),
    ] {
        let reference = format!("Invoice {}", item.invoice_number.clone().unwrap_or_default());
        let id = application(service, exporter, consignment(kind, to, vec![item]), true).await?;
        let request = StatementRequest {
            place: place.into(),
            document_reference: Some(reference),
            ..StatementRequest::default()
        };
        let statement = service.make_out_statement(&exporter.caller, id, request).await?.statement;
        made.push(DemoStatement { what: describe(kind, exporter, &to), text_hash: statement.text_hash });
    }
    Ok(made)
}

/// Applications in the other states: a draft, submitted ones waiting in the queue, information requested,
/// approved awaiting the second signature, approved ready to issue, and refused.
pub async fn other_states(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
) -> anyhow::Result<()> {
    let e = exporters;
    let certifier = &officers.certifier;

    let draft = consignment(NonPreferential, OAK_AND_WALNUT, vec![dining_tables(10, &invoices.at("TM-2026-118", 1))]);
    application(service, &e.tashkent, draft, false).await?;

    let draft = consignment(Ct1, TEKSTIL_TORG, vec![t_shirts(12000, &invoices.at("FT-2026-0412", 2))]);
    application(service, &e.fergana, draft, true).await?;
    let draft = consignment(Ct1, KAZ_KABEL, vec![copper_wire(20000, &invoices.at("OMS-2026-077", 3))]);
    application(service, &e.almalyk, draft, true).await?;

    let draft = consignment(NonPreferential, HOLZ_UND_HEIM, vec![dining_tables(8, &invoices.at("SY-114", 7))]);
    let asked = application(service, &e.samarkand, draft, true).await?;
    let reasons = "Please upload the purchase invoice and the phytosanitary certificate of the sawn walnut.".into();
    service.examine_application(certifier, asked, Examination::RequestInformation { reasons }).await?;
    let draft = consignment(Ct1, DALA_AGRO, vec![npk(500, &invoices.at("ZA-2026-231", 4))]);
    let asked = application(service, &e.navoi, draft, true).await?;
    let reasons = "Please upload the suppliers' declarations for the superphosphate and the potassium chloride.".into();
    service.examine_application(certifier, asked, Examination::RequestInformation { reasons }).await?;

    let draft = consignment(NonPreferential, HOLZ_UND_HEIM, vec![dining_tables(40, &invoices.at("SY-115", 6))]);
    approved(service, officers, &e.samarkand, draft, true, false).await?;
    let draft = consignment(NonPreferential, OAK_AND_WALNUT, vec![dining_tables(6, &invoices.at("TM-2026-103", 5))]);
    approved(service, officers, &e.tashkent, draft, false, false).await?;
    let draft = consignment(Ct1, ALMATY_FOOD, vec![raisins(15000, &invoices.at("BQM-2026-160", 3))]);
    approved(service, officers, &e.bukhara, draft, false, false).await?;

    let items = vec![recut_copper_wire(6000, &invoices.at("OMS-2026-061", 6))];
    let refused = application(service, &e.almalyk, consignment(NonPreferential, MIDLANDS_CABLE, items), true).await?;
    let reasons = "Item 1 is not originating: imported wire only cut to length and spooled does not change heading, \
                   and cutting and packing are insufficient operations."
        .into();
    service.examine_application(certifier, refused, Examination::Refuse { reasons }).await?;
    let items = vec![dining_tables(3, &invoices.at("TM-2026-099", 8))];
    let refused = application(service, &e.tashkent, consignment(NonPreferential, MOEBELHAUS_NORD, items), true).await?;
    let reasons = "The invoice does not match the goods described (chairs invoiced, tables declared).".into();
    service.examine_application(certifier, refused, Examination::Refuse { reasons }).await?;
    Ok(())
}
