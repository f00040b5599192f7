//! The certifying body's work queue: every exporter's applications that have left the exporter's hands, filtered,
//! searched, sorted and cut into numbered pages by the store (`origo_store::queue`), counted in the same snapshot
//! so that "page 3 of 12" and the rows agree. Officers only: an exporter has its own list.

use origo_store::queue::{self, QueueFilter, QueueRow, QueueSort};

use crate::access::Caller;
use crate::intake::IntakeError;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// The most rows one page of the queue shows.
pub const MAX_PER_PAGE: u32 = 200;

/// Which page of the queue to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueQuery {
    pub filter: QueueFilter,
    pub sort: QueueSort,
    /// 1 for the first page; a page past the last one reads the last one.
    pub page: u64,
    /// Rows per page, 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for QueueQuery {
    fn default() -> QueueQuery {
        QueueQuery { filter: QueueFilter::default(), sort: QueueSort::SubmittedAsc, page: 1, per_page: 50 }
    }
}

/// One page of the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    /// Applications the filter selects, on every page.
    pub total: u64,
    /// The page read (1-based, at most `pages`).
    pub page: u64,
    /// How many pages there are (at least 1).
    pub pages: u64,
}

impl Service {
    /// A page of the work queue.
    pub async fn application_queue(&self, caller: &Caller, query: &QueueQuery) -> Result<QueuePage, IntakeError> {
        caller.may(Action::ReadQueue, &Resource::default())?;
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let mut snapshot = self.store.snapshot().await?;
        let total = queue::count(&mut snapshot, &query.filter).await?;
        let pages = total.div_ceil(u64::from(per_page)).max(1);
        let page = query.page.clamp(1, pages);
        let offset = (page - 1) * u64::from(per_page);
        let rows = queue::page(&mut snapshot, &query.filter, query.sort, offset, per_page).await?;
        snapshot.finish().await?;
        Ok(QueuePage { rows, total, page, pages })
    }
}
