//! The roles of DOMAIN.md section 1 and the actor: who is asking, in which role, for which exporter or country.

/// The roles are the store's type: one definition, spelled the same in the database, the API and the policy.
pub use origo_store::Role;

/// Who is acting: an authenticated user (or machine token) in one role, with the scope that role carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    /// For an exporter: the exporter it acts for.
    pub exporter_id: Option<String>,
    /// For a foreign authority: its country (ISO alpha-2).
    pub country: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{role}\""));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
