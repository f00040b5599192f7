//! The trace's steps: every kind of step and finding the engine lists is shown here with its key and parameters for
//! a real rule, each step carries exactly the parameters its kind declares, and steps and lines go one to one for
//! every shared and project case.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use origo_rules::bundled;
use origo_rules::engine::steps::{CONDITION_PARAMS, finding_kind, step_kind};
use origo_rules::engine::{Determination, Engine, FINDING_KINDS, STEP_KINDS};
use origo_rules::pack::{PackOverrides, RulePack};
use serde_json::{Value, json};

/// A pack for what the mini pack lacks: no tolerance, its own insufficient operations, a party list without a
/// default branch, the value atoms of the newer agreements, and manual rule sets.
const DEMO: &str = r#"{
  "scheme": "steps-demo", "title": "Steps demo", "legal_basis": "test fixture", "hs_edition": "2022",
  "valid_from": "2021-01-01", "valid_to": null,
  "branches": {"parties": {"label": "Parties", "countries": ["UZ", "KZ"]}},
  "cumulation": [],
  "insufficient_operations": ["washing", "cleaning"],
  "rule_sets": [
    {"id": "7308", "hs": "7308", "label": "7308", "rules": {"all": "CTH EXCEPT[7301] SAME<=20%"}},
    {"id": "2815", "hs": "2815", "label": "2815", "rules": {"all": "CC"}},
    {"id": "8703", "hs": "8703", "label": "8703", "rules": {"all": "RVC 40% | MINOM 35% FOB"}},
    {"id": "8711", "hs": "8711", "label": "8711", "rules": {"all": "MAXNOM 40% & NOM<=OM"}},
    {"id": "3003", "hs": "3003", "label": "3003", "manual": "the rule depends on the composition"},
    {"id": "3002-a", "hs": "3002", "label": "ex 3002", "ex": true, "variant": "blood", "manual": "blood products"},
    {"id": "3002-b", "hs": "3002", "label": "ex 3002", "ex": true, "variant": "vaccines", "manual": "vaccines"}
  ]
}"#;

fn mini() -> RulePack {
    RulePack::from_json(support::MINI).unwrap()
}

fn demo() -> RulePack {
    RulePack::from_json(DEMO).unwrap()
}

fn determine(pack: RulePack, case: Value) -> Determination {
    let engine = Engine::new([pack]);
    let case = engine.parse_case(&case.to_string()).unwrap_or_else(|e| panic!("{e}: {case}"));
    engine.determine(&case)
}

fn on(scheme: &str, country: &str, product: Value, materials: Value, processes: Value) -> Value {
    json!({"scheme": scheme, "exporting_country": country, "date": "2026-05-11", "product": product,
           "materials": materials, "processes": processes})
}

/// The steps of a determination as `(key, "name=value; ...")`.
fn steps(d: &Determination) -> Vec<(String, String)> {
    d.trace
        .steps()
        .map(|s| {
            let params: Vec<String> = s.params().map(|(n, v)| format!("{n}={v}")).collect();
            (s.key.to_owned(), params.join("; "))
        })
        .collect()
}

