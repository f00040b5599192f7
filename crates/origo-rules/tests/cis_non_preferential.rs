//! The CIS free-trade-area and non-preferential packs, and the pack features they brought: unconfirmed figures shown
//! only when a determination uses them, a pack's own list of insufficient operations, the trace of non-preferential
//! origin, and the checks of the new pack fields.

use origo_rules::bundled;
use origo_rules::engine::{Determination, Engine, Outcome};
use origo_rules::pack::{PackError, RulePack};
use serde_json::{Value, json};

fn pack(text: &str) -> RulePack {
    RulePack::from_json(text).unwrap_or_else(|e| panic!("{e}"))
}

fn determine(pack: RulePack, case: Value) -> Determination {
    let engine = Engine::new([pack]);
    let case = engine.parse_case(&case.to_string()).unwrap_or_else(|e| panic!("{e}"));
    engine.determine(&case)
}

fn furniture(scheme: &str, parts: Value) -> Value {
    json!({"scheme": scheme, "exporting_country": "UZ", "date": "2026-05-11",
           "product": {"hs": "940360", "ex_works_price": 1000},
           "materials": [{"hs": "440799", "origin": "CN", "value": 400}, parts],
           "processes": ["cutting", "assembly"]})
}

fn warned(d: &Determination, what: &str) -> bool {
    d.warnings.iter().any(|w| w.contains(what))
}

#[test]
fn the_cis_pack_is_general_criteria_with_every_doubt_marked() {
    let cis = pack(bundled::CIS_FTA);
    assert_eq!(cis.scheme, "cis-fta");
    assert!(cis.preferential && cis.default_branch.is_none(), "only the parties are beneficiaries");
    assert_eq!(cis.branches[0].2.len(), 8);
    assert_eq!(cis.cumulation[0].countries, cis.branches[0].2, "cumulation with every party");
    assert!(cis.tolerance.is_none());
    let residual = cis.rule_sets.iter().find(|s| s.id == "cis-residual").unwrap();
    assert_eq!(residual.rules["all"].text, "CTH");
    assert!(residual.unconfirmed.is_none());
    for set in cis.rule_sets.iter().filter(|s| s.id != "cis-residual") {
        assert!(set.unconfirmed.is_some(), "{} is a List entry read from a secondary source", set.id);
    }
    let doubts: Vec<&str> = cis.unconfirmed.iter().map(|u| u.what.as_str()).collect();
    for what in ["version", "branches.parties.countries", "cumulation.0.countries", "insufficient_operations"] {
        assert!(doubts.contains(&what), "{what} is marked unconfirmed");
    }
}

#[test]
fn the_non_preferential_pack_has_no_branches_cumulation_or_tolerance() {
    let np = pack(bundled::NON_PREFERENTIAL);
    assert!(!np.preferential);
    assert!(np.branches.is_empty() && np.cumulation.is_empty() && np.tolerance.is_none());
    assert_eq!(np.branch_for("CN"), Some(("all", "All countries")));
    let kyoto = np.insufficient_operations.as_ref().unwrap();
    assert!(kyoto.contains(&"simple_assembly".to_string()) && !kyoto.contains(&"labelling".to_string()));
    for id in ["np-ch61", "np-ch62", "np-6401-6405"] {
        assert!(np.rule_sets.iter().any(|s| s.id == id && s.unconfirmed.is_some()), "{id}");
    }
}

#[test]
fn unconfirmed_figures_warn_only_when_used() {
    let own_parts = json!({"hs": "940391", "origin": "UZ", "value": 100, "originating": true});
    let d = determine(pack(bundled::CIS_FTA), furniture("cis-fta", own_parts));
    assert_eq!(d.outcome, Outcome::Originating);
    assert!(warned(&d, "unconfirmed: version") && warned(&d, "unconfirmed: insufficient_operations"));
    assert!(!warned(&d, "tolerance.value_percent"), "no forbidden material, no tolerance consulted");
    assert!(!warned(&d, "cumulation.0.countries"), "no cumulation used");

    let kazakh_parts = json!({"hs": "940391", "origin": "KZ", "value": 100, "originating": true});
    let d = determine(pack(bundled::CIS_FTA), furniture("cis-fta", kazakh_parts));
    assert_eq!((d.outcome, d.cumulation.as_slice()), (Outcome::Originating, ["CIS cumulation".to_string()].as_slice()));
    assert!(warned(&d, "cumulation.0.countries"));

    let chinese_parts = json!({"hs": "940391", "origin": "CN", "value": 100});
    let d = determine(pack(bundled::CIS_FTA), furniture("cis-fta", chinese_parts));
    assert_eq!(d.outcome, Outcome::NotOriginating);
    assert!(warned(&d, "tolerance.value_percent"));
}

