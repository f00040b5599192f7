//! A producer's declared annual production capacity as the certifier sees it: on the registration, and in the
//! dossier's risk section for the application's subheadings (what the capacity indicator compared with).

use origo_store::exporters::{Activity, ExporterData};

use crate::pages::context::PageCtx;

/// One declared line.
#[derive(Debug, Clone)]
pub struct CapacityView {
    pub hs: String,
    /// The quantity with its unit (`120 000 kg`).
    pub quantity: String,
    pub note: String,
}

/// The capacity block: whether the exporter is a producer (a trader declares none), and the lines shown.
#[derive(Debug, Clone)]
pub struct CapacityBlock {
    pub producer: bool,
    pub lines: Vec<CapacityView>,
}

/// The lines of `data`, only those of `subheadings` when given.
pub fn block(ctx: &PageCtx, data: &ExporterData, subheadings: Option<&[&str]>) -> CapacityBlock {
    let lines = data
        .capacity
        .iter()
        .filter(|l| subheadings.is_none_or(|codes| codes.contains(&l.hs.as_str())))
        .map(|l| CapacityView {
            hs: l.hs.clone(),
            quantity: format!("{} {}", ctx.decimal(&l.quantity), l.unit),
            note: l.note.clone().unwrap_or_default(),
        })
        .collect();
    CapacityBlock { producer: data.activity == Activity::Production, lines }
}
