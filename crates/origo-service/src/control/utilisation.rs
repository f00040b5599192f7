//! Utilisation of certificates at import. The authority of the importing country records, per goods item, the
//! quantity cleared under a customs declaration (in the item's unit). In the same transaction: when the uses of an
//! item add up to more than the certificate's quantity, an `over_use` flag; when the certificate is used in a
//! country other than its destination, or in two countries, a `double_country_use` flag. Both go to the certifying
//! body and count in the exporter's record for the risk engine.
//!
//! An authority sees and records on the certificates bound for its own country; another country's certificate is
//! "not found" unless the authority gives its security code (printed on the certificate presented at its border):
//! that is how a use in a second country is recorded at all.

use std::collections::BTreeSet;

use origo_store::certificates::{self, Certificate, CertificateStatus};
use origo_store::flags::{self, Flag, FlagKind, NewFlag};
use origo_store::utilisation::{self, NewUtilisation, Utilisation};
use origo_store::{Role, Tx};
use rust_decimal::Decimal;
use serde_json::Value;
use uuid::Uuid;

use super::{ControlError, hide};
use crate::access::Caller;
use crate::issuance::security_code_hash;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// The longest customs declaration reference accepted (characters).
pub const MAX_DECLARATION_REF: usize = 100;

/// A use to record.
#[derive(Debug, Clone)]
pub struct NewUse {
    /// The certificate's goods item (its number, from 1).
    pub item_no: i64,
    /// In the item's unit; more than zero.
    pub quantity: Decimal,
    /// The customs declaration (and line) the goods were cleared under.
    pub declaration_ref: String,
    /// The certificate's security code: needed only for a certificate bound for another country.
    pub security_code: Option<String>,
}

/// A goods item of a certificate as printed: number, description, certified quantity and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedItem {
    pub item_no: i64,
    pub description: String,
    pub quantity: Option<Decimal>,
    pub unit: Option<String>,
}

/// An item's balance: certified, used so far (by the uses the caller sees), and what remains (negative when over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemBalance {
    pub item: CertifiedItem,
    pub used: Decimal,
    pub remaining: Option<Decimal>,
}

/// A certificate's utilisation as the caller may see it: an importing authority sees its own country's uses and no
/// flags; officers see everything.
#[derive(Debug, Clone)]
pub struct UtilisationView {
    pub certificate: Certificate,
    pub importing_country: Option<String>,
    pub items: Vec<ItemBalance>,
    pub uses: Vec<Utilisation>,
    pub flags: Vec<Flag>,
}

/// What recording a use did: the use, and the flags it raised.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub utilisation: Utilisation,
    pub flags: Vec<Flag>,
}

/// The goods items of a stored signed certificate.
pub fn certified_items(certificate: &Certificate) -> Vec<CertifiedItem> {
    let signed: Value = serde_json::from_str(&certificate.document).unwrap_or(Value::Null);
    let items = signed.pointer("/document/items").and_then(Value::as_array).cloned().unwrap_or_default();
    items
        .iter()
        .filter_map(|item| {
            Some(CertifiedItem {
                item_no: item.get("item_number")?.as_i64()?,
                description: item.get("description").and_then(Value::as_str).unwrap_or_default().to_owned(),
                quantity: item.pointer("/quantity/value").and_then(Value::as_str).and_then(|v| v.parse().ok()),
                unit: item.pointer("/quantity/unit").and_then(Value::as_str).map(str::to_owned),
            })
        })
        .collect()
}

/// Compares two hashes without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn importing_country(certificate: &Certificate) -> Option<String> {
    let signed: Value = serde_json::from_str(&certificate.document).ok()?;
    signed.pointer("/document/importing_country")?.as_str().map(str::to_owned)
}

fn balances(items: Vec<CertifiedItem>, uses: &[Utilisation]) -> Vec<ItemBalance> {
    items
        .into_iter()
        .map(|item| {
            let used = utilisation::used(uses, item.item_no);
            let remaining = item.quantity.map(|q| q - used);
            ItemBalance { item, used, remaining }
        })
        .collect()
}

