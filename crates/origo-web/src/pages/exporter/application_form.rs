//! The application wizard's form: the consignment (kind of proof, importing country, consignee, transport,
//! invoice), the goods items and each item's bill of materials, as typed, with a message next to each bad field.
//! It is read from the submitted fields, filled from a stored application for editing, and turned into the
//! service's draft when every field is good. Service refusals that name a field (`items[0].materials[2].hs_code`)
//! are put back next to that field.

use origo_service::intake::{ApplicationView, ItemDraft, MaterialDraft};
use origo_store::applications::ProofKind;
use serde_json::{Map, Value, json};

use super::bom::{self, Bill};
use super::fields::Fields;
use super::input::{self, Message};
use crate::pages::context::PageCtx;

/// The most goods items one application may have in the form.
pub const MAX_ITEMS: usize = 50;

/// The kinds of proof, in the order offered.
pub const KINDS: [&str; 5] = ["non_preferential", "ct1", "ct_uz", "statement_on_origin", "origin_declaration"];

/// The consignment as typed.
#[derive(Debug, Clone, Default)]
pub struct Consignment {
    pub kind: String,
    pub importing_country: String,
    pub consignee_name: String,
    pub consignee_address: String,
    pub consignee_country: String,
    pub transport: String,
    pub invoice_number: String,
    pub invoice_date: String,
    pub currency: String,
    pub remarks: String,
}

/// The consignment's messages.
#[derive(Debug, Clone, Default)]
pub struct ConsignmentErrors {
    pub kind: Option<Message>,
    pub importing_country: Option<Message>,
    pub consignee_country: Option<Message>,
    pub invoice_date: Option<Message>,
    pub currency: Option<Message>,
}

/// One goods item as typed, with its bill of materials.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// The field names' stem (`i0`).
    pub id: String,
    pub number: usize,
    pub hs: String,
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub gross_weight: String,
    pub net_weight: String,
    pub value: String,
    pub ex_works_price: String,
    pub marks: String,
    pub processes: String,
    pub wholly_obtained: String,
    pub errors: ItemErrors,
    pub bill: Bill,
}

/// An item's messages.
#[derive(Debug, Clone, Default)]
pub struct ItemErrors {
    pub hs: Option<Message>,
    pub description: Option<Message>,
    pub quantity: Option<Message>,
    pub unit: Option<Message>,
    pub gross_weight: Option<Message>,
    pub net_weight: Option<Message>,
    pub value: Option<Message>,
    pub ex_works_price: Option<Message>,
    pub processes: Option<Message>,
    pub wholly_obtained: Option<Message>,
}

impl ItemErrors {
    fn any(&self) -> bool {
        [
            &self.hs,
            &self.description,
            &self.quantity,
            &self.unit,
            &self.gross_weight,
            &self.net_weight,
            &self.value,
            &self.ex_works_price,
            &self.processes,
            &self.wholly_obtained,
        ]
        .iter()
        .any(|e| e.is_some())
    }
}

/// The whole form.
#[derive(Debug, Clone, Default)]
pub struct ApplicationForm {
    pub consignment: Consignment,
    pub errors: ConsignmentErrors,
    pub items: Vec<Item>,
    /// A refusal that no field explains (not registered, no longer editable ...).
    pub form_error: Option<Message>,
}

/// What the service is given.
pub struct Checked {
    pub kind: ProofKind,
    pub consignment: Value,
    pub items: Vec<ItemDraft>,
}

impl Item {
    fn blank(index: usize) -> Item {
        let id = format!("i{index}");
        let bill = Bill::empty(&format!("{id}_"), 3);
        Item { id, number: index + 1, unit: "PCE".into(), bill, ..Item::default() }
    }

