//! The officers' work queue: applications that have left the exporter's hands, filtered by workflow state and
//! risk flag, searched by exporter name, TIN, application id or HS code, sorted, counted and cut into pages in
//! SQL, so that a page reads about as many rows with ten thousand applications as with ten (the default order,
//! by submission within a state, follows the index `applications_queue_idx`).
//!
//! The risk engine's latest assessment of each application (`risk_assessments`, `latest = 1`) gives the route
//! and score the queue can be filtered and sorted by; an application never assessed has neither.
//!
//! Searching is case-insensitive for ASCII on both backends (`LOWER(..) LIKE`); SQLite's `LOWER` leaves other
//! scripts as they are, so a Cyrillic name is found when typed with the same case as stored.

use serde_json::Value;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::applications::{ApplicationState, ProofKind};
use crate::codec::{RowExt, text_enum};
use crate::error::StoreError;
use crate::risk_assessments::RiskRoute;
use crate::tx::Db;

text_enum! {
    /// Where an application stands in the certifying body's work, as officers sort it: the stored states, with
    /// an approval still waiting for its second signature apart from one ready to be issued. Drafts are the
    /// exporter's and never in the queue.
    pub enum QueueState {
        Submitted = "submitted",
        InformationRequested = "information_requested",
        AwaitingSecondSignature = "awaiting_second_signature",
        /// Approved, and countersigned where that is needed: ready to be issued.
        Approved = "approved",
        Refused = "refused",
        Issued = "issued",
        /// Every state but draft.
        All = "all",
    }
}

text_enum! {
    /// The order of the queue. Each breaks ties by application id, so that pages never overlap.
    pub enum QueueSort {
        /// Oldest submission first: the default, first come first served.
        SubmittedAsc = "submitted",
        SubmittedDesc = "-submitted",
        ExporterAsc = "exporter",
        ExporterDesc = "-exporter",
        UpdatedAsc = "updated",
        /// Most recently changed first.
        UpdatedDesc = "-updated",
        /// Lowest risk score first (never assessed last).
        ScoreAsc = "score",
        /// Highest risk score first (never assessed last).
        ScoreDesc = "-score",
    }
}

impl QueueState {
    /// The condition on `applications a` (fixed text: nothing of the request is pasted into SQL).
    fn condition(self) -> &'static str {
        match self {
            QueueState::Submitted => "a.state = 'submitted'",
            QueueState::InformationRequested => "a.state = 'information_requested'",
            QueueState::AwaitingSecondSignature => {
                "a.state = 'approved' AND a.high_risk = 1 AND a.second_signer_id IS NULL"
            }
            QueueState::Approved => "a.state = 'approved' AND (a.high_risk = 0 OR a.second_signer_id IS NOT NULL)",
            QueueState::Refused => "a.state = 'refused'",
            QueueState::Issued => "a.state = 'issued'",
            QueueState::All => "a.state <> 'draft'",
        }
    }
}

impl QueueSort {
    fn order_by(self) -> &'static str {
        match self {
            QueueSort::SubmittedAsc => "a.submitted_at, a.id",
            QueueSort::SubmittedDesc => "a.submitted_at DESC, a.id DESC",
            QueueSort::ExporterAsc => "e.name, a.submitted_at, a.id",
            QueueSort::ExporterDesc => "e.name DESC, a.submitted_at, a.id",
            QueueSort::UpdatedAsc => "a.updated_at, a.id",
            QueueSort::UpdatedDesc => "a.updated_at DESC, a.id DESC",
            // The score is text with two decimals, so text order is numeric order; unassessed rows sort last on
            // both backends (SQLite puts NULL first and PostgreSQL last unless told).
            QueueSort::ScoreAsc => "CASE WHEN r.score IS NULL THEN 1 ELSE 0 END, r.score, a.submitted_at, a.id",
            QueueSort::ScoreDesc => "CASE WHEN r.score IS NULL THEN 1 ELSE 0 END, r.score DESC, a.submitted_at, a.id",
        }
    }
}

/// Which applications the queue shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueFilter {
    pub state: QueueState,
    /// Only those flagged (`Some(true)`) or not flagged (`Some(false)`) as high-risk.
    pub high_risk: Option<bool>,
    /// Only those whose latest risk assessment routed them here.
    pub route: Option<RiskRoute>,
    /// Only those selected (`Some(true)`) or not selected (`Some(false)`) at random by their latest assessment.
    pub randomly_selected: Option<bool>,
    /// Words typed by the officer: part of the exporter's name or TIN or of the application id, or the start of
    /// an item's HS code (dots and spaces ignored). Empty for no search.
    pub search: String,
}

