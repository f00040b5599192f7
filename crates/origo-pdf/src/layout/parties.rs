//! Boxes 1 to 6 of the first page: exporter, consignee, transport, remarks, country of origin, importing country.

use origo_documents::certificate::Certificate;

use super::block::{Block, Cell, VALUE, VALUE_BOLD, row};
use crate::Language;
use crate::countries;
use crate::format;
use crate::labels::Label;
use crate::page::CONTENT_WIDTH;

/// Printed in a box whose facts are not known.
const NONE: &str = "—";

fn exporter(certificate: &Certificate, language: Language) -> Cell {
    let e = &certificate.exporter;
    let tin = e.tin.as_ref().map(|tin| format::field(Label::Tin, language, tin));
    let rex = e.rex.as_ref().map(|rex| format::field(Label::Rex, language, rex.as_str()));
    Cell::headed(Some(1), Label::Exporter.bi(language))
        .line(e.name.clone(), VALUE_BOLD)
        .line(e.address.clone(), VALUE)
        .line(countries::name(&e.country, language), VALUE)
        .line(tin.unwrap_or_default(), VALUE)
        .line(rex.unwrap_or_default(), VALUE)
}

fn consignee(certificate: &Certificate, language: Language) -> Cell {
    let cell = Cell::headed(Some(2), Label::Consignee.bi(language));
    match &certificate.consignee {
        Some(c) => cell
            .line(c.name.clone(), VALUE_BOLD)
            .line(c.address.clone(), VALUE)
            .line(countries::name(&c.country, language), VALUE),
        None => cell.line(NONE, VALUE),
    }
}

fn transport(certificate: &Certificate, language: Language) -> Cell {
    let cell = Cell::headed(Some(3), Label::Transport.bi(language));
    let Some(t) = &certificate.transport else { return cell.line(NONE, VALUE) };
    let departure = t.departure_date.map(|d| format::date(d, language));
    let fields = [
        (Label::Means, t.means.clone()),
        (Label::Route, t.route.clone()),
        (Label::Loading, t.port_of_loading.clone()),
        (Label::Discharge, t.port_of_discharge.clone()),
        (Label::Departure, departure),
    ];
    let mut cell = cell;
    let mut any = false;
    for (label, value) in fields {
        if let Some(value) = value {
            cell = cell.line(format::field(label, language, &value), VALUE);
            any = true;
        }
    }
    if any { cell } else { cell.line(NONE, VALUE) }
}

fn remarks(certificate: &Certificate, language: Language) -> Cell {
    Cell::headed(Some(4), Label::Remarks.bi(language)).line(certificate.remarks.clone().unwrap_or_default(), VALUE)
}

/// Boxes 1 to 6: exporter and consignee side by side, then transport, remarks and the two countries.
pub(crate) fn parties(certificate: &Certificate, language: Language) -> Block {
    let half = CONTENT_WIDTH / 2.0;
    let country = 0.16 * CONTENT_WIDTH;
    let remarks_width = CONTENT_WIDTH - half - 2.0 * country;
    let mut block = row(&[(exporter(certificate, language), half), (consignee(certificate, language), half)]);
    let origin = Cell::headed(Some(5), Label::CountryOfOrigin.bi(language))
        .line(countries::name(&certificate.country_of_origin, language), VALUE_BOLD);
    let importing = Cell::headed(Some(6), Label::ImportingCountry.bi(language))
        .line(countries::name(&certificate.importing_country, language), VALUE_BOLD);
    block.stack(&row(&[
        (transport(certificate, language), half),
        (remarks(certificate, language), remarks_width),
        (origin, country),
        (importing, country),
    ]));
    block
}
