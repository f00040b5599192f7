//! `origo audit verify`: exit 0 when the trail is intact, 1 naming the first bad record.

use std::process::ExitCode;

use anyhow::Context;
use origo_store::Store;

use crate::server_cmd::{DatabaseArgs, redact, runtime};

/// `origo audit verify`: checks every record of the audit trail against its hash, its predecessor and the head.
pub fn verify(args: DatabaseArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        // Connect without migrating: a check must not change the database it checks.
        let store = Store::connect(&args.database_url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&args.database_url)))?;
        let report = origo_store::audit::verify(&store).await.context("cannot read the audit trail")?;
        store.close().await;
        match report.first_bad {
            None => {
                println!("audit trail intact: {} records, head {}", report.records, report.head.hash);
                Ok(ExitCode::SUCCESS)
            }
            Some(fault) => {
                println!("audit trail broken: {fault}");
                Ok(ExitCode::FAILURE)
            }
        }
    })
}