    fn check(&mut self, ctx: &PageCtx, consignment: &Consignment) -> Option<ItemDraft> {
        let mut errors = ItemErrors::default();
        let hs = input::product_hs(ctx, &self.hs).map_err(|e| errors.hs = Some(e));
        if self.description.trim().is_empty() {
            errors.description = Some(ctx.t("exporter.error.required").to_owned());
        }
        let quantity = input::positive(ctx, &self.quantity).map_err(|e| errors.quantity = Some(e));
        if self.unit.trim().is_empty() {
            errors.unit = Some(ctx.t("exporter.error.required").to_owned());
        }
        let gross = input::decimal(ctx, &self.gross_weight).map_err(|e| errors.gross_weight = Some(e));
        let net = input::decimal(ctx, &self.net_weight).map_err(|e| errors.net_weight = Some(e));
        if let (Ok(Some(net)), Ok(Some(gross))) = (&net, &gross)
            && net > gross
        {
            errors.net_weight = Some(ctx.t("exporter.error.net_over_gross").to_owned());
        }
        let value = input::decimal(ctx, &self.value).map_err(|e| errors.value = Some(e));
        let price = input::optional_positive(ctx, &self.ex_works_price).map_err(|e| errors.ex_works_price = Some(e));
        let processes = input::processes(ctx, &self.processes).map_err(|e| errors.processes = Some(e));
        let wholly = input::yes_no(ctx, &self.wholly_obtained).map_err(|e| errors.wholly_obtained = Some(e));
        let materials = self.bill.check(ctx);
        let failed = errors.any();
        self.errors = errors;
        let (
            Ok(hs),
            Ok(quantity),
            Ok(gross),
            Ok(net),
            Ok(value),
            Ok(price),
            Ok(processes),
            Ok(wholly),
            Some(materials),
        ) = (hs, quantity, gross, net, value, price, processes, wholly, materials)
        else {
            return None;
        };
        if failed {
            return None;
        }
        let text = |t: &str| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
        Some(ItemDraft {
            hs_code: hs,
            description: self.description.trim().to_owned(),
            quantity,
            unit: self.unit.trim().to_owned(),
            gross_weight_kg: gross,
            net_weight_kg: net,
            invoice_number: text(&consignment.invoice_number),
            invoice_date: input::date(ctx, &consignment.invoice_date).ok().flatten(),
            invoice_value: value,
            currency: text(&consignment.currency),
            ex_works_price: price,
            marks_and_packages: text(&self.marks),
            processes,
            wholly_obtained: wholly,
            materials: materials
                .into_iter()
                .map(|m| MaterialDraft {
                    description: m.description,
                    hs_code: m.hs,
                    origin_country: m.country,
                    originating: m.originating,
                    wholly_obtained: None,
                    value: m.value,
                    weight_kg: m.weight,
                    supplier_declaration_id: None,
                })
                .collect(),
        })
    }
}

/// The kind of proof of a form value.
pub fn proof_kind(value: &str) -> Option<ProofKind> {
    value.parse::<ProofKind>().ok()
}

impl ApplicationForm {
    /// A new application: a certificate for one item.
    pub fn blank() -> ApplicationForm {
        ApplicationForm {
            consignment: Consignment {
                kind: "non_preferential".into(),
                currency: "EUR".into(),
                ..Consignment::default()
            },
            items: vec![Item::blank(0)],
            ..ApplicationForm::default()
        }
    }

