//! How the certificate's values are written on the form: dates, weights, quantities, packages, invoices.
//!
//! Values are printed as they are in the certificate (decimals exactly as signed); only the small words around them
//! (`gross`, `kg`) follow the chosen language, since the column labels carry the English.

use origo_documents::Date;
use origo_documents::certificate::{GoodsItem, Packages};

use crate::Language;
use crate::labels::Label;

/// `14.03.2026` in Uzbek and Russian, `2026-03-14` in English (unambiguous for readers of either day order).
pub(crate) fn date(date: Date, language: Language) -> String {
    match language {
        Language::En => date.to_string(),
        Language::Uz | Language::Ru => format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year()),
    }
}

/// `41 cartons`, or the kind alone for unpacked goods (`in bulk`).
pub(crate) fn packages(packages: &Packages) -> String {
    if packages.count == 0 { packages.kind.clone() } else { format!("{} {}", packages.count, packages.kind) }
}

/// The quantity and weights of an item, one per line: `1225 PCE`, `gross 510.50 kg`, `net 490.25 kg`.
pub(crate) fn quantity(item: &GoodsItem, language: Language) -> String {
    let kg = Label::Kg.get(language);
    let mut lines = Vec::new();
    if let Some(quantity) = &item.quantity {
        lines.push(format!("{} {}", quantity.value, quantity.unit));
    }
    if let Some(gross) = item.gross_weight_kg {
        lines.push(format!("{} {gross} {kg}", Label::Gross.get(language)));
    }
    if let Some(net) = item.net_weight_kg {
        lines.push(format!("{} {net} {kg}", Label::Net.get(language)));
    }
    lines.join("\n")
}

/// Invoice number, invoice date and value, one per line.
pub(crate) fn invoice(item: &GoodsItem, language: Language) -> String {
    let mut lines = Vec::new();
    if let Some(invoice) = &item.invoice {
        lines.push(invoice.number.clone());
        lines.push(date(invoice.date, language));
    }
    if let Some(value) = &item.value {
        lines.push(format!("{} {}", value.amount, value.currency));
    }
    lines.join("\n")
}

/// A label with its English and the value on one line, `Маршрут / Route: Tashkent - Almaty`.
pub(crate) fn field(label: Label, language: Language, value: &str) -> String {
    format!("{}: {value}", label.bi(language).joined())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d: Date = "2026-03-04".parse().unwrap();
        assert_eq!(date(d, Language::Ru), "04.03.2026");
        assert_eq!(date(d, Language::Uz), "04.03.2026");
        assert_eq!(date(d, Language::En), "2026-03-04");
    }

    #[test]
    fn packages_in_bulk_have_no_count() {
        assert_eq!(packages(&Packages { count: 0, kind: "in bulk".into() }), "in bulk");
        assert_eq!(packages(&Packages { count: 12, kind: "cartons".into() }), "12 cartons");
    }
}
