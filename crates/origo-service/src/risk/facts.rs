//! The risk engine's facts for each goods item of an application, from what the store knows at submission.
//!
//! | fact | from |
//! |---|---|
//! | exporter, role, registration date | the registration: its name, its main activity (Annex 22-06: production or trading), `valid_from` |
//! | scheme | the proof applied for (`examination::scheme_for`) |
//! | subheading, quantity, value, destination | the goods item (net weight in kg, invoice value converted into the configured currency with the reference rate on or before the invoice's date, else the submission's: see [`super::history`]) and the consignment's importing country |
//! | MaxNOM used and its ceiling | the item's determination, read back from its trace ([`super::trace`]) |
//! | declared capacity | the registration's capacity line for the item's subheading (exact six-digit match, kg a year), for a producer; none for a trader or an undeclared subheading (the indicator stays silent) |
//! | inputs | the bill of materials: each material's HS code (a heading padded to six digits) and origin country |
//! | verification record | requests answered "not confirmed" or "cannot be determined" (failed), and those unanswered past their deadline |
//! | supplier declarations | those the item's materials rely on, with their end of validity |
//! | control record | the exporter's flags (over-use, use in two countries, revoked supplier declarations relied on) |
//!
//! The date of the export is the day of submission.

use origo_risk::ApplicationFacts;
use origo_risk::facts::{
    ControlRecord, Country, ExportRecord, ExporterRole, Hs6, InputOrigin, SupplierDeclaration, VerificationRecord,
};
use origo_store::applications::Application;
use origo_store::bom::Material;
use origo_store::cooperation::record::VerificationRecord as StoredRecord;
use origo_store::determinations::StoredDetermination;
use origo_store::exporters::{Activity, Exporter};
use origo_store::flags::FlagCounts;
use origo_store::goods::GoodsItem;
use origo_store::supplier_declarations::SupplierDeclaration as StoredDeclaration;
use rust_decimal::Decimal;
use serde_json::Value;
use time::Date;

use super::history::{Figures, Invoiced, figures};
use crate::capacity::declared_for;
use crate::examination::scheme_for;
use crate::exchange_rates::RateTable;

/// A goods item with its bill of materials and its determination of this submission.
#[derive(Clone, Debug)]
pub struct KnownItem {
    pub item: GoodsItem,
    pub materials: Vec<Material>,
    pub determination: Option<StoredDetermination>,
}

/// Everything the facts are built from.
#[derive(Clone, Debug)]
pub struct Known {
    pub application: Application,
    pub exporter: Exporter,
    pub items: Vec<KnownItem>,
    /// The supplier declarations the bills of materials name, each once.
    pub declarations: Vec<StoredDeclaration>,
    pub verification: StoredRecord,
    pub flags: FlagCounts,
    /// The day of submission: the export's date.
    pub today: Date,
    /// The reference rates of the currencies the items and their history are invoiced in.
    pub rates: RateTable,
}

/// One item's facts, and whether its quantity and value could be compared with the history.
#[derive(Clone, Debug)]
pub struct ItemFacts {
    pub facts: ApplicationFacts,
    pub comparable: bool,
    /// The currency of a value that could not be compared for want of an exchange rate.
    pub no_rate: Option<String>,
}

/// The label the sentences call the exporter by.
pub fn exporter_label(exporter: &Exporter) -> String {
    exporter.data.name.clone()
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A material's code as a subheading: `5205` -> `520500`, `5205.12` -> `520512`.
fn input_subheading(code: &str) -> Option<Hs6> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 2 {
        return None;
    }
    Hs6::parse(&format!("{digits:0<6}"))
}

/// The verification record as the engine counts it: a "cannot be determined" reply refuses the preference as a
/// "not confirmed" one does (an insufficient reply), so both are failures.
pub fn verification_record(record: &StoredRecord) -> VerificationRecord {
    VerificationRecord {
        failed: count(record.failed.saturating_add(record.undetermined)),
        unanswered: count(record.unanswered_overdue),
    }
}

