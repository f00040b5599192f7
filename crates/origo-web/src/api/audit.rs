//! The audit trail as its readers see it: records a page at a time (by sequence number, not by id: the chain's
//! own order), and the report of a check of the whole chain.

use origo_store::audit::{AuditRecord, ChainFault, ChainReport};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::api::common::page_limit;
use crate::error::{AppError, Code};

/// `?after=&limit=&entity_type=&entity_id=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditListQuery {
    /// Records after this sequence number (the previous page's `next_after`); 0 or absent for the start.
    pub after: Option<i64>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// Only records about one entity (`certificate`, `user`, ...); needs `entity_id`.
    pub entity_type: Option<String>,
    /// The entity's id; needs `entity_type`.
    pub entity_id: Option<String>,
}

impl AuditListQuery {
    /// The query, checked: the service's terms.
    pub fn checked(self) -> Result<origo_service::audit_read::AuditQuery, AppError> {
        let limit = page_limit(self.limit)?;
        let after = self.after.unwrap_or(0);
        if after < 0 {
            return Err(AppError::field(Code::InvalidParameter, "after", "after must not be negative"));
        }
        let entity = match (self.entity_type, self.entity_id) {
            (Some(kind), Some(id)) => Some((kind, id)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(AppError::field(Code::InvalidParameter, "entity_id", "entity_type needs entity_id"));
            }
            (None, Some(_)) => {
                return Err(AppError::field(Code::InvalidParameter, "entity_type", "entity_id needs entity_type"));
            }
        };
        Ok(origo_service::audit_read::AuditQuery { after, limit, entity })
    }
}

/// One record of the trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditRecordOut {
    /// Position in the chain, from 1.
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
    /// The user who made the change; null for the system.
    pub actor_id: Option<String>,
    /// The user's role, or `system`.
    pub actor_role: String,
    /// `<entity>.<verb>`, e.g. `certificate.issued`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// SHA-256 of the entity's state before the change; null when it was created.
    pub before_hash: Option<String>,
    /// SHA-256 of the entity's state after the change.
    pub after_hash: Option<String>,
    /// The decision's reason, when there is one.
    pub reason: Option<String>,
    /// The previous record's hash.
    pub prev_hash: String,
    /// This record's hash.
    pub hash: String,
}

impl From<AuditRecord> for AuditRecordOut {
    fn from(r: AuditRecord) -> AuditRecordOut {
        AuditRecordOut {
            seq: r.seq,
            at: r.at,
            actor_id: r.actor_id,
            actor_role: r.actor_role,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before_hash: r.before_hash,
            after_hash: r.after_hash,
            reason: r.reason,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// A page of the trail; pass `next_after` back as `after` for the next one (`null`: the last page).
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditRecordOut>,
    pub next_after: Option<i64>,
}

impl AuditPage {
    /// A page from `fetched`, which was asked for `limit + 1` records: the extra one only says there is more.
    pub fn from_fetched(mut fetched: Vec<AuditRecord>, limit: u32) -> AuditPage {
        let more = fetched.len() > limit as usize;
        fetched.truncate(limit as usize);
        let next_after = if more { fetched.last().map(|r| r.seq) } else { None };
        AuditPage { items: fetched.into_iter().map(Into::into).collect(), next_after }
    }
}

/// The end of the chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainHeadOut {
    /// Records so far.
    pub seq: i64,
    /// The last record's hash.
    pub hash: String,
}

/// The first record that is not what was written.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainFaultOut {
    pub seq: i64,
    /// missing, hash_mismatch, broken_link, beyond_head or head_mismatch.
    pub problem: String,
    /// The problem in words.
    pub message: String,
}

impl From<ChainFault> for ChainFaultOut {
    fn from(f: ChainFault) -> ChainFaultOut {
        let problem = serde_json::to_value(f.problem).ok().and_then(|v| v.as_str().map(str::to_owned));
        ChainFaultOut { seq: f.seq, problem: problem.unwrap_or_default(), message: f.to_string() }
    }
}

/// The check of the whole chain against its hashes and head.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainReportOut {
    pub intact: bool,
    /// Records checked (up to the first bad one).
    pub records: u64,
    pub head: ChainHeadOut,
    /// Null when intact.
    pub first_bad: Option<ChainFaultOut>,
}

impl From<ChainReport> for ChainReportOut {
    fn from(r: ChainReport) -> ChainReportOut {
        ChainReportOut {
            intact: r.is_intact(),
            records: r.records,
            head: ChainHeadOut { seq: r.head.seq, hash: r.head.hash },
            first_bad: r.first_bad.map(Into::into),
        }
    }
}
