//! The header's navigation: one row per page, with who sees the link. Showing a link is not permission (the
//! service decides on every call); the table only keeps people from being offered pages their role cannot use.
//! A new page adds its row here (and its title key to the catalogues).

use origo_service::roles::Role;

/// Who sees a link.
#[derive(Debug, Clone, Copy)]
pub enum Audience {
    Everyone,
    /// Only visitors who are not signed in.
    Anonymous,
    /// Every signed-in role.
    SignedIn,
    /// These roles only.
    Roles(&'static [Role]),
}

impl Audience {
    pub fn admits(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Audience::Everyone, _) => true,
            (Audience::Anonymous, role) => role.is_none(),
            (Audience::SignedIn, role) => role.is_some(),
            (Audience::Roles(roles), Some(role)) => roles.contains(&role),
            (Audience::Roles(_), None) => false,
        }
    }
}

/// One link of the navigation.
#[derive(Debug, Clone, Copy)]
pub struct NavEntry {
    pub href: &'static str,
    /// The catalogue key of its label.
    pub key: &'static str,
    pub audience: Audience,
}

/// The certifying body's officers, customs and auditors: the people who read the registry, the work and the
/// control records.
const OFFICERS: &[Role] = &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor];
/// [`OFFICERS`] and the importing countries' authorities (who see what concerns their country).
const OFFICERS_AND_FOREIGN: &[Role] =
    &[Role::Certifier, Role::Supervisor, Role::Customs, Role::ForeignAuthority, Role::Auditor];
/// Every role but the exporter.
const EVERY_OFFICIAL: &[Role] =
    &[Role::Certifier, Role::Supervisor, Role::Customs, Role::ForeignAuthority, Role::Auditor, Role::Admin];

/// Every link, in the order shown.
pub const NAV: &[NavEntry] = &[
    NavEntry { href: "/", key: "nav.start", audience: Audience::Anonymous },
    NavEntry { href: "/home", key: "nav.home", audience: Audience::SignedIn },
    // Charts of the work over time (`/dashboard`): the service decides which parts each role sees; a foreign
    // authority gets its own country's verification figures.
    NavEntry { href: "/dashboard", key: "dashboard.nav", audience: Audience::Roles(EVERY_OFFICIAL) },
    NavEntry { href: "/exporter", key: "exporter.nav.dashboard", audience: Audience::Roles(&[Role::Exporter]) },
    NavEntry { href: "/exporter/assess", key: "exporter.nav.assess", audience: Audience::Roles(&[Role::Exporter]) },
    NavEntry { href: "/verify", key: "nav.verify", audience: Audience::Everyone },
    NavEntry { href: "/rex", key: "nav.rex", audience: Audience::Everyone },
    NavEntry { href: "/signup", key: "exporter.nav.signup", audience: Audience::Anonymous },
    NavEntry { href: "/officer/queue", key: "officer.nav.queue", audience: Audience::Roles(OFFICERS) },
    NavEntry { href: "/officer/registry", key: "officer.nav.registry", audience: Audience::Roles(OFFICERS) },
    NavEntry {
        href: "/officer/certificates",
        key: "officer.nav.certificates",
        audience: Audience::Roles(OFFICERS_AND_FOREIGN),
    },
    // Post-clearance control: customs' cases, the certifying body's decisions and flags, importing authorities'
    // utilisation.
    NavEntry { href: "/control/cases", key: "control.nav.cases", audience: Audience::Roles(OFFICERS) },
    NavEntry { href: "/control/proposals", key: "control.nav.proposals", audience: Audience::Roles(OFFICERS) },
    NavEntry { href: "/control/flags", key: "control.nav.flags", audience: Audience::Roles(OFFICERS) },
    NavEntry {
        href: "/control/utilisation",
        key: "control.nav.utilisation",
        audience: Audience::Roles(&[Role::ForeignAuthority]),
    },
    // Administrative cooperation: importing authorities' verification requests and the replies.
    NavEntry {
        href: "/cooperation/requests",
        key: "cooperation.nav.requests",
        audience: Audience::Roles(OFFICERS_AND_FOREIGN),
    },
    // The trail with its check at the top (`/audit/check` stays, linked from there).
    NavEntry {
        href: "/officer/audit",
        key: "officer.nav.audit",
        audience: Audience::Roles(&[Role::Supervisor, Role::Auditor, Role::Admin]),
    },
    NavEntry { href: "/admin/users", key: "admin.nav.users", audience: Audience::Roles(&[Role::Admin]) },
    NavEntry { href: "/admin/keys", key: "admin.nav.keys", audience: Audience::Roles(&[Role::Admin]) },
    NavEntry { href: "/admin/rules", key: "admin.nav.rules", audience: Audience::Roles(&[Role::Admin]) },
    NavEntry { href: "/admin/exchange-rates", key: "rates.nav", audience: Audience::Roles(&[Role::Admin]) },
];

/// Pages listed on `/home` only (not in the header, which stays short): the configuration in force, which
/// officers read but seldom need.
pub const HOME_LINKS: &[NavEntry] = &[
    NavEntry { href: "/admin/rules", key: "admin.nav.rules", audience: Audience::Roles(OFFICERS) },
    NavEntry { href: "/admin/keys", key: "admin.nav.keys", audience: Audience::Roles(OFFICERS) },
    NavEntry {
        href: "/cooperation/statistics",
        key: "cooperation.nav.statistics",
        audience: Audience::Roles(OFFICERS),
    },
    NavEntry {
        href: "/control/supplier-declarations",
        key: "control.nav.declarations",
        audience: Audience::Roles(OFFICERS),
    },
    NavEntry { href: "/admin/exchange-rates", key: "rates.nav", audience: Audience::Roles(OFFICERS) },
];

/// Where a role lands after signing in.
pub fn start_page(_role: Role) -> &'static str {
    "/home"
}

/// The catalogue key of a role's name.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Exporter => "role.exporter",
        Role::Certifier => "role.certifier",
        Role::Supervisor => "role.supervisor",
        Role::Customs => "role.customs",
        Role::ForeignAuthority => "role.foreign_authority",
        Role::Auditor => "role.auditor",
        Role::Admin => "role.admin",
    }
}
