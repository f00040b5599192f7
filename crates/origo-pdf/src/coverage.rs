//! Refuses text the embedded fonts cannot print, naming the field, before anything is laid out: a certificate
//! must never show an empty box where a letter of a name should be.

use origo_documents::certificate::Certificate;

use crate::fonts::Face;
use crate::{PdfError, RenderOptions};

/// Every printed text of the certificate and options with its JSON path.
fn texts<'a>(certificate: &'a Certificate, options: &'a RenderOptions) -> Vec<(String, &'a str)> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    let mut add = |path: &str, text: Option<&'a str>| {
        if let Some(text) = text {
            texts.push((path.to_owned(), text));
        }
    };
    let exporter = &certificate.exporter;
    add("exporter.name", Some(&exporter.name));
    add("exporter.address", Some(&exporter.address));
    add("exporter.tin", exporter.tin.as_deref());
    if let Some(body) = &certificate.issuing_body {
        add("issuing_body.name", Some(&body.name));
        add("issuing_body.address", body.address.as_deref());
    }
    if let Some(consignee) = &certificate.consignee {
        add("consignee.name", Some(&consignee.name));
        add("consignee.address", Some(&consignee.address));
    }
    if let Some(t) = &certificate.transport {
        add("transport.means", t.means.as_deref());
        add("transport.route", t.route.as_deref());
        add("transport.port_of_loading", t.port_of_loading.as_deref());
        add("transport.port_of_discharge", t.port_of_discharge.as_deref());
    }
    if let Some(d) = &certificate.exporter_declaration {
        add("exporter_declaration.place", Some(&d.place));
        add("exporter_declaration.signatory", Some(&d.signatory));
    }
    if let Some(c) = &certificate.certification {
        add("certification.place", Some(&c.place));
        add("certification.officer", Some(&c.officer));
        add("certification.seal", c.seal.as_deref());
    }
    add("remarks", certificate.remarks.as_deref());
    add("security_code", Some(&options.security_code));
    add("verification_url", Some(&options.verification_url));
    for (i, item) in certificate.items.iter().enumerate() {
        let mut add_item = |field: &str, text: Option<&'a str>| {
            if let Some(text) = text {
                texts.push((format!("items[{i}].{field}"), text));
            }
        };
        add_item("marks", Some(&item.marks));
        add_item("packages.kind", Some(&item.packages.kind));
        add_item("description", Some(&item.description));
        add_item("quantity.unit", item.quantity.as_ref().map(|q| q.unit.as_str()));
        add_item("invoice.number", item.invoice.as_ref().map(|i| i.number.as_str()));
        add_item("value.currency", item.value.as_ref().map(|v| v.currency.as_str()));
    }
    texts
}

/// The first character of the certificate or options that either face lacks, with its field.
pub(crate) fn check(certificate: &Certificate, options: &RenderOptions) -> Result<(), PdfError> {
    for (field, text) in texts(certificate, options) {
        // Spaces and line feeds are not drawn; any other character is, and needs a glyph in both faces (names and
        // codes are set in bold).
        let printable = |c: char| matches!(c, '\n' | '\t' | ' ') || (Face::Regular.covers(c) && Face::Bold.covers(c));
        let missing = text.chars().find(|&c| !printable(c));
        if let Some(character) = missing {
            return Err(PdfError::UnsupportedCharacter { field, character });
        }
    }
    Ok(())
}
