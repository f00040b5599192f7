//! The streaming history the indicators compare an export with: per exporter (exports on record, first export,
//! value per month), per exporter and subheading (recent unit values, quantity per month) and per subheading
//! (everyone's recent unit values).
//!
//! Memory is bounded per key: a fixed window of unit values and a fixed ring of monthly totals, whatever the length
//! of the history. It grows only with the number of distinct exporters and (exporter, subheading) pairs.
//! Exporters are interned once to a number, so a record looks its keys up without allocating.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use time::Date;

use crate::config::RiskConfig;
use crate::facts::{ExportRecord, Hs6};
use crate::stats::{RobustStats, Window};

/// Months since year 0 (`2025-03-14` -> 2025 * 12 + 2), so that "the last 3 months" is integer arithmetic.
pub fn month_index(date: Date) -> i32 {
    date.year() * 12 + i32::from(u8::from(date.month())) - 1
}

/// Totals of the last `len` months, one slot per month, reused as months pass.
#[derive(Clone, Debug)]
struct MonthRing {
    slots: Box<[(i32, Decimal)]>,
}

impl MonthRing {
    fn new(len: usize) -> MonthRing {
        MonthRing { slots: vec![(i32::MIN, Decimal::ZERO); len.max(1)].into_boxed_slice() }
    }

    fn add(&mut self, month: i32, amount: Decimal) {
        let len = self.slots.len() as i32;
        let slot = &mut self.slots[month.rem_euclid(len) as usize];
        if slot.0 == month {
            slot.1 += amount;
        } else if slot.0 < month {
            *slot = (month, amount);
        }
        // else: the slot holds a later month, and this one is too old for the ring.
    }

    /// The total over the months `from..=to`, of those the ring still holds.
    fn sum(&self, from: i32, to: i32) -> Decimal {
        self.slots.iter().filter(|(m, _)| (from..=to).contains(m)).map(|(_, v)| *v).sum()
    }
}

#[derive(Clone, Debug)]
struct ExporterStats {
    exports: u32,
    first: Date,
    value_by_month: MonthRing,
}

#[derive(Clone, Debug)]
struct ProductStats {
    unit_values: Window,
    quantity_by_month: MonthRing,
}

/// Sizes of the per-key state, from the configuration.
#[derive(Clone, Copy, Debug)]
struct Sizes {
    window: usize,
    value_months: usize,
}

/// Everything known about earlier exports. Feed it with [`History::record`] after scoring each export against
/// [`History::view`], so that an export is never compared with itself.
#[derive(Clone, Debug)]
pub struct History {
    sizes: Sizes,
    exporter_ids: FxHashMap<Box<str>, u32>,
    exporters: Vec<ExporterStats>,
    products: FxHashMap<(u32, u32), ProductStats>,
    subheadings: FxHashMap<u32, Window>,
}

/// The capacity indicator compares a year of quantities.
pub const CAPACITY_MONTHS: u32 = 12;

impl History {
    pub fn new(config: &RiskConfig) -> History {
        let surge = &config.export_surge;
        History {
            sizes: Sizes {
                window: config.unit_value.window as usize,
                value_months: (surge.recent_months + surge.baseline_months) as usize,
            },
            exporter_ids: FxHashMap::default(),
            exporters: Vec::new(),
            products: FxHashMap::default(),
            subheadings: FxHashMap::default(),
        }
    }

    /// What is known before an export of `hs` by `exporter`.
    pub fn view(&self, exporter: &str, hs: Hs6) -> HistoryView<'_> {
        let id = self.exporter_ids.get(exporter).copied();
        HistoryView {
            exporter: id.map(|id| &self.exporters[id as usize]),
            product: id.and_then(|id| self.products.get(&(id, hs.number()))),
            subheading: self.subheadings.get(&hs.number()),
        }
    }

    /// Adds an export to the history.
    pub fn record(&mut self, export: &ExportRecord) {
        let sizes = self.sizes;
        let id = match self.exporter_ids.get(export.exporter.as_str()) {
            Some(id) => *id,
            None => {
                let id = self.exporters.len() as u32;
                self.exporter_ids.insert(export.exporter.as_str().into(), id);
                self.exporters.push(ExporterStats {
                    exports: 0,
                    first: export.date,
                    value_by_month: MonthRing::new(sizes.value_months),
                });
                id
            }
        };
        let month = month_index(export.date);
        let exporter = &mut self.exporters[id as usize];
        exporter.exports = exporter.exports.saturating_add(1);
        exporter.first = exporter.first.min(export.date);
        exporter.value_by_month.add(month, export.value);

        let unit_value = export.unit_value();
        let product = self.products.entry((id, export.hs.number())).or_insert_with(|| ProductStats {
            unit_values: Window::new(sizes.window),
            quantity_by_month: MonthRing::new(CAPACITY_MONTHS as usize),
        });
        product.unit_values.push(unit_value);
        product.quantity_by_month.add(month, export.quantity);
        self.subheadings.entry(export.hs.number()).or_insert_with(|| Window::new(sizes.window)).push(unit_value);
    }

    /// Counts an export of `exporter` on `date` whose figures cannot be compared with the others (a value in
    /// another currency, a quantity in another unit): it makes the exporter less new, and adds nothing to unit
    /// values, monthly values or quantities.
    pub fn record_presence(&mut self, exporter: &str, date: Date) {
        let value_months = self.sizes.value_months;
        match self.exporter_ids.get(exporter) {
            Some(id) => {
                let stats = &mut self.exporters[*id as usize];
                stats.exports = stats.exports.saturating_add(1);
                stats.first = stats.first.min(date);
            }
            None => {
                self.exporter_ids.insert(exporter.into(), self.exporters.len() as u32);
                self.exporters.push(ExporterStats {
                    exports: 1,
                    first: date,
                    value_by_month: MonthRing::new(value_months),
                });
            }
        }
    }

    /// Distinct exporters and (exporter, subheading) pairs held: what memory grows with.
    pub fn key_counts(&self) -> (usize, usize) {
        (self.exporters.len(), self.products.len())
    }
}

