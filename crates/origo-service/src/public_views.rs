//! The public views of certificates kept in memory: a certificate's signed document never changes after issuance,
//! so its public view (the document without prices, invoices or suppliers) is parsed once and kept, ready as JSON.
//! Only the status is read per check (`origo_store::public_check`), so a revocation shows at once on every server.
//! The cache is bounded; a view pushed out is parsed again on its next check.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use quick_cache::sync::Cache;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use uuid::Uuid;

/// How many certificates' views are kept (a view is a few kilobytes).
pub const DEFAULT_CAPACITY: usize = 20_000;

/// A certificate's public view, as a value and as its JSON text.
#[derive(Debug)]
pub struct PublicView {
    value: Value,
    json: Box<RawValue>,
}

impl PublicView {
    /// The public view of a stored signed document (null when the document cannot be read).
    pub fn of_document(document: &str) -> PublicView {
        let mut value = serde_json::from_str::<Stored>(document).map(|s| s.document).unwrap_or(Value::Null);
        if let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) {
            for item in items {
                if let Some(item) = item.as_object_mut() {
                    item.remove("value");
                    item.remove("invoice");
                    item.remove("supplier");
                }
            }
        }
        let text = serde_json::to_string(&value).unwrap_or_else(|_| "null".to_owned());
        let json = RawValue::from_string(text).unwrap_or_else(|_| null());
        PublicView { value, json }
    }

    /// The view as JSON text, to be written into an answer as it is.
    pub fn json(&self) -> &RawValue {
        &self.json
    }
}

/// The part of a stored signed document the view is made from (the signature is not shown).
#[derive(Deserialize)]
struct Stored {
    document: Value,
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).expect("null is JSON")
}

impl Deref for PublicView {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.value
    }
}

impl serde::Serialize for PublicView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// Serialises a shared view (serde's `rc` feature is not switched on for one field).
pub fn serialize_shared<S: serde::Serializer>(view: &Arc<PublicView>, serializer: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&**view, serializer)
}

impl PartialEq for PublicView {
    fn eq(&self, other: &PublicView) -> bool {
        self.value == other.value
    }
}

/// Views by certificate id.
pub struct PublicViews {
    cache: Cache<Uuid, Arc<PublicView>>,
}

impl PublicViews {
    pub fn new(capacity: usize) -> PublicViews {
        PublicViews { cache: Cache::new(capacity.max(1)) }
    }

    /// The kept view of `id`.
    pub fn get(&self, id: Uuid) -> Option<Arc<PublicView>> {
        self.cache.get(&id)
    }

    /// Keeps `view` for `id`.
    pub fn insert(&self, id: Uuid, view: Arc<PublicView>) {
        self.cache.insert(id, view);
    }
}

impl fmt::Debug for PublicViews {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicViews").field("kept", &self.cache.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_invoices_and_suppliers_are_left_out_and_the_json_matches_the_value() {
        let document = r#"{"format":"origo-signed/1","document":{"number":"UZ-2026-000001","items":[
            {"hs":"610910","value":"1200.00","invoice":"INV-1","supplier":"S","quantity":"10"}]},
            "signature":{"key_id":"k","algorithm":"Ed25519","signed_on":"2026-01-02","value":"x"}}"#;
        let view = PublicView::of_document(document);
        let item = &view["items"][0];
        assert_eq!(item["hs"], "610910");
        assert!(item.get("value").is_none() && item.get("invoice").is_none() && item.get("supplier").is_none());
        let reparsed: Value = serde_json::from_str(view.json().get()).unwrap();
        assert_eq!(reparsed, *view);
    }

    #[test]
    fn an_unreadable_document_is_a_null_view() {
        let view = PublicView::of_document("not json");
        assert!(view.is_null());
        assert_eq!(view.json().get(), "null");
    }

    #[test]
    fn the_cache_keeps_what_it_was_given() {
        let views = PublicViews::new(4);
        let id = Uuid::from_u128(7);
        assert!(views.get(id).is_none());
        views.insert(id, Arc::new(PublicView::of_document("{}")));
        assert!(views.get(id).is_some());
    }
}