    /// The form as submitted, CSV files loaded into their bills.
    pub fn read(ctx: &PageCtx, fields: &Fields) -> ApplicationForm {
        let consignment = Consignment {
            kind: fields.text("kind"),
            importing_country: fields.text("importing_country").to_ascii_uppercase(),
            consignee_name: fields.text("consignee_name"),
            consignee_address: fields.text("consignee_address"),
            consignee_country: fields.text("consignee_country").to_ascii_uppercase(),
            transport: fields.text("transport"),
            invoice_number: fields.text("invoice_number"),
            invoice_date: fields.text("invoice_date"),
            currency: fields.text("currency").to_ascii_uppercase(),
            remarks: fields.text("remarks"),
        };
        let count = fields.count("items", 1, MAX_ITEMS);
        let items = (0..count)
            .map(|i| {
                let id = format!("i{i}");
                let name = |field: &str| format!("{id}_{field}");
                Item {
                    number: i + 1,
                    hs: fields.text(&name("hs")),
                    description: fields.text(&name("description")),
                    quantity: fields.text(&name("quantity")),
                    unit: fields.text(&name("unit")),
                    gross_weight: fields.text(&name("gross_weight")),
                    net_weight: fields.text(&name("net_weight")),
                    value: fields.text(&name("value")),
                    ex_works_price: fields.text(&name("ex_works_price")),
                    marks: fields.text(&name("marks")),
                    processes: fields.text(&name("processes")),
                    wholly_obtained: fields.text(&name("wholly_obtained")),
                    bill: Bill::read(ctx, fields, &format!("{id}_")),
                    id,
                    errors: ItemErrors::default(),
                }
            })
            .collect();
        ApplicationForm { consignment, items, ..ApplicationForm::default() }
    }

    /// The form of a stored application, for editing.
    pub fn of(view: &ApplicationView) -> ApplicationForm {
        let c = &view.application.consignment;
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let consignee = c.get("consignee").cloned().unwrap_or(Value::Null);
        let first = view.items.first().map(|i| &i.item);
        let consignment = Consignment {
            kind: view.application.kind.as_str().to_owned(),
            importing_country: text(c, "importing_country"),
            consignee_name: text(&consignee, "name"),
            consignee_address: text(&consignee, "address"),
            consignee_country: text(&consignee, "country"),
            transport: text(c, "transport"),
            invoice_number: first.and_then(|i| i.invoice_number.clone()).unwrap_or_default(),
            invoice_date: first.and_then(|i| i.invoice_date).map(|d| d.to_string()).unwrap_or_default(),
            currency: first.and_then(|i| i.currency.clone()).unwrap_or_default(),
            remarks: text(c, "remarks"),
        };
        let items = view
            .items
            .iter()
            .enumerate()
            .map(|(i, stored)| {
                let item = &stored.item;
                let id = format!("i{i}");
                let materials: Vec<bom::Material> = stored
                    .materials
                    .iter()
                    .map(|m| bom::Material {
                        hs: m.hs_code.clone(),
                        description: m.description.clone(),
                        country: m.origin_country.clone(),
                        value: m.value,
                        weight: m.weight_kg,
                        originating: m.originating,
                    })
                    .collect();
                Item {
                    number: i + 1,
                    hs: item.hs_code.clone(),
                    description: item.description.clone(),
                    quantity: input::amount_text(Some(item.quantity)),
                    unit: item.unit.clone(),
                    gross_weight: input::amount_text(item.gross_weight_kg),
                    net_weight: input::amount_text(item.net_weight_kg),
                    value: input::amount_text(item.invoice_value),
                    ex_works_price: input::amount_text(item.ex_works_price),
                    marks: item.marks_and_packages.clone().unwrap_or_default(),
                    processes: item.processes.as_deref().map(input::processes_text).unwrap_or_default(),
                    wholly_obtained: input::yes_no_text(item.wholly_obtained),
                    bill: Bill::of(&format!("{id}_"), &materials),
                    id,
                    errors: ItemErrors::default(),
                }
            })
            .collect();
        ApplicationForm { consignment, items, ..ApplicationForm::default() }
    }

    /// Adds a goods item (the "add item" button).
    pub fn add_item(&mut self) {
        if self.items.len() < MAX_ITEMS {
            self.items.push(Item::blank(self.items.len()));
        }
    }

    /// Adds a material row to the bill whose prefix is `prefix` (`i0_`).
    pub fn add_row(&mut self, prefix: &str) {
        if let Some(item) = self.items.iter_mut().find(|i| i.bill.prefix == prefix) {
            item.bill.add_row();
        }
    }

    /// Whether an uploaded CSV file had problems.
    pub fn has_csv_errors(&self) -> bool {
        self.items.iter().any(|i| !i.bill.csv_errors.is_empty())
    }