/// Every scenario of the kinds, with the determination it gives.
fn scenarios() -> Vec<(&'static str, Determination)> {
    let with_overrides = |text: Value| {
        let overrides = PackOverrides::parse(&text.to_string(), "local.json").unwrap();
        RulePack::from_json_with(support::MINI, Some(&overrides)).unwrap()
    };
    let bicycle = on(
        "mini-gsp",
        "UZ",
        json!({"hs": "871200", "ex_works_price": 200}),
        json!([{"hs": "871491", "description": "frames", "value": "100.01", "origin": "CN"}]),
        json!(["assembly"]),
    );
    let steel = |value: &str| {
        on(
            "mini-gsp",
            "UZ",
            json!({"hs": "730890", "description": "Steel structures", "ex_works_price": 100, "weight_kg": 50}),
            json!([
                {"hs": "730120", "value": value, "weight_kg": "2.5", "origin": "CN"},
                {"hs": "720851", "value": 10, "origin": "UZ", "originating": true},
                {"hs": "720852", "value": 10, "origin": "DE", "originating": true},
                {"hs": "720853", "value": 1, "origin": "UZ", "wholly_obtained": true},
                {"hs": "720854", "value": 1, "origin": "CN", "originating": true},
                {"value": 1}
            ]),
            json!(["cutting", "welding"]),
        )
    };
    let shirt = |country: &str, processes: Value| {
        on(
            "mini-gsp",
            country,
            json!({"hs": "620520", "ex_works_price": 100}),
            json!([{"hs": "520100", "value": 20, "origin": "CN"}]),
            processes,
        )
    };
    let sugar = |variant: Option<&str>| {
        let mut product = json!({"hs": "170230", "ex_works_price": 100, "weight_kg": 10});
        if let Some(v) = variant {
            product["variant"] = json!(v);
        }
        on(
            "mini-gsp",
            "UZ",
            product,
            json!([{"hs": "170290", "value": 10, "weight_kg": 5, "origin": "CN"}]),
            json!(["mixing"]),
        )
    };
    let mut not_in_force = on("steps-demo", "UZ", json!({"hs": "281511"}), json!([]), json!(["mixing"]));
    not_in_force["date"] = json!("2020-06-01");
    let furniture = |hs: &str, processes: Value| {
        on(
            "non-preferential",
            "UZ",
            json!({"hs": "940360", "ex_works_price": 1000}),
            json!([{"hs": "440799", "origin": "CN", "value": 400}, {"hs": hs, "origin": "CN", "value": 10}]),
            processes,
        )
    };
    let np = || RulePack::from_json(bundled::NON_PREFERENTIAL).unwrap();
    vec![
        ("bicycle: MaxNOM not met", determine(mini(), bicycle)),
        ("steel: excepted within tolerance", determine(mini(), steel("5"))),
        ("steel: excepted over tolerance", determine(mini(), steel("50"))),
        (
            "steel: excepted without value",
            determine(
                mini(),
                steel("")
                    .as_object()
                    .cloned()
                    .map(|mut c| {
                        c["materials"][0].as_object_mut().unwrap().remove("value");
                        Value::Object(c)
                    })
                    .unwrap(),
            ),
        ),
        ("shirt: processes", determine(mini(), shirt("UZ", json!(["making_up", "scouring", "bleaching"])))),
        ("shirt: from fabric, LDC", determine(mini(), shirt("BD", json!(["making_up"])))),
        ("shirt: processes not given", determine(mini(), shirt("UZ", Value::Null))),
        ("shirt: no processes", determine(mini(), shirt("UZ", json!([])))),
        ("shirt: insufficient", determine(mini(), shirt("UZ", json!(["washing"])))),
        (
            "honey: wholly obtained",
            determine(
                mini(),
                json!({"scheme": "mini-gsp", "exporting_country": "UZ", "date": "2026-05-11",
                       "product": {"hs": "040900"}, "wholly_obtained": true,
                       "materials": [{"hs": "040900", "origin": "UZ", "wholly_obtained": true}]}),
            ),
        ),
        (
            "honey: void claim, sugar by weight",
            determine(
                mini(),
                json!({"scheme": "mini-gsp", "exporting_country": "UZ", "date": "2026-05-11",
                       "product": {"hs": "040900", "weight_kg": 10}, "wholly_obtained": true,
                       "materials": [{"hs": "040900", "origin": "CN", "weight_kg": 8},
                                     {"hs": "170199", "origin": "CN", "weight_kg": 5}],
                       "processes": ["mixing"]}),
            ),
        ),
        (
            "horse: wholly obtained not said",
            determine(mini(), on("mini-gsp", "UZ", json!({"hs": "010121"}), json!([]), json!([]))),
        ),
        (
            "horse: not wholly obtained",
            determine(
                mini(),
                json!({"scheme": "mini-gsp", "exporting_country": "UZ", "date": "2026-05-11",
                       "product": {"hs": "010121"}, "wholly_obtained": false, "materials": [], "processes": ["mixing"]}),
            ),
        ),
        ("sugar: variants disagree", determine(mini(), sugar(None))),
        ("sugar: variant chosen", determine(mini(), sugar(Some("maltose")))),
        (
            "chemical: same heading within 20%",
            determine(
                mini(),
                on(
                    "mini-gsp",
                    "UZ",
                    json!({"hs": "281511", "ex_works_price": 100}),
                    json!([
                        {"hs": "281512", "value": 15, "origin": "CN"}
                    ]),
                    json!(["mixing"]),
                ),
            ),
        ),
        (
            "steel: excepted and same heading over 20%",
            determine(
                demo(),
                on(
                    "steps-demo",
                    "UZ",
                    json!({"hs": "730890", "ex_works_price": 100}),
                    json!([
                        {"hs": "730120", "value": 5, "origin": "CN"},
                        {"hs": "730820", "value": 30, "origin": "CN"}
                    ]),
                    json!(["welding"]),
                ),
            ),
        ),
        (
            "chemical: change of chapter, no tolerance, own insufficient list",
            determine(
                demo(),
                on(
                    "steps-demo",
                    "UZ",
                    json!({"hs": "281511", "ex_works_price": 100}),
                    json!([
                        {"hs": "281000", "value": 15, "origin": "CN"}
                    ]),
                    json!(["washing"]),
                ),
            ),
        ),
        (
            "car: RVC and MINOM",
            determine(
                demo(),
                on(
                    "steps-demo",
                    "KZ",
                    json!({"hs": "870323", "ex_works_price": 1000, "fob_value": 1100}),
                    json!([
                        {"hs": "840734", "value": 600, "origin": "CN"},
                        {"hs": "870899", "value": 385, "origin": "KZ", "originating": true}
                    ]),
                    json!(["assembly"]),
                ),
            ),
        ),
        (
            "motorcycle: NOM<=OM",
            determine(
                demo(),
                on(
                    "steps-demo",
                    "UZ",
                    json!({"hs": "871120", "ex_works_price": 1000}),
                    json!([
                        {"hs": "840734", "value": 300, "origin": "CN"},
                        {"hs": "871410", "value": 300, "origin": "UZ", "originating": true}
                    ]),
                    json!(["assembly"]),
                ),
            ),
        ),
        (
            "medicament: manual",
            determine(demo(), on("steps-demo", "UZ", json!({"hs": "300310"}), json!([]), json!(["mixing"]))),
        ),
        (
            "blood: manual variants",
            determine(demo(), on("steps-demo", "UZ", json!({"hs": "300212"}), json!([]), json!(["mixing"]))),
        ),
        (
            "horse: no rule set",
            determine(demo(), on("steps-demo", "UZ", json!({"hs": "010121"}), json!([]), json!([]))),
        ),
        ("not a party", determine(demo(), on("steps-demo", "CN", json!({"hs": "281511"}), json!([]), json!([])))),
        ("not in force", determine(demo(), not_in_force)),
        (
            "overrides without a note",
            determine(
                with_overrides(json!({"schemes": {"mini-gsp": {
                    "rule_sets": {"ch87": {"rules": {"other": "MAXNOM 60%"}}},
                    "figures": {"tolerance.value_percent": 10}}}})),
                on("mini-gsp", "UZ", json!({"hs": "871200", "ex_works_price": 200}), json!([]), json!(["assembly"])),
            ),
        ),
        (
            "overrides with a note",
            determine(
                with_overrides(json!({"note": "reviewed", "schemes": {"mini-gsp": {
                    "rule_sets": {"ch87": {"rules": {"other": "MAXNOM 60%"}}},
                    "figures": {"tolerance.value_percent": 10}}}})),
                on("mini-gsp", "UZ", json!({"hs": "871200", "ex_works_price": 200}), json!([]), json!(["assembly"])),
            ),
        ),
        ("non-preferential: originating", determine(np(), furniture("731815", json!(["cutting", "assembly"])))),
        ("non-preferential: not originating", determine(np(), furniture("940391", json!(["painting"])))),
        ("non-preferential: undetermined", determine(np(), furniture("731815", Value::Null))),
    ]
}