/// The history of one exporter and subheading as it stood before the export being scored.
#[derive(Clone, Copy, Debug, Default)]
pub struct HistoryView<'a> {
    exporter: Option<&'a ExporterStats>,
    product: Option<&'a ProductStats>,
    subheading: Option<&'a Window>,
}

impl<'a> HistoryView<'a> {
    /// No history at all (an exporter's first export, or no history kept).
    pub fn empty() -> HistoryView<'static> {
        HistoryView { exporter: None, product: None, subheading: None }
    }

    /// The exporter's exports on record, of any subheading.
    pub fn earlier_exports(&self) -> u32 {
        self.exporter.map_or(0, |e| e.exports)
    }

    /// The date of the exporter's first export on record.
    pub fn first_export(&self) -> Option<Date> {
        self.exporter.map(|e| e.first)
    }

    /// Median and MAD of the exporter's recent unit values for this subheading, when there are at least `min`.
    pub fn exporter_unit_values(&self, min: u32) -> Option<RobustStats> {
        self.product.map(|p| &p.unit_values).filter(|w| w.count() >= min.max(1)).and_then(Window::stats)
    }

    /// Median and MAD of everyone's recent unit values for this subheading, when there are at least `min`.
    pub fn subheading_unit_values(&self, min: u32) -> Option<RobustStats> {
        self.subheading.filter(|w| w.count() >= min.max(1)).and_then(Window::stats)
    }

    /// The exporter's total value over the months `from..=to` (month indexes, [`month_index`]).
    pub fn value_in_months(&self, from: i32, to: i32) -> Decimal {
        self.exporter.map_or(Decimal::ZERO, |e| e.value_by_month.sum(from, to))
    }

    /// The exporter's total quantity of this subheading over the months `from..=to` (at most the last 12).
    pub fn quantity_in_months(&self, from: i32, to: i32) -> Decimal {
        self.product.map_or(Decimal::ZERO, |p| p.quantity_by_month.sum(from, to))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::facts::Country;

    fn export(exporter: &str, date: Date, hs: &str, quantity: i64, value: i64) -> ExportRecord {
        ExportRecord {
            exporter: exporter.to_owned(),
            date,
            hs: Hs6::parse(hs).unwrap(),
            quantity: Decimal::from(quantity),
            value: Decimal::from(value),
            destination: Country::parse("DE").unwrap(),
        }
    }

    #[test]
    fn a_view_shows_only_what_was_recorded_before() {
        let mut history = History::new(&RiskConfig::default());
        let hs = Hs6::parse("610910").unwrap();
        assert_eq!(history.view("A", hs).earlier_exports(), 0);
        history.record(&export("A", date!(2025 - 03 - 10), "610910", 100, 410));
        history.record(&export("A", date!(2025 - 01 - 02), "520100", 10, 20));
        history.record(&export("B", date!(2025 - 03 - 11), "610910", 100, 500));
        let view = history.view("A", hs);
        assert_eq!(view.earlier_exports(), 2);
        assert_eq!(view.first_export(), Some(date!(2025 - 01 - 02)));
        assert_eq!(view.exporter_unit_values(1).unwrap().count, 1);
        assert_eq!(view.exporter_unit_values(2), None);
        assert_eq!(view.subheading_unit_values(0).unwrap().count, 2);
        assert_eq!(view.subheading_unit_values(2).unwrap().median, Decimal::new(455, 2));
        let march = month_index(date!(2025 - 03 - 01));
        assert_eq!(view.value_in_months(march, march), Decimal::from(410));
        assert_eq!(view.value_in_months(march - 2, march), Decimal::from(430));
        assert_eq!(view.quantity_in_months(march - 11, march), Decimal::from(100));
        assert_eq!(history.key_counts(), (2, 3));
    }

    #[test]
    fn a_presence_counts_the_export_and_adds_no_figures() {
        let mut history = History::new(&RiskConfig::default());
        let hs = Hs6::parse("610910").unwrap();
        history.record_presence("A", date!(2025 - 02 - 01));
        history.record(&export("A", date!(2025 - 03 - 10), "610910", 100, 410));
        history.record_presence("A", date!(2025 - 01 - 05));
        let view = history.view("A", hs);
        assert_eq!(view.earlier_exports(), 3);
        assert_eq!(view.first_export(), Some(date!(2025 - 01 - 05)));
        assert_eq!(view.exporter_unit_values(1).unwrap().count, 1);
        let march = month_index(date!(2025 - 03 - 01));
        assert_eq!(view.value_in_months(march - 3, march), Decimal::from(410));
        history.record_presence("B", date!(2025 - 03 - 01));
        assert_eq!(history.view("B", hs).earlier_exports(), 1);
        assert_eq!(history.view("B", hs).exporter_unit_values(1), None);
    }

    #[test]
    fn month_rings_drop_months_that_fall_out_of_the_ring() {
        let mut ring = MonthRing::new(3);
        ring.add(10, Decimal::ONE);
        ring.add(11, Decimal::ONE);
        ring.add(13, Decimal::TEN); // reuses month 10's slot
        ring.add(10, Decimal::ONE_HUNDRED); // older than what the slot holds now: ignored
        assert_eq!(ring.sum(0, 20), Decimal::from(11));
        assert_eq!(ring.sum(11, 12), Decimal::ONE);
    }
}
