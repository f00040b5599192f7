//! The demo's CT-UZ certificate (the national certificate of Decree No. 311 of 30 May 2024, for goods made in
//! Uzbekistan and sold on the home market before they are exported): walnut dining tables of the Tashkent furniture
//! maker, bought and re-sold to a buyer in Bishkek. Origin is decided under the non-preferential rules, as for the
//! general form. Issued after the other certificates, so it follows them in numbering; its security code is kept
//! sealed like every new certificate's, so its PDF can be downloaded (`/exporter/certificates/{id}/certificate.pdf`).

use origo_service::Service;
use origo_store::applications::ProofKind::CtUz;

use super::goods::{Consignee, Invoices, dining_tables};
use super::parties::{Exporters, Officers};
use super::steps::{describe, issued};
use super::{DemoCertificate, Fate};

/// A furniture retailer in Kyrgyzstan.
pub const ALA_TOO_MEBEL: Consignee = Consignee {
    name: "OsOO Ala-Too Mebel",
    address: "pr. Chui 120, 720040 Bishkek",
    country: "KG",
    transport: "Road, Tashkent - Bishkek",
};

/// The CT-UZ certificate, valid.
pub async fn certificate(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
) -> anyhow::Result<DemoCertificate> {
    let exporter = &exporters.tashkent;
    let items = vec![dining_tables(12, &invoices.at("TM-2026-102", 6))];
    let certificate = issued(service, officers, exporter, CtUz, ALA_TOO_MEBEL, items, false).await?;
    Ok(DemoCertificate::new(&certificate, Fate::Valid, describe(CtUz, exporter, &ALA_TOO_MEBEL)))
}
