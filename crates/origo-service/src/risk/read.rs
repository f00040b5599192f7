//! Reading an application's risk assessments: officers and the read-only roles (`Action::ReadRiskAssessment`),
//! never the exporter. The exporter is not told its score, route or findings: knowing which indicators fired
//! would show how to steer around them, and a random selection announced is no longer random.

use origo_store::risk_assessments::{self, RiskAssessment};
use uuid::Uuid;

use crate::access::Caller;
use crate::intake::IntakeError;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// An application's assessments: the latest, which routes it, and the earlier ones (before resubmissions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskReport {
    pub latest: RiskAssessment,
    /// Oldest first.
    pub earlier: Vec<RiskAssessment>,
}

impl Service {
    /// The risk assessments of application `id`; `None` when it was never submitted. An application the caller may
    /// not see is "not found".
    pub async fn risk_report(&self, caller: &Caller, id: Uuid) -> Result<Option<RiskReport>, IntakeError> {
        caller.may(Action::ReadRiskAssessment, &Resource::default())?;
        let mut snapshot = self.store.snapshot().await?;
        self.application_for(&mut snapshot, caller, Action::ReadApplication, id).await?;
        let mut all = risk_assessments::list_for_application(&mut snapshot, id).await?;
        snapshot.finish().await?;
        let Some(position) = all.iter().position(|a| a.latest) else { return Ok(None) };
        let latest = all.remove(position);
        Ok(Some(RiskReport { latest, earlier: all }))
    }

    /// The latest assessment of application `id` when the caller may read assessments, else `None` (for views of
    /// the application that officers and exporters share).
    pub(crate) async fn risk_for_view(
        &self,
        db: &mut impl origo_store::Db,
        caller: &Caller,
        id: Uuid,
    ) -> Result<Option<RiskAssessment>, IntakeError> {
        if caller.may(Action::ReadRiskAssessment, &Resource::default()).is_err() {
            return Ok(None);
        }
        Ok(risk_assessments::latest(db, id).await?)
    }
}