impl Service {
    /// An importing authority records a use of a certificate's item; flags are raised in the same transaction.
    pub async fn record_utilisation(
        &self,
        caller: &Caller,
        certificate_id: Uuid,
        new: NewUse,
    ) -> Result<Recorded, ControlError> {
        // The role first: other roles are refused whatever the certificate.
        let mine = caller.actor.country.clone();
        caller
            .may(Action::RecordUtilisation, &Resource { importing_country: mine.as_deref(), ..Resource::default() })?;
        let country = mine.ok_or(ControlError::NotFound)?;
        let declaration_ref = new.declaration_ref.trim().to_owned();
        if declaration_ref.is_empty() || declaration_ref.chars().count() > MAX_DECLARATION_REF {
            let message = format!("must have 1 to {MAX_DECLARATION_REF} characters");
            return Err(ControlError::Invalid { field: "declaration_ref", message });
        }
        if new.quantity <= Decimal::ZERO {
            return Err(ControlError::Invalid { field: "quantity", message: "must be more than zero".into() });
        }
        let mut tx = self.store.begin().await?;
        utilisation::lock_certificate(&mut tx, certificate_id).await?;
        let certificate = certificates::get(&mut tx, certificate_id).await?;
        let destination = importing_country(&certificate);
        let by_code = new.security_code.as_deref().is_some_and(|code| {
            constant_time_eq(security_code_hash(code).as_bytes(), certificate.security_code_hash.as_bytes())
        });
        if !by_code {
            let resource = Resource { importing_country: destination.as_deref(), ..Resource::default() };
            caller.may(Action::RecordUtilisation, &resource).map_err(hide)?;
        }
        if certificate.status != CertificateStatus::Valid {
            let message = format!("certificate {} is {}: it cannot be used", certificate.number, certificate.status);
            return Err(ControlError::InvalidState(message));
        }
        let items = certified_items(&certificate);
        let Some(item) = items.iter().find(|i| i.item_no == new.item_no).cloned() else {
            let message = format!("the certificate has items 1 to {}", items.len());
            return Err(ControlError::Invalid { field: "item_no", message });
        };
        let actor = caller.audit_actor(self.clock.now());
        let record = NewUtilisation {
            certificate_id,
            item_no: new.item_no,
            importing_country: country,
            quantity: new.quantity,
            declaration_ref,
        };
        let recorded = utilisation::record(&mut tx, &actor, &record).await?;
        let uses = utilisation::list_for_certificate(&mut tx, certificate_id).await?;
        let mut raised = Vec::new();
        raised.extend(over_use(&mut tx, &actor, &certificate, &item, &uses).await?);
        raised.extend(double_use(&mut tx, &actor, &certificate, destination.as_deref(), &uses).await?);
        tx.commit().await?;
        Ok(Recorded { utilisation: recorded, flags: raised })
    }

    /// [`Service::record_utilisation`] for a certificate known by its number (as printed on the paper an
    /// importing authority holds). An unknown number is "not found", like a certificate the caller may not see.
    pub async fn record_utilisation_by_number(
        &self,
        caller: &Caller,
        number: &str,
        new: NewUse,
    ) -> Result<Recorded, ControlError> {
        let mine = caller.actor.country.clone();
        caller
            .may(Action::RecordUtilisation, &Resource { importing_country: mine.as_deref(), ..Resource::default() })?;
        let mut conn = self.store.conn().await?;
        let found = certificates::find_by_number(&mut conn, &self.config.issuer_code, number.trim()).await?;
        drop(conn);
        let certificate = found.ok_or(ControlError::NotFound)?;
        self.record_utilisation(caller, certificate.id, new).await
    }

    /// Whether the caller reads (or records) utilisation at all: the importing authorities and the officers.
    pub fn utilisation_desk(&self, caller: &Caller) -> Result<(), ControlError> {
        let resource = Resource { importing_country: caller.actor.country.as_deref(), ..Resource::default() };
        Ok(caller.may(Action::ReadUtilisation, &resource)?)
    }