    /// Checks every field; the service's draft when all are good.
    pub fn check(&mut self, ctx: &PageCtx) -> Option<Checked> {
        let c = &self.consignment;
        let mut errors = ConsignmentErrors::default();
        let kind = proof_kind(&c.kind);
        if kind.is_none() {
            errors.kind = Some(ctx.t("exporter.error.required").to_owned());
        }
        let importing =
            input::required_country(ctx, &c.importing_country).map_err(|e| errors.importing_country = Some(e));
        let consignee_country =
            input::country(ctx, &c.consignee_country).map_err(|e| errors.consignee_country = Some(e));
        let _ = input::date(ctx, &c.invoice_date).map_err(|e| errors.invoice_date = Some(e));
        let iso_4217 = c.currency.len() == 3 && c.currency.bytes().all(|b| b.is_ascii_uppercase());
        if !c.currency.is_empty() && !iso_4217 {
            errors.currency = Some(ctx.t("exporter.error.currency").to_owned());
        }
        let consignment = c.clone();
        let mut items = Vec::new();
        let mut good = true;
        for item in &mut self.items {
            match item.check(ctx, &consignment) {
                Some(draft) => items.push(draft),
                None => good = false,
            }
        }
        let failed = errors.kind.is_some()
            || errors.importing_country.is_some()
            || errors.consignee_country.is_some()
            || errors.invoice_date.is_some()
            || errors.currency.is_some();
        self.errors = errors;
        let (Some(kind), Ok(importing), Ok(consignee_country)) = (kind, importing, consignee_country) else {
            return None;
        };
        if failed || !good {
            return None;
        }
        let mut value = Map::new();
        value.insert("importing_country".into(), json!(importing));
        if !consignment.consignee_name.is_empty() {
            value.insert(
                "consignee".into(),
                json!({
                    "name": consignment.consignee_name,
                    "address": consignment.consignee_address,
                    "country": consignee_country.unwrap_or_else(|| importing.clone()),
                }),
            );
        }
        for (key, text) in [("transport", &consignment.transport), ("remarks", &consignment.remarks)] {
            if !text.is_empty() {
                value.insert(key.into(), json!(text));
            }
        }
        Some(Checked { kind, consignment: Value::Object(value), items })
    }

    /// Puts a service refusal of field `path` next to its field; false when no field of the form has that path.
    pub fn place_error(&mut self, path: &str, message: Message) -> bool {
        if path == "consignment.importing_country" {
            self.errors.importing_country = Some(message);
            return true;
        }
        let Some(rest) = path.strip_prefix("items[") else { return false };
        let Some((index, field)) = rest.split_once("].") else { return false };
        let Some(item) = index.parse::<usize>().ok().and_then(|i| self.items.get_mut(i)) else { return false };
        if let Some(rest) = field.strip_prefix("materials[")
            && let Some((j, field)) = rest.split_once("].")
        {
            // The service counts the materials it was given: the rows that are not blank.
            let Some(row) =
                j.parse::<usize>().ok().and_then(|j| item.bill.rows.iter_mut().filter(|r| !r.is_blank()).nth(j))
            else {
                return false;
            };
            match field {
                "hs_code" => row.errors.hs = Some(message),
                "origin_country" => row.errors.country = Some(message),
                "weight_kg" => row.errors.weight = Some(message),
                _ => row.errors.value = Some(message),
            }
            return true;
        }
        let errors = &mut item.errors;
        match field {
            "hs_code" => errors.hs = Some(message),
            "description" => errors.description = Some(message),
            "quantity" => errors.quantity = Some(message),
            "unit" => errors.unit = Some(message),
            "gross_weight_kg" => errors.gross_weight = Some(message),
            "net_weight_kg" => errors.net_weight = Some(message),
            "invoice_value" => errors.value = Some(message),
            "ex_works_price" => errors.ex_works_price = Some(message),
            _ => return false,
        }
        true
    }
}
