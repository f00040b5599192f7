//! Statements on origin (EU GSP) and origin declarations (UK DCTS), made out by the exporter itself from its own
//! submitted application: no certifier approves them, but every goods item must have been determined originating
//! on submission. Origo writes the exact text (`origo_documents::statement`) with the exporter's REX number when
//! one is in force on the day, or under the EUR 6 000 rule when none is, and registers the text's SHA-256 in the
//! same transaction as its audit record. Anyone may then check a pasted text, or its hash, against the register.
//!
//! Pasted text is normalised before hashing, and so is the text at registration, so that the line endings and
//! trailing blanks that copying adds do not make a genuine statement unknown: see [`normalise`].

use origo_documents::certificate::{OriginCriterion, RexNumber};
use origo_documents::statement::{
    self as doc, Cumulation, DctsDeclaration, GspStatement, OriginIndication, Replacement, ThresholdError,
};
use origo_store::applications::{ApplicationState, ProofKind};
use origo_store::determinations::{self, Outcome, StoredDetermination};
use origo_store::exporters::{self, Exporter, ExporterStatus};
use origo_store::statements::{self, NewStatement, Statement, StatementKind};
use origo_store::{Role, StoreError, Tx, goods};
use rust_decimal::Decimal;
use serde_json::Value;
use time::Date;
use uuid::Uuid;

use crate::access::Caller;
use crate::clock::doc_date;
use crate::examination::scheme_for;
use crate::intake::IntakeError;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// The longest place, document reference or replacement party accepted (characters).
pub const MAX_LINE: usize = 300;