/// One step of each kind and each finding, as the scenario named gives it: key and every parameter.
const SHOWN: &[(&str, &str, &str)] = &[
    (
        "bicycle: MaxNOM not met",
        "scheme",
        "scheme=mini-gsp; title=A small pack for engine tests, shaped like EU GSP; country=UZ; branch=other; branch_label=Other beneficiary countries; date=2026-05-11",
    ),
    ("not a party", "scheme.not_beneficiary", "scheme=steps-demo; title=Steps demo; country=CN"),
    ("not in force", "scheme.not_in_force", "date=2020-06-01"),
    (
        "overrides without a note",
        "configuration.figure",
        "figure=tolerance.value_percent; source=local.json; new=10; old=15",
    ),
    (
        "overrides with a note",
        "configuration.figure_noted",
        "figure=tolerance.value_percent; source=local.json; note=reviewed; new=10; old=15",
    ),
    (
        "overrides without a note",
        "configuration.rule",
        "rule_set=ch87; branch=other; source=local.json; new=MAXNOM 60%; old=MAXNOM 50%",
    ),
    (
        "overrides with a note",
        "configuration.rule_noted",
        "rule_set=ch87; branch=other; source=local.json; note=reviewed; new=MAXNOM 60%; old=MAXNOM 50%",
    ),
    ("bicycle: MaxNOM not met", "product", "hs=871200; price=200; weight="),
    (
        "steel: excepted within tolerance",
        "product.described",
        "hs=730890; description=Steel structures; price=100; weight=50",
    ),
    (
        "steel: excepted within tolerance",
        "material.wholly_obtained",
        "row=4; hs=720853; description=; value=1; weight=; country=UZ",
    ),
    (
        "steel: excepted within tolerance",
        "material.originating",
        "row=2; hs=720851; description=; value=10; weight=; country=UZ",
    ),
    (
        "steel: excepted within tolerance",
        "material.originating_cumulation",
        "row=3; hs=720852; description=; value=10; weight=; country=DE; partner=EU cumulation",
    ),
    (
        "bicycle: MaxNOM not met",
        "material.non_originating",
        "row=1; hs=871491; description=frames; value=100.01; weight=; country=CN",
    ),
    (
        "steel: excepted within tolerance",
        "material.non_originating.void_claim",
        "row=5; hs=720854; description=; value=1; weight=",
    ),
    (
        "steel: excepted within tolerance",
        "material.non_originating.origin_unknown",
        "row=6; hs=; description=; value=1; weight=",
    ),
    ("honey: wholly obtained", "wholly_obtained.originating", ""),
    ("honey: void claim, sugar by weight", "wholly_obtained.void_claim", ""),
    ("horse: wholly obtained not said", "wholly_obtained.unknown", ""),
    ("horse: no rule set", "rule_set.none", "scheme=steps-demo; hs=010121; date=2026-05-11"),
    ("sugar: variants disagree", "rule_set.variants", "variants=maltose, other_sugars, other"),
    (
        "bicycle: MaxNOM not met",
        "rule_set.applies",
        "label=ex Chapter 87; reference=test fixture, ex Chapter 87; hs=871200; rule=MAXNOM 50%",
    ),
    (
        "sugar: variants disagree",
        "rule_set.applies_variant",
        "label=ex 1702; variant=maltose; reference=test fixture, ex 1702; hs=170230; rule=ANY",
    ),
    (
        "medicament: manual",
        "rule_set.manual",
        "label=3003; reference=test fixture, 3003; hs=300310; reason=the rule depends on the composition",
    ),
    (
        "blood: manual variants",
        "rule_set.manual_variant",
        "label=ex 3002; variant=vaccines; reference=test fixture, ex 3002; hs=300212; reason=vaccines",
    ),
    ("sugar: variant chosen", "condition.met", "alternative=; alternatives=; rule=ANY; finding=; needs="),
    (
        "shirt: from fabric, LDC",
        "condition.met_within_tolerance",
        "alternative=; alternatives=; rule=FROM[@fabric]; finding=not_from; rows=1; needs=",
    ),
    (
        "bicycle: MaxNOM not met",
        "condition.not_met",
        "alternative=; alternatives=; rule=MAXNOM 50%; finding=maxnom; total=100.01; price=200; share=50.00; cmp=>; max=50; needs=",
    ),
    (
        "shirt: processes not given",
        "condition.unknown",
        "alternative=1; alternatives=2; rule=P(weaving); finding=; needs=processes",
    ),
    (
        "steel: excepted within tolerance",
        "condition.unknown",
        "alternative=; alternatives=; rule=CTH EXCEPT[7301]; finding=excepted_materials; rows=1; needs=materials[5].hs",
    ),
    (
        "horse: not wholly obtained",
        "condition.not_met",
        "alternative=; alternatives=; rule=WO; finding=not_wholly_obtained; needs=",
    ),
    (
        "honey: void claim, sugar by weight",
        "condition.not_met",
        "alternative=; alternatives=; rule=WO[ch04]; finding=materials_not_wholly_obtained; rows=1; needs=",
    ),
    (
        "chemical: change of chapter, no tolerance, own insufficient list",
        "condition.met_within_tolerance",
        "alternative=; alternatives=; rule=CC; finding=no_change; rows=1; needs=",
    ),
    (
        "chemical: same heading within 20%",
        "condition.met",
        "alternative=1; alternatives=2; rule=CTH SAME<=20%; finding=no_change_within; rows=1; total=15; share=15; cmp=<=; max=20; needs=",
    ),
    (
        "steel: excepted and same heading over 20%",
        "condition.not_met",
        "alternative=; alternatives=; rule=CTH EXCEPT[7301] SAME<=20%; finding=excepted_and_no_change_over; excepted=1; rows=2; total=30; share=30; cmp=>; max=20; needs=",
    ),
    (
        "honey: void claim, sugar by weight",
        "condition.not_met",
        "alternative=; alternatives=; rule=MAXWT 40%[@sugar]; finding=maxwt; total=5; whole=10; share=50; cmp=>; max=40; needs=",
    ),
    (
        "car: RVC and MINOM",
        "condition.met",
        "alternative=1; alternatives=2; rule=RVC 40%; finding=rvc; total=400; basis=ex_works; price=1000; share=40; cmp=>=; min=40; needs=",
    ),
    (
        "car: RVC and MINOM",
        "condition.met",
        "alternative=2; alternatives=2; rule=MINOM 35% FOB; finding=minom; total=385; basis=fob; price=1100; share=35; cmp=>=; min=35; needs=",
    ),
    (
        "motorcycle: NOM<=OM",
        "condition.met",
        "alternative=; alternatives=; rule=NOM<=OM; finding=nom_om; non_originating=300; cmp=<=; originating=300; needs=",
    ),
    (
        "shirt: processes",
        "condition.met",
        "alternative=1; alternatives=2; rule=P(making_up); finding=process_done; process=making_up; needs=",
    ),
    (
        "shirt: processes",
        "condition.not_met",
        "alternative=2; alternatives=2; rule=P(printing); finding=process_not_done; process=printing; needs=",
    ),
    (
        "shirt: processes",
        "condition.met",
        "alternative=2; alternatives=2; rule=ATLEAST 2 (scouring, bleaching, mercerising); finding=at_least; done=2; count=2; needs=",
    ),
    (
        "chemical: change of chapter, no tolerance, own insufficient list",
        "tolerance.none",
        "alternative=; alternatives=",
    ),
    ("shirt: from fabric, LDC", "tolerance.excluded_chapter", "alternative=; alternatives=; chapter=62"),
    ("steel: excepted without value", "tolerance.incomplete", "alternative=; alternatives="),
    (
        "steel: excepted within tolerance",
        "tolerance.allowed",
        "alternative=; alternatives=; total=5; share=5; basis=ex_works; amount=100; max=15",
    ),
    (
        "sugar: variants disagree",
        "tolerance.not_allowed",
        "alternative=; alternatives=; total=5; share=50; basis=weight; amount=10; max=15",
    ),
    ("shirt: processes not given", "operations.not_given", ""),
    ("shirt: no processes", "operations.none", ""),
    ("shirt: insufficient", "operations.insufficient", "processes=washing"),
    (
        "chemical: change of chapter, no tolerance, own insufficient list",
        "operations.insufficient_scheme_list",
        "processes=washing",
    ),
    ("bicycle: MaxNOM not met", "operations.sufficient", "processes=assembly"),
    ("sugar: variants disagree", "variants.disagree", "variants=maltose, other_sugars, other"),
    ("sugar: variant chosen", "outcome.originating", "criterion=W 17.02"),
    ("bicycle: MaxNOM not met", "outcome.not_originating", ""),
    ("horse: wholly obtained not said", "outcome.undetermined", ""),
    ("non-preferential: originating", "non_preferential.originating", "country=UZ; criterion=W 94.03"),
    ("non-preferential: not originating", "non_preferential.not_originating", "country=UZ"),
    ("non-preferential: undetermined", "non_preferential.undetermined", "country=UZ"),
];