    /// [`Service::utilisation`] of a certificate known by its number; unknown is "not found".
    pub async fn utilisation_by_number(&self, caller: &Caller, number: &str) -> Result<UtilisationView, ControlError> {
        let mut conn = self.store.conn().await?;
        let found = certificates::find_by_number(&mut conn, &self.config.issuer_code, number.trim()).await?;
        drop(conn);
        self.utilisation(caller, found.ok_or(ControlError::NotFound)?.id).await
    }

    /// A certificate's items with what was used of them, the uses and (for officers) its flags. An importing
    /// authority reads only certificates bound for its country, and only its own country's uses.
    pub async fn utilisation(&self, caller: &Caller, certificate_id: Uuid) -> Result<UtilisationView, ControlError> {
        caller.may(
            Action::ReadUtilisation,
            &Resource { importing_country: caller.actor.country.as_deref(), ..Resource::default() },
        )?;
        let mut snapshot = self.store.snapshot().await?;
        let certificate = certificates::get(&mut snapshot, certificate_id).await?;
        let destination = importing_country(&certificate);
        let resource = Resource { importing_country: destination.as_deref(), ..Resource::default() };
        caller.may(Action::ReadUtilisation, &resource).map_err(hide)?;
        let mut uses = utilisation::list_for_certificate(&mut snapshot, certificate_id).await?;
        let mut raised = Vec::new();
        if caller.role() == Role::ForeignAuthority {
            uses.retain(|u| Some(&u.importing_country) == caller.actor.country.as_ref());
        } else {
            raised = flags::list_for_certificate(&mut snapshot, certificate_id).await?;
        }
        snapshot.finish().await?;
        let items = balances(certified_items(&certificate), &uses);
        Ok(UtilisationView { certificate, importing_country: destination, items, uses, flags: raised })
    }
}

/// Raises `over_use` when the item's uses exceed its certified quantity.
async fn over_use(
    tx: &mut Tx,
    actor: &origo_store::Actor,
    certificate: &Certificate,
    item: &CertifiedItem,
    uses: &[Utilisation],
) -> Result<Option<Flag>, ControlError> {
    let Some(certified) = item.quantity else { return Ok(None) };
    let used = utilisation::used(uses, item.item_no);
    if used <= certified {
        return Ok(None);
    }
    let unit = item.unit.as_deref().unwrap_or_default();
    let details = format!(
        "certificate {} item {}: {used} {unit} used, {certified} {unit} certified ({} over)",
        certificate.number,
        item.item_no,
        used - certified
    );
    let new = NewFlag {
        kind: FlagKind::OverUse,
        dedupe_key: format!("over_use:{}:{}", certificate.id, item.item_no),
        exporter_id: certificate.exporter_id,
        certificate_id: Some(certificate.id),
        application_id: None,
        supplier_declaration_id: None,
        details,
    };
    Ok(flags::raise(tx, actor, &new).await?)
}

/// Raises `double_country_use` when the certificate is used in two countries, or in one that is not its
/// destination.
async fn double_use(
    tx: &mut Tx,
    actor: &origo_store::Actor,
    certificate: &Certificate,
    destination: Option<&str>,
    uses: &[Utilisation],
) -> Result<Option<Flag>, ControlError> {
    let countries: BTreeSet<String> = utilisation::countries(uses);
    let elsewhere = destination.is_some_and(|d| countries.iter().any(|c| c != d));
    if countries.len() < 2 && !elsewhere {
        return Ok(None);
    }
    let used_in = countries.into_iter().collect::<Vec<_>>().join(", ");
    let details = format!(
        "certificate {} (issued for {}) used in {used_in}",
        certificate.number,
        destination.unwrap_or("an unstated country")
    );
    let new = NewFlag {
        kind: FlagKind::DoubleCountryUse,
        dedupe_key: format!("double_country_use:{}", certificate.id),
        exporter_id: certificate.exporter_id,
        certificate_id: Some(certificate.id),
        application_id: None,
        supplier_declaration_id: None,
        details,
    };
    Ok(flags::raise(tx, actor, &new).await?)
}