/// Why a statement was not made out, listed or found.
#[derive(Debug, thiserror::Error)]
pub enum StatementError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A field of the request is wrong; `field` is its name in the request.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Unknown application (or another exporter's), or no statement with that text or hash.
    #[error("not found")]
    NotFound,
    /// Certificates are issued by the certifying body; only these two kinds are made out by the exporter.
    #[error("a {0} application is for a certificate issued by the certifying body, not for a statement")]
    IssuedByBody(ProofKind),
    /// Origin has not been determined (draft) or the certifying body has stopped the application.
    #[error("an application that is {0} cannot carry a statement: it must be submitted, so that origin is determined")]
    WrongState(ApplicationState),
    /// An item whose latest determination is not `originating`.
    #[error("item {line} is not shown to be originating ({outcome}): no statement can cover it")]
    NotOriginating { line: i64, outcome: String },
    /// No REX number in force and the originating products are worth more than EUR 6 000.
    #[error(
        "originating products worth EUR {value} exceed the EUR {limit} an exporter without a REX number in force \
         may cover: only a registered exporter may make out this statement"
    )]
    RegistrationRequired { value: Decimal, limit: Decimal },
    /// The application already carries a statement with another text (made out on another day, place, ...).
    #[error("a statement was already made out for this application on {made_out_on}")]
    AlreadyMadeOut { made_out_on: Date },
    /// Another application's statement has exactly this text (same REX number and criteria, no document reference).
    #[error(
        "a statement with exactly this text is already registered for another consignment; give the commercial \
         document's reference (document_reference) to make this one distinct"
    )]
    DuplicateText,
    /// The stored data cannot make a text (a criterion the documents layer does not read): the server's problem.
    #[error("the statement cannot be written: {0}")]
    Document(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for StatementError {
    fn from(error: StoreError) -> StatementError {
        match error {
            StoreError::NotFound { .. } => StatementError::NotFound,
            e if e.is_unique("statements_text_hash_key") => StatementError::DuplicateText,
            e => StatementError::Store(e),
        }
    }
}

impl From<IntakeError> for StatementError {
    fn from(error: IntakeError) -> StatementError {
        match error {
            IntakeError::Denied(d) => StatementError::Denied(d),
            IntakeError::Store(e) => e.into(),
            _ => StatementError::NotFound,
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> StatementError {
    StatementError::Invalid { field: field.to_owned(), message: message.into() }
}

/// What the exporter says when making out a statement.
#[derive(Debug, Clone, Default)]
pub struct StatementRequest {
    /// Where it is made out (printed in the UK DCTS declaration; recorded for both kinds).
    pub place: String,
    /// The day it is made out; today by the service's clock when absent. Never in the future.
    pub date: Option<Date>,
    /// The consignment's total value of originating products, in EUR: required when the exporter has no REX number
    /// in force on that day (the EUR 6 000 rule), recorded when given.
    pub originating_value_eur: Option<Decimal>,
    /// The commercial document the statement is made out on (`Invoice 17 of 2026-05-01`): printed as the text's
    /// first line, so that two consignments of the same products get distinct texts.
    pub document_reference: Option<String>,
    /// A replacement statement (EU GSP only): made out by a re-consignor in place of an original statement.
    pub replacement: Option<ReplacementRequest>,
}

/// The data of a replacement statement (Annex 22-07 footnotes).
#[derive(Debug, Clone)]
pub struct ReplacementRequest {
    pub original_date: Date,
    /// The re-consignor's name and complete address.
    pub reconsignor: String,
    /// The original exporter's name and complete address.
    pub original_exporter: String,
    /// The original exporter's REX number.
    pub original_exporter_rex: String,
}

/// A statement made out: `created` is false when the same request had already registered this very text for this
/// application (a retry), which is then returned as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeOutStatement {
    pub statement: Statement,
    pub created: bool,
}

/// What anyone may learn about a registered statement: no value, application or consignment data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatement {
    pub kind: StatementKind,
    pub text_hash: String,
    pub made_out_on: Date,
    pub rex_number: Option<String>,
    pub criterion: Option<String>,
    /// Only when the exporter consented to publication in the registry.
    pub exporter_name: Option<String>,
    /// The day a verification of the statement was answered "not confirmed" (administrative cooperation).
    pub not_confirmed_on: Option<Date>,
}

/// What the public check is given: the statement's text as pasted, or the SHA-256 of its normalised text.
#[derive(Debug, Clone, Copy)]
pub enum StatementLookup<'a> {
    Text(&'a str),
    Sha256(&'a str),
}

/// The text as it is hashed, at registration and when checked: a leading byte-order mark dropped, CRLF and lone CR
/// made LF, blanks (spaces, tabs) at the end of each line removed, and blank lines and blanks at the start and
/// end of the whole text removed. Nothing inside a line changes, so a one-character change still fails the check.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').map(|line| line.trim_end_matches([' ', '\t'])).collect();
    lines.join("\n").trim_matches([' ', '\t', '\n']).to_owned()
}

/// Whether `text` is 64 hexadecimal digits (either case).
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A one-line text field: trimmed, not empty, at most [`MAX_LINE`] characters, no control characters (a line
/// break inside would change the text's lines).
fn one_line(field: &str, value: &str) -> Result<String, StatementError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, "must not be empty"));
    }
    if value.chars().count() > MAX_LINE {
        return Err(invalid(field, format!("must have at most {MAX_LINE} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(field, "must be one line, without control characters"));
    }
    Ok(value.to_owned())
}

/// The request checked whole, before anything is read or written.
#[derive(Debug)]
struct Checked {
    place: String,
    date: Date,
    value: Option<Decimal>,
    reference: Option<String>,
    replacement: Option<Replacement>,
}

fn check_request(request: &StatementRequest, today: Date) -> Result<Checked, StatementError> {
    let place = one_line("place", &request.place)?;
    let date = request.date.unwrap_or(today);
    if date > today {
        return Err(invalid("date", format!("{date} is in the future: a statement is made out on or before today")));
    }
    if let Some(value) = request.originating_value_eur
        && value.is_sign_negative()
        && !value.is_zero()
    {
        return Err(invalid("originating_value_eur", "must not be negative"));
    }
    let reference = request.document_reference.as_deref().map(|r| one_line("document_reference", r)).transpose()?;
    let replacement = match &request.replacement {
        None => None,
        Some(r) => {
            if r.original_date > date {
                return Err(invalid("replacement.original_date", "is after the replacement statement's date"));
            }
            let rex = r.original_exporter_rex.trim().parse::<RexNumber>();
            Some(Replacement {
                original_date: doc_date(r.original_date),
                reconsignor: one_line("replacement.reconsignor", &r.reconsignor)?,
                original_exporter: one_line("replacement.original_exporter", &r.original_exporter)?,
                original_exporter_rex: rex.map_err(|e| invalid("replacement.original_exporter_rex", e.to_string()))?,
            })
        }
    };
    Ok(Checked { place, date, value: request.originating_value_eur, reference, replacement })
}

/// The exporter's REX number if it is in force on `day`: registered from `valid_from` on, and not yet revoked on
/// that day (a revocation takes effect on `revoked_on`).
pub fn rex_in_force(exporter: &Exporter, day: Date) -> Option<RexNumber> {
    let in_force = match exporter.status {
        ExporterStatus::Registered | ExporterStatus::Revoked => {
            exporter.valid_from.is_some_and(|from| from <= day) && exporter.revoked_on.is_none_or(|on| day < on)
        }
        ExporterStatus::Applied | ExporterStatus::Refused => false,
    };
    if in_force { exporter.rex_number.as_deref().and_then(|r| r.parse().ok()) } else { None }
}

fn statement_kind(kind: ProofKind) -> Result<StatementKind, StatementError> {
    match kind {
        ProofKind::StatementOnOrigin => Ok(StatementKind::StatementOnOrigin),
        ProofKind::OriginDeclaration => Ok(StatementKind::OriginDeclaration),
        other => Err(StatementError::IssuedByBody(other)),
    }
}

/// The Annex 22-07 indication for a cumulation the engine names (`EU cumulation`, ...); `None` for a wording the
/// annex does not have, which then leaves the criterion in place.
fn cumulation(label: &str) -> Option<Cumulation> {
    match label {
        "EU cumulation" => Some(Cumulation::Eu),
        "Norway cumulation" => Some(Cumulation::Norway),
        "Switzerland cumulation" => Some(Cumulation::Switzerland),
        "Turkey cumulation" => Some(Cumulation::Turkey),
        "regional cumulation" => Some(Cumulation::Regional),
        other => other
            .strip_prefix("extended cumulation with ")
            .map(|country| Cumulation::Extended { country: country.into() }),
    }
}

/// An item's indication on the EU GSP statement: the first cumulation the engine used replaces the criterion (the
/// annex's footnote gives one indication per product).
fn indication(criterion: OriginCriterion, determination: &StoredDetermination) -> OriginIndication {
    let used = determination.result.get("cumulation").and_then(Value::as_array);
    let first = used.into_iter().flatten().filter_map(Value::as_str).find_map(cumulation);
    match first {
        Some(c) => OriginIndication::Cumulation(c),
        None => OriginIndication::Criterion(criterion),
    }
}

/// An item as the statement needs it: its number, its criterion and the determination that gave it.
struct Determined {
    number: u32,
    criterion: OriginCriterion,
    determination: StoredDetermination,
}

/// Every item of the application with its latest determination under `scheme`, or the first item that is not
/// shown to be originating.
async fn originating_items(tx: &mut Tx, application_id: Uuid, scheme: &str) -> Result<Vec<Determined>, StatementError> {
    let mut items = Vec::new();
    for item in goods::list(tx, application_id).await? {
        // A determination under another scheme says nothing about this one: as good as none.
        let latest = determinations::latest_for_item(tx, item.id).await?.filter(|d| d.scheme == scheme);
        let determination = match latest {
            Some(d) if d.outcome == Outcome::Originating => d,
            other => {
                let outcome = other.map_or(Outcome::Undetermined, |d| d.outcome).as_str().to_owned();
                return Err(StatementError::NotOriginating { line: item.line_no, outcome });
            }
        };
        let text = determination.criterion.as_deref().unwrap_or_default();
        let criterion = text
            .parse::<OriginCriterion>()
            .map_err(|e| StatementError::Document(format!("item {}: {e}", item.line_no)))?;
        let number = u32::try_from(item.line_no).map_err(|e| StatementError::Document(e.to_string()))?;
        items.push(Determined { number, criterion, determination });
    }
    if items.is_empty() {
        return Err(invalid("items", "the application has no goods items"));
    }
    Ok(items)
}

/// The text as registered (the documents layer's, with the commercial document's line, normalised) and the
/// criteria as printed in it.
fn write_text(
    kind: StatementKind,
    exporter: &Exporter,
    rex: Option<&RexNumber>,
    value: Decimal,
    checked: &Checked,
    items: Vec<Determined>,
) -> Result<(String, String), StatementError> {
    let country = &exporter.data.country;
    let country_of_origin = origo_rules::countries::name(country).unwrap_or_else(|| country.clone());
    let (made, criterion) = match kind {
        StatementKind::StatementOnOrigin => {
            let indications: Vec<(u32, OriginIndication)> =
                items.into_iter().map(|i| (i.number, indication(i.criterion, &i.determination))).collect();
            let statement = GspStatement {
                rex: rex.cloned(),
                country_of_origin,
                originating_value_eur: value,
                replacement: checked.replacement.clone(),
                items: indications.clone(),
            };
            (doc::gsp_statement(&statement), doc::by_item(&indications))
        }
        StatementKind::OriginDeclaration => {
            let criteria: Vec<(u32, OriginCriterion)> = items.into_iter().map(|i| (i.number, i.criterion)).collect();
            let declaration = DctsDeclaration {
                customs_id: rex.map(RexNumber::to_string),
                country_of_origin,
                place: checked.place.clone(),
                date: doc_date(checked.date),
                exporter_name: exporter.data.name.clone(),
                items: criteria.clone(),
            };
            (doc::dcts_declaration(&declaration), doc::by_item(&criteria))
        }
    };
    let made = made.map_err(|e| match e {
        doc::StatementError::Threshold(ThresholdError::RegistrationRequired { value, limit }) => {
            StatementError::RegistrationRequired { value, limit }
        }
        other => StatementError::Document(other.to_string()),
    })?;
    let made = match &checked.reference {
        Some(reference) => doc::on_document(made, reference),
        None => made,
    };
    Ok((normalise(&made.text), criterion))
}

impl Service {
    /// The exporter makes out the statement on origin (EU GSP) or origin declaration (UK DCTS) of its own submitted
    /// application, every item of which was determined originating; the text's hash is registered. Made out again
    /// with the same outcome, the registered statement is returned (`created: false`).
    pub async fn make_out_statement(
        &self,
        caller: &Caller,
        application_id: Uuid,
        request: StatementRequest,
    ) -> Result<MadeOutStatement, StatementError> {
        let checked = check_request(&request, self.clock.today())?;
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::MakeOutStatement, application_id).await?;
        let kind = statement_kind(application.kind)?;
        if !matches!(application.state, ApplicationState::Submitted | ApplicationState::Approved) {
            return Err(StatementError::WrongState(application.state));
        }
        if kind == StatementKind::OriginDeclaration && checked.replacement.is_some() {
            return Err(invalid("replacement", "replacement statements exist only for the EU GSP statement on origin"));
        }
        let items = originating_items(&mut tx, application_id, scheme_for(application.kind)).await?;
        let exporter = exporters::get(&mut tx, application.exporter_id).await?;
        let rex = rex_in_force(&exporter, checked.date);
        if rex.is_none() && checked.value.is_none() {
            return Err(invalid(
                "originating_value_eur",
                format!(
                    "is required: the exporter has no REX number in force on {}, so the EUR 6 000 rule applies",
                    checked.date
                ),
            ));
        }
        let value = checked.value.unwrap_or(Decimal::ZERO);
        doc::exporter_eligibility(value, rex.as_ref()).map_err(|e| match e {
            ThresholdError::RegistrationRequired { value, limit } => {
                StatementError::RegistrationRequired { value, limit }
            }
            ThresholdError::NegativeValue(_) => invalid("originating_value_eur", "must not be negative"),
        })?;

        let (text, criterion) = write_text(kind, &exporter, rex.as_ref(), value, &checked, items)?;
        let text_hash = doc::sha256_hex(&text);

        if let Some(existing) = statements::find_for_application(&mut tx, application_id).await? {
            tx.rollback().await?;
            return if existing.text_hash == text_hash {
                Ok(MadeOutStatement { statement: existing, created: false })
            } else {
                Err(StatementError::AlreadyMadeOut { made_out_on: existing.made_out_on })
            };
        }
        let new = NewStatement {
            text,
            kind,
            exporter_id: Some(exporter.id),
            rex_number: rex.map(|r| r.to_string()),
            application_id: Some(application_id),
            criterion: Some(criterion),
            made_out_on: checked.date,
            consignment_value_eur: checked.value,
            place: Some(checked.place),
            document_reference: checked.reference,
        };
        let statement = match statements::register(&mut tx, &caller.audit_actor(self.clock.now()), &new).await {
            Ok(statement) => statement,
            // Another request for this application got there first (the check above ran before its commit).
            Err(e) if e.is_unique("statements_application_id_key") => {
                drop(tx);
                return self.registered_meanwhile(application_id, &text_hash).await;
            }
            Err(e) => return Err(e.into()),
        };
        tx.commit().await?;
        Ok(MadeOutStatement { statement, created: true })
    }

    /// The answer when a concurrent request registered the application's statement first.
    async fn registered_meanwhile(
        &self,
        application_id: Uuid,
        text_hash: &str,
    ) -> Result<MadeOutStatement, StatementError> {
        let mut conn = self.store.conn().await?;
        match statements::find_for_application(&mut conn, application_id).await? {
            Some(existing) if existing.text_hash == text_hash => {
                Ok(MadeOutStatement { statement: existing, created: false })
            }
            Some(existing) => Err(StatementError::AlreadyMadeOut { made_out_on: existing.made_out_on }),
            None => Err(StatementError::Store(StoreError::Database(
                "statements_application_id_key refused a statement that is not there".into(),
            ))),
        }
    }

    /// Statements, a page of `limit` after `after`: an exporter's own; every one for the certifying body, customs
    /// and auditors (the roles that read applications).
    pub async fn statements(
        &self,
        caller: &Caller,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Statement>, StatementError> {
        let own = caller.exporter_id();
        if caller.role() == Role::Exporter && own.is_none() {
            return Ok(Vec::new());
        }
        let owner = own.map(|id| id.to_string());
        caller.may(Action::ReadApplication, &Resource { exporter_id: owner.as_deref(), ..Resource::default() })?;
        let mut conn = self.store.conn().await?;
        let scope = if caller.role() == Role::Exporter { own } else { None };
        Ok(statements::list(&mut conn, scope, after, limit).await?)
    }

    /// The public check (no sign-in): the registered statement with this text (normalised as at registration) or
    /// this hash. Unknown is [`StatementError::NotFound`].
    pub async fn check_statement(&self, lookup: StatementLookup<'_>) -> Result<PublicStatement, StatementError> {
        let hash = match lookup {
            StatementLookup::Text(text) => {
                let text = normalise(text);
                if text.is_empty() {
                    return Err(invalid("text", "must not be empty"));
                }
                doc::sha256_hex(&text)
            }
            StatementLookup::Sha256(hash) if is_sha256_hex(hash) => hash.to_ascii_lowercase(),
            StatementLookup::Sha256(_) => return Err(invalid("sha256", "must be 64 hexadecimal digits")),
        };
        let mut conn = self.store.conn().await?;
        let statement = statements::find_by_text_hash(&mut conn, &hash).await?.ok_or(StatementError::NotFound)?;
        let exporter_name = match statement.exporter_id {
            Some(id) => {
                let exporter = exporters::get(&mut conn, id).await?;
                exporter.data.consent_to_publication.then_some(exporter.data.name)
            }
            None => None,
        };
        Ok(PublicStatement {
            kind: statement.kind,
            text_hash: statement.text_hash,
            made_out_on: statement.made_out_on,
            rex_number: statement.rex_number,
            criterion: statement.criterion,
            exporter_name,
            not_confirmed_on: statement.not_confirmed_at.map(|at| at.date()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_normalised_like_the_registered_one() {
        let registered = "Commercial document: Invoice 7\nThe exporter declares P";
        assert_eq!(normalise(registered), registered);
        for pasted in [
            "Commercial document: Invoice 7\r\nThe exporter declares P\r\n",
            "\u{feff}Commercial document: Invoice 7  \nThe exporter declares P\t\n\n",
            "\n  Commercial document: Invoice 7\rThe exporter declares P ",
        ] {
            assert_eq!(normalise(pasted), registered, "{pasted:?}");
        }
        // Inside a line nothing changes: a one-character difference stays a difference.
        assert_ne!(normalise("The exporter  declares P"), normalise("The exporter declares P"));
        assert_ne!(normalise("the exporter declares P"), normalise("The exporter declares P"));
    }

    #[test]
    fn hashes_are_64_hex_digits() {
        assert!(is_sha256_hex(&"a".repeat(64)));
        assert!(is_sha256_hex(&"A0".repeat(32)));
        assert!(!is_sha256_hex(&"a".repeat(63)));
        assert!(!is_sha256_hex(&"g".repeat(64)));
    }

    #[test]
    fn one_line_fields_refuse_line_breaks_and_blanks() {
        assert_eq!(one_line("place", "  Tashkent ").unwrap(), "Tashkent");
        assert!(matches!(one_line("place", " "), Err(StatementError::Invalid { .. })));
        assert!(matches!(one_line("place", "Tash\nkent"), Err(StatementError::Invalid { .. })));
        assert!(one_line("place", &"x".repeat(MAX_LINE + 1)).is_err());
    }

    #[test]
    fn engine_cumulation_labels_map_to_the_annex_wording() {
        assert_eq!(cumulation("EU cumulation"), Some(Cumulation::Eu));
        assert_eq!(cumulation("regional cumulation"), Some(Cumulation::Regional));
        assert_eq!(
            cumulation("extended cumulation with Viet Nam"),
            Some(Cumulation::Extended { country: "Viet Nam".into() })
        );
        assert_eq!(cumulation("Bilateral cumulation"), None);
    }
}