#[test]
fn every_kind_of_step_and_finding_is_shown_with_its_parameters_for_a_real_rule() {
    let scenarios: BTreeMap<&str, Determination> = scenarios().into_iter().collect();
    for &(scenario, key, params) in SHOWN {
        let d = &scenarios[scenario];
        let found = steps(d).into_iter().any(|(k, p)| k == key && p == params);
        assert!(found, "{scenario}: no step {key} with {params}; steps: {:#?}", steps(d));
    }
    let shown: BTreeSet<&str> = SHOWN.iter().map(|s| s.1).collect();
    let missing: Vec<&str> = STEP_KINDS.iter().map(|k| k.key).filter(|k| !shown.contains(k)).collect();
    assert!(missing.is_empty(), "step kinds not shown: {missing:?}");
    let findings: BTreeSet<&str> =
        SHOWN.iter().filter_map(|s| s.2.split("finding=").nth(1)?.split(';').next()).collect();
    let missing: Vec<&str> = FINDING_KINDS.iter().map(|k| k.key).filter(|k| !findings.contains(k)).collect();
    assert!(missing.is_empty(), "findings not shown: {missing:?}");
    let keys: BTreeSet<&str> = STEP_KINDS.iter().chain(FINDING_KINDS).map(|k| k.key).collect();
    assert_eq!(keys.len(), STEP_KINDS.len() + FINDING_KINDS.len(), "keys are unique");
}