impl Default for QueueFilter {
    fn default() -> QueueFilter {
        QueueFilter {
            state: QueueState::Submitted,
            high_risk: None,
            route: None,
            randomly_selected: None,
            search: String::new(),
        }
    }
}

/// One line of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub id: Uuid,
    pub exporter_id: Uuid,
    pub exporter_name: String,
    pub exporter_tin: String,
    pub kind: ProofKind,
    pub state: ApplicationState,
    pub high_risk: bool,
    pub second_signer_id: Option<Uuid>,
    /// The consignment data (importing country, consignee ...).
    pub consignment: Value,
    pub submitted_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    /// How many goods items the application has.
    pub items: i64,
    /// The HS code of its first item.
    pub first_hs_code: Option<String>,
    /// The latest risk assessment's score, route and random selection; `None` when never assessed.
    pub risk_score: Option<rust_decimal::Decimal>,
    pub risk_route: Option<RiskRoute>,
    pub randomly_selected: Option<bool>,
}

/// A value bound to a placeholder.
enum Bind {
    Text(String),
    Int(i64),
}

/// `text` with `%`, `_` and `\` escaped for `LIKE ... ESCAPE '\'`.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The WHERE clause of a filter and its values, numbered from `$1`.
///
/// The search reads each small table once rather than each application's rows: the exporters whose name or TIN
/// match (a hundred rows, not ten thousand joins) and the goods items whose HS code starts with the digits typed
/// are uncorrelated subqueries, so the database builds each set once and probes it per application.
fn where_clause(filter: &QueueFilter) -> (String, Vec<Bind>) {
    let mut sql = String::from(filter.state.condition());
    let mut binds = Vec::new();
    if let Some(high_risk) = filter.high_risk {
        binds.push(Bind::Int(i64::from(high_risk)));
        sql.push_str(&format!(" AND a.high_risk = ${}", binds.len()));
    }
    if let Some(route) = filter.route {
        binds.push(Bind::Text(route.as_str().to_owned()));
        sql.push_str(&format!(" AND r.route = ${}", binds.len()));
    }
    if let Some(selected) = filter.randomly_selected {
        binds.push(Bind::Int(i64::from(selected)));
        sql.push_str(&format!(" AND r.randomly_selected = ${}", binds.len()));
    }
    let term = filter.search.trim().to_lowercase();
    if !term.is_empty() {
        binds.push(Bind::Text(format!("%{}%", like_escaped(&term))));
        let n = binds.len();
        sql.push_str(&format!(
            " AND (a.exporter_id IN (SELECT x.id FROM exporters x WHERE LOWER(x.name) LIKE ${n} ESCAPE '\\' \
             OR LOWER(x.tin) LIKE ${n} ESCAPE '\\')"
        ));
        // Only a term that can be part of an id is looked for in the ids (stored in lower case, as the term is).
        if term.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            sql.push_str(&format!(" OR a.id LIKE ${n} ESCAPE '\\'"));
        }
        let digits: String = term.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            binds.push(Bind::Text(format!("{digits}%")));
            let m = binds.len();
            sql.push_str(&format!(
                " OR a.id IN (SELECT g.application_id FROM goods_items g WHERE g.hs_code LIKE ${m})"
            ));
        }
        sql.push(')');
    }
    (sql, binds)
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: Vec<Bind>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for bind in binds {
        query = match bind {
            Bind::Text(text) => query.bind(text),
            Bind::Int(value) => query.bind(value),
        };
    }
    query
}

/// The join of the latest risk assessment, when the filter or the order reads it.
const RISK_JOIN: &str = " LEFT JOIN risk_assessments r ON r.application_id = a.id AND r.latest = 1";

fn reads_risk(filter: &QueueFilter) -> bool {
    filter.route.is_some() || filter.randomly_selected.is_some()
}

/// How many applications the filter selects.
pub async fn count(db: &mut impl Db, filter: &QueueFilter) -> Result<u64, StoreError> {
    let (condition, binds) = where_clause(filter);
    let join = if reads_risk(filter) { RISK_JOIN } else { "" };
    let sql = format!("SELECT COUNT(*) AS n FROM applications a{join} WHERE {condition}");
    let row = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), binds).fetch_one(db.conn()).await?;
    Ok(u64::try_from(row.int("n")?).unwrap_or(0))
}