/// The control record: the exporter's flags, and at least the revoked declarations this application relies on (a
/// declaration revoked before the application named it raised no flag about it).
pub fn control_record(flags: &FlagCounts, declarations: &[StoredDeclaration]) -> ControlRecord {
    let revoked_here = declarations.iter().filter(|d| d.revoked_at.is_some()).count();
    ControlRecord {
        over_use: flags.over_use,
        double_country_use: flags.double_country_use,
        revoked_supplier_declarations: flags
            .supplier_declaration_revoked
            .max(u32::try_from(revoked_here).unwrap_or(u32::MAX)),
    }
}

/// The facts of item `index` of the application, or `None` when its HS code is not a subheading the engine
/// knows (the service validated it at intake, so this does not happen with its own data).
pub fn item_facts(known: &Known, index: usize) -> Option<ItemFacts> {
    let KnownItem { item, materials, determination } = known.items.get(index)?;
    let invoiced = Invoiced {
        quantity: item.quantity,
        unit: &item.unit,
        net_weight_kg: item.net_weight_kg,
        invoice_value: item.invoice_value,
        currency: item.currency.as_deref(),
        day: item.invoice_date.unwrap_or(known.today),
    };
    let found = figures(invoiced, &known.rates);
    let no_rate = match &found {
        Figures::NoRate { currency } => Some(currency.clone()),
        _ => None,
    };
    let figures = found.comparable();
    // Without comparable figures the item is scored with a value of 0 against a history without figures: the
    // unit-value, surge and capacity indicators then have nothing to compare and stay silent.
    let (quantity, value) = figures.unwrap_or((item.quantity, Decimal::ZERO));
    let destination = known.application.consignment.get("importing_country").and_then(Value::as_str);
    let export = ExportRecord {
        exporter: exporter_label(&known.exporter),
        date: known.today,
        hs: Hs6::parse(&item.hs_code)?,
        quantity,
        value,
        destination: destination.and_then(Country::parse).or_else(|| Country::parse("ZZ"))?,
    };
    let mut facts = ApplicationFacts::from_export(known.application.id.to_string(), export);
    facts.scheme = Some(scheme_for(known.application.kind).to_owned());
    facts.role = Some(match known.exporter.data.activity {
        Activity::Production => ExporterRole::Producer,
        Activity::Trading => ExporterRole::Trader,
    });
    facts.exporter_registered = known.exporter.valid_from;
    facts.declared_annual_capacity = declared_for(&known.exporter.data, &item.hs_code);
    facts.max_nom = determination.as_ref().and_then(|d| super::trace::max_nom_used(&d.result));
    facts.inputs = materials
        .iter()
        .filter_map(|m| {
            let hs = input_subheading(m.hs_code.as_deref()?)?;
            let country = Country::parse(m.origin_country.as_deref()?)?;
            Some(InputOrigin { hs, country })
        })
        .collect();
    facts.verifications = verification_record(&known.verification);
    facts.supplier_declarations = materials
        .iter()
        .filter_map(|m| m.supplier_declaration_id)
        .filter_map(|id| known.declarations.iter().find(|d| d.id == id))
        .fold(Vec::new(), |mut relied, d| {
            if let Some(expires) = d.valid_to
                && !relied.iter().any(|r: &SupplierDeclaration| r.reference == reference(d))
            {
                relied.push(SupplierDeclaration { reference: reference(d), expires });
            }
            relied
        });
    facts.control = control_record(&known.flags, &known.declarations);
    Some(ItemFacts { facts, comparable: figures.is_some(), no_rate })
}

/// How a declaration is named in a sentence ("supplier declaration of Fergana Yarn LLC for cotton yarn expires
/// on ...").
fn reference(declaration: &StoredDeclaration) -> String {
    format!("of {} for {}", declaration.supplier_name, declaration.goods_description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn material_codes_become_subheadings() {
        assert_eq!(input_subheading("7607").map(|h| h.to_string()), Some("760700".to_owned()));
        assert_eq!(input_subheading("7607.11").map(|h| h.to_string()), Some("760711".to_owned()));
        assert_eq!(input_subheading("76071110").map(|h| h.to_string()), Some("760711".to_owned()));
        assert_eq!(input_subheading("7"), None);
    }

    #[test]
    fn undetermined_replies_count_as_failures() {
        let stored = StoredRecord { total: 4, failed: 1, undetermined: 1, unanswered_overdue: 1 };
        assert_eq!(verification_record(&stored), VerificationRecord { failed: 2, unanswered: 1 });
    }
}