/// A step's parameter names are exactly those its kind (and, for a condition, its finding) declares.
fn check_parameters(name: &str, d: &Determination) {
    for step in d.trace.steps() {
        let kind = step_kind(step.key).unwrap_or_else(|| panic!("{name}: {} is not a listed step kind", step.key));
        let mut declared: Vec<&str> = kind.params.to_vec();
        if let Some(finding) = step.param("finding").filter(|f| !f.is_empty()) {
            let finding = finding_kind(finding).unwrap_or_else(|| panic!("{name}: {finding} is not a listed finding"));
            assert_eq!(kind.params, CONDITION_PARAMS);
            declared.splice(4..4, finding.params.iter().copied());
        }
        let names: Vec<&str> = step.params().map(|(n, _)| n).collect();
        assert_eq!(names, declared, "{name}: parameters of {}", step.key);
    }
}

#[test]
fn each_step_carries_the_parameters_its_kind_declares() {
    for (name, d) in scenarios() {
        check_parameters(name, &d);
    }
}

/// Every case of a folder that the built-in packs decide as it stands (no extra arguments, no error expected).
fn cases(dir: &Path) -> Vec<(String, Value)> {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    expected
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, entry)| entry.get("args").is_none() && entry["expected"] != "error")
        .map(|(name, _)| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
            (name.clone(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

#[test]
fn steps_and_lines_go_one_to_one_for_every_shared_and_project_case() {
    let engine = Engine::new(bundled::packs().unwrap());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = cases(&root.join("../../../shared/cases"));
    let project = cases(&root.join("../../cases"));
    assert!(shared.len() >= 9 && project.len() >= 40, "{} shared, {} project cases", shared.len(), project.len());
    for (name, case) in shared.into_iter().chain(project) {
        let case = engine.parse_case(&case.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let d = engine.determine(&case);
        assert_eq!(d.trace.steps().count(), d.trace.len(), "{name}");
        check_parameters(&name, &d);
        let json = serde_json::to_value(&d).unwrap();
        let (lines, steps) = (json["trace"].as_array().unwrap(), json["steps"].as_array().unwrap());
        assert_eq!(lines.len(), steps.len(), "{name}: serialised");
        for (line, step) in lines.iter().zip(steps) {
            assert!(step["key"].is_string() && step["params"].is_object(), "{name}: {step}");
            assert!(line.is_string());
        }
    }
}
