//! Lists of certificates, as each reader may see them: officers, customs and auditors every certificate of the
//! issuing body; a foreign authority those bound for its country; an exporter its own. The store narrows the list
//! in SQL; each row is still put to the policy, which has the last word.

use origo_store::certificate_list::{self, CertificateFilter, CertificateRow};
use origo_store::certificates::CertificateStatus;
use uuid::Uuid;

use crate::access::Caller;
use crate::policy::{Action, Denied, Resource};
use crate::roles::Role;
use crate::service::Service;
use crate::verification::CertificateError;

/// The most certificates one page lists.
pub const MAX_PER_PAGE: u32 = 200;

/// One page of certificates, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePage {
    pub rows: Vec<CertificateRow>,
    /// Where the next page starts (`before` of the next call), when there is one.
    pub next: Option<Uuid>,
}

/// The importing country of a row: its column, or (stored before the column existed) its document.
fn importing_country(row: &CertificateRow) -> Option<String> {
    row.importing_country.clone().or_else(|| {
        let signed: serde_json::Value = serde_json::from_str(row.document.as_deref()?).ok()?;
        signed.get("document")?.get("importing_country")?.as_str().map(str::to_owned)
    })
}

impl Service {
    /// Up to `limit` certificates the caller may read, with an id below `before`, optionally only those in
    /// `status` or whose number or exporter name contains `search`.
    pub async fn certificate_list(
        &self,
        caller: &Caller,
        status: Option<CertificateStatus>,
        search: &str,
        before: Option<Uuid>,
        limit: u32,
    ) -> Result<CertificatePage, CertificateError> {
        // The role must be able to read some certificates at all.
        match caller.may(Action::ReadCertificate, &Resource::default()) {
            Ok(()) | Err(Denied::NotVisible) => {}
            Err(denied) => return Err(denied.into()),
        }
        let mut filter = CertificateFilter { status, search: search.to_owned(), ..CertificateFilter::default() };
        match caller.role() {
            Role::Exporter => match caller.exporter_id() {
                Some(own) => filter.exporter_id = Some(own),
                None => return Ok(CertificatePage { rows: Vec::new(), next: None }),
            },
            Role::ForeignAuthority => match &caller.actor.country {
                Some(country) => filter.importing_country = Some(country.clone()),
                None => return Ok(CertificatePage { rows: Vec::new(), next: None }),
            },
            _ => {}
        }
        let limit = limit.clamp(1, MAX_PER_PAGE);
        let mut conn = self.store.conn().await?;
        let mut rows = certificate_list::list(&mut conn, &filter, before, limit + 1).await?;
        let next = (rows.len() > limit as usize).then(|| rows[limit as usize - 1].id);
        rows.truncate(limit as usize);
        rows.retain(|row| {
            let owner = row.exporter_id.to_string();
            let importing = importing_country(row);
            let resource =
                Resource { exporter_id: Some(&owner), importing_country: importing.as_deref(), examiner_id: None };
            caller.may(Action::ReadCertificate, &resource).is_ok()
        });
        Ok(CertificatePage { rows, next })
    }
}

#[cfg(test)]
mod tests {
    use origo_store::applications::ProofKind;
    use time::macros::datetime;

    use super::*;

    fn row(importing_country: Option<&str>, document: Option<&str>) -> CertificateRow {
        CertificateRow {
            id: Uuid::nil(),
            number: "UZ-2026-000001".into(),
            kind: ProofKind::NonPreferential,
            status: CertificateStatus::Valid,
            exporter_id: Uuid::nil(),
            exporter_name: "Exporter".into(),
            application_id: None,
            importing_country: importing_country.map(str::to_owned),
            issued_at: datetime!(2026-05-01 09:00 UTC),
            status_changed_at: None,
            document: document.map(str::to_owned),
        }
    }

    #[test]
    fn the_column_is_read_first_and_the_document_for_older_rows() {
        assert_eq!(importing_country(&row(Some("DE"), None)).as_deref(), Some("DE"));
        let signed = r#"{"document":{"importing_country":"FR","items":[]},"signature":{"alg":"x"}}"#;
        assert_eq!(importing_country(&row(None, Some(signed))).as_deref(), Some("FR"));
        assert_eq!(importing_country(&row(None, Some("not json"))), None, "unreadable: seen by nobody scoped");
        assert_eq!(importing_country(&row(None, None)), None);
    }
}