#[test]
fn an_unconfirmed_rule_set_warns_when_tried() {
    let case = json!({"scheme": "cis-fta", "exporting_country": "KZ", "date": "2026-05-11",
                      "product": {"hs": "293499", "ex_works_price": 100},
                      "materials": [{"hs": "293311", "origin": "CN", "value": 20}], "processes": ["chemical_reaction"]});
    let d = determine(pack(bundled::CIS_FTA), case);
    assert_eq!((d.outcome, d.rule.as_deref()), (Outcome::Originating, Some("ANY & MAXNOM 20%[2932-2934]")));
    assert!(warned(&d, "rule set 'Heading 29.34' (cis-2934)"));
    assert!(!warned(&d, "cis-2933"));
}

#[test]
fn non_preferential_origin_is_named_in_the_trace() {
    let np = || pack(bundled::NON_PREFERENTIAL);
    let d = determine(np(), furniture("non-preferential", json!({"hs": "940391", "origin": "CN", "value": 100})));
    assert_eq!(d.outcome, Outcome::NotOriginating);
    assert_eq!(d.trace.iter().last(), Some("Non-preferential origin: not UZ under these rules."));
    let mut case = furniture("non-preferential", json!({"hs": "7318", "origin": "CN", "value": 10}));
    case["processes"] = Value::Null;
    let d = determine(np(), case);
    assert_eq!(d.outcome, Outcome::Undetermined);
    assert_eq!(d.trace.iter().last(), Some("Non-preferential origin in UZ cannot be decided yet."));
    let d = determine(pack(bundled::EU_GSP), furniture("eu-gsp", json!({"hs": "7318", "origin": "CN", "value": 10})));
    assert!(!d.trace.iter().any(|line| line.contains("Non-preferential")), "preferential traces are unchanged");
}

fn own_list_pack(list: Value) -> String {
    json!({"scheme": "own", "title": "Own list", "legal_basis": "test", "hs_edition": "2022", "branches": {},
           "insufficient_operations": list,
           "rule_sets": [{"id": "all", "hs": "ch01-ch97", "label": "All", "rules": {"all": "CTH"}}]})
    .to_string()
}

#[test]
fn a_pack_can_carry_its_own_insufficient_operations() {
    let bicycle = |processes: &[&str]| {
        json!({"scheme": "own", "exporting_country": "UZ", "date": "2026-05-11",
               "product": {"hs": "871200", "ex_works_price": 200},
               "materials": [{"hs": "871491", "origin": "CN", "value": 60}], "processes": processes})
    };
    let own = || pack(&own_list_pack(json!(["packing"])));
    assert_eq!(determine(own(), bicycle(&["packing"])).outcome, Outcome::NotOriginating);
    // Labelling is insufficient in the vocabulary's list but not in this pack's.
    assert_eq!(determine(own(), bicycle(&["labelling"])).outcome, Outcome::Originating);
    let mut default: Value = serde_json::from_str(&own_list_pack(json!(null))).unwrap();
    default.as_object_mut().unwrap().remove("insufficient_operations");
    assert_eq!(determine(pack(&default.to_string()), bicycle(&["labelling"])).outcome, Outcome::NotOriginating);
}

#[test]
fn new_pack_fields_are_checked() {
    let error = RulePack::from_json(&own_list_pack(json!(["packing", "weaving"]))).unwrap_err();
    assert!(matches!(&error, PackError::Pack { field, .. } if field == "insufficient_operations[1]"), "{error}");
    let mut wrong_edition: Value = serde_json::from_str(&own_list_pack(json!(["packing"]))).unwrap();
    wrong_edition["hs_edition"] = json!("2012");
    let error = RulePack::from_json(&wrong_edition.to_string()).unwrap_err();
    assert!(matches!(&error, PackError::Pack { field, .. } if field == "hs_edition"), "{error}");
}
