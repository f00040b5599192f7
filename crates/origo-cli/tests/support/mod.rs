//! What the CLI's integration tests share.

pub mod server;