/// The applications of one page: `limit` of them after skipping `offset`, in `sort` order.
pub async fn page(
    db: &mut impl Db,
    filter: &QueueFilter,
    sort: QueueSort,
    offset: u64,
    limit: u32,
) -> Result<Vec<QueueRow>, StoreError> {
    let (condition, mut binds) = where_clause(filter);
    binds.push(Bind::Int(i64::from(limit)));
    let limit_at = binds.len();
    binds.push(Bind::Int(i64::try_from(offset).unwrap_or(i64::MAX)));
    let offset_at = binds.len();
    // The page's ids first (from the index alone for the default order), then the columns of those rows only:
    // the skipped rows of a late page and the filtered-out ones are never read from the table.
    let order = sort.order_by();
    let mut join = String::new();
    if matches!(sort, QueueSort::ExporterAsc | QueueSort::ExporterDesc) {
        join.push_str(" JOIN exporters e ON e.id = a.exporter_id");
    }
    if reads_risk(filter) || matches!(sort, QueueSort::ScoreAsc | QueueSort::ScoreDesc) {
        join.push_str(RISK_JOIN);
    }
    let sql = format!(
        "SELECT a.id, a.exporter_id, e.name AS exporter_name, e.tin AS exporter_tin, a.kind, a.state, a.high_risk, \
         a.second_signer_id, a.consignment, a.submitted_at, a.updated_at, \
         (SELECT COUNT(*) FROM goods_items g WHERE g.application_id = a.id) AS items, \
         (SELECT g.hs_code FROM goods_items g WHERE g.application_id = a.id ORDER BY g.line_no LIMIT 1) AS first_hs, \
         r.score AS risk_score, r.route AS risk_route, r.randomly_selected AS risk_random \
         FROM (SELECT a.id AS pick FROM applications a{join} WHERE {condition} \
         ORDER BY {order} LIMIT ${limit_at} OFFSET ${offset_at}) p \
         JOIN applications a ON a.id = p.pick JOIN exporters e ON e.id = a.exporter_id{RISK_JOIN} ORDER BY {order}"
    );
    let rows = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), binds).fetch_all(db.conn()).await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<QueueRow, StoreError> {
    Ok(QueueRow {
        id: row.id("id")?,
        exporter_id: row.id("exporter_id")?,
        exporter_name: row.text("exporter_name")?,
        exporter_tin: row.text("exporter_tin")?,
        kind: row.parsed("kind")?,
        state: row.parsed("state")?,
        high_risk: row.flag("high_risk")?,
        second_signer_id: row.opt_id("second_signer_id")?,
        consignment: row.json("consignment")?,
        submitted_at: row.opt_ts("submitted_at")?,
        updated_at: row.ts("updated_at")?,
        items: row.int("items")?,
        first_hs_code: row.opt_text("first_hs")?,
        risk_score: row.opt_dec("risk_score")?,
        risk_route: row
            .opt_text("risk_route")?
            .map(|t| t.parse())
            .transpose()
            .map_err(|e: String| StoreError::corrupt("risk_route", e))?,
        randomly_selected: row.opt_flag("risk_random")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_are_escaped_and_hs_digits_matched_from_the_start() {
        assert_eq!(like_escaped("50%_a\\b"), "50\\%\\_a\\\\b");
        let filter = QueueFilter { search: " 9403.60 ".into(), ..QueueFilter::default() };
        let (sql, binds) = where_clause(&filter);
        assert!(sql.contains("g.hs_code LIKE $2"), "{sql}");
        assert!(matches!(&binds[1], Bind::Text(t) if t == "940360%"));
        let named = QueueFilter { search: "Furniture".into(), high_risk: Some(true), ..QueueFilter::default() };
        let (sql, binds) = where_clause(&named);
        assert!(sql.contains("a.high_risk = $1") && sql.contains("LIKE $2") && !sql.contains("hs_code"), "{sql}");
        assert!(matches!(&binds[1], Bind::Text(t) if t == "%furniture%"));
        let (plain, none) = where_clause(&QueueFilter::default());
        assert_eq!((plain.as_str(), none.len()), ("a.state = 'submitted'", 0));
    }

    #[test]
    fn the_risk_filters_read_the_latest_assessment() {
        let filter =
            QueueFilter { route: Some(RiskRoute::Inspection), randomly_selected: Some(true), ..QueueFilter::default() };
        let (sql, binds) = where_clause(&filter);
        assert!(sql.contains("r.route = $1") && sql.contains("r.randomly_selected = $2"), "{sql}");
        assert!(matches!(&binds[0], Bind::Text(t) if t == "inspection"));
        assert!(reads_risk(&filter) && !reads_risk(&QueueFilter::default()));
    }
}
