//! Statements on origin and origin declarations: the request that makes one out, the statement as the exporter
//! and the officers see it, and the public check (by pasted text, or by hash) with its public view.

use origo_service::statements::{PublicStatement, ReplacementRequest, StatementRequest};
use origo_store::statements::Statement;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::common::{date_text, parse_date};
use crate::error::AppError;

/// The original statement a replacement statement (EU GSP only) stands in for.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplacementIn {
    /// YYYY-MM-DD: when the original statement was made out.
    pub original_date: String,
    /// The re-consignor's name and complete address.
    pub reconsignor: String,
    /// The original exporter's name and complete address.
    pub original_exporter: String,
    /// The original exporter's REX number.
    pub original_exporter_rex: String,
}

/// `POST /api/v1/applications/{id}/statement`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MakeOutRequest {
    /// Where the statement is made out (printed in the UK DCTS declaration).
    pub place: String,
    /// YYYY-MM-DD, today or earlier; today when absent.
    pub date: Option<String>,
    /// The consignment's total value of originating products in EUR (a decimal). Required when the exporter has
    /// no REX number in force: at most 6 000 then.
    pub originating_value_eur: Option<Decimal>,
    /// The commercial document the statement is made out on (`Invoice 17 of 2026-05-01`); printed as the text's
    /// first line.
    pub document_reference: Option<String>,
    /// Makes a replacement statement (EU GSP only).
    pub replacement: Option<ReplacementIn>,
}

impl MakeOutRequest {
    /// The service's request; dates are read here, everything else is checked by the service.
    pub fn into_request(self) -> Result<StatementRequest, AppError> {
        let date = self.date.as_deref().map(|d| parse_date("date", d)).transpose()?;
        let replacement = match self.replacement {
            Some(r) => Some(ReplacementRequest {
                original_date: parse_date("replacement.original_date", &r.original_date)?,
                reconsignor: r.reconsignor,
                original_exporter: r.original_exporter,
                original_exporter_rex: r.original_exporter_rex,
            }),
            None => None,
        };
        Ok(StatementRequest {
            place: self.place,
            date,
            originating_value_eur: self.originating_value_eur,
            document_reference: self.document_reference,
            replacement,
        })
    }
}

/// A registered statement, for its exporter and the officers.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementOut {
    pub id: Uuid,
    /// statement_on_origin (EU GSP) or origin_declaration (UK DCTS).
    pub kind: String,
    /// The exact text to print on the commercial document, lines separated by `\n`.
    pub text: String,
    /// SHA-256 of `text` (UTF-8), lowercase hex: what the public check looks up.
    pub text_hash: String,
    /// YYYY-MM-DD.
    pub made_out_on: String,
    pub place: Option<String>,
    /// The REX number in the text; null for an exporter without one in force (EUR 6 000 rule).
    pub rex_number: Option<String>,
    /// The criteria or cumulation indications as printed (`W 94.03`, `W 61.09 (items 1, 3); P (item 2)`).
    pub criterion: Option<String>,
    pub originating_value_eur: Option<Decimal>,
    pub document_reference: Option<String>,
    pub application_id: Option<Uuid>,
    pub exporter_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

impl From<Statement> for StatementOut {
    fn from(s: Statement) -> StatementOut {
        StatementOut {
            id: s.id,
            kind: s.kind.as_str().to_owned(),
            text: s.text,
            text_hash: s.text_hash,
            made_out_on: date_text(s.made_out_on),
            place: s.place,
            rex_number: s.rex_number,
            criterion: s.criterion,
            originating_value_eur: s.consignment_value_eur,
            document_reference: s.document_reference,
            application_id: s.application_id,
            exporter_id: s.exporter_id,
            created_at: s.created_at,
        }
    }
}

/// `POST /api/v1/public/statements/check`: the statement's text as printed (line endings and trailing blanks
/// do not matter; see docs/api.md).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckStatementRequest {
    pub text: String,
}

/// What anyone may learn about a registered statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicStatementOut {
    /// statement_on_origin or origin_declaration.
    pub kind: String,
    pub text_hash: String,
    /// YYYY-MM-DD.
    pub made_out_on: String,
    pub rex_number: Option<String>,
    pub criterion: Option<String>,
    /// Only when the exporter consented to publication in the registry.
    pub exporter_name: Option<String>,
    /// YYYY-MM-DD: a verification by an importing country's authority was answered "not confirmed" that day; null
    /// otherwise.
    pub not_confirmed_on: Option<String>,
}

impl From<PublicStatement> for PublicStatementOut {
    fn from(p: PublicStatement) -> PublicStatementOut {
        PublicStatementOut {
            kind: p.kind.as_str().to_owned(),
            text_hash: p.text_hash,
            made_out_on: date_text(p.made_out_on),
            rex_number: p.rex_number,
            criterion: p.criterion,
            exporter_name: p.exporter_name,
            not_confirmed_on: p.not_confirmed_on.map(date_text),
        }
    }
}
