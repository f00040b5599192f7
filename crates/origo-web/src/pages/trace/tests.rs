//! The steps said in each language, and the catalogue against the engine's list of step kinds.

use std::collections::BTreeSet;

use origo_rules::engine::steps::CONDITION_PARAMS;
use origo_rules::engine::{FINDING_KINDS, STEP_KINDS};
use serde_json::json;

use super::*;
use crate::pages::i18n::{Lang, placeholders};

#[test]
fn every_step_and_finding_the_engine_lists_has_a_text_with_its_parameters_in_every_language() {
    for lang in Lang::ALL {
        for kind in STEP_KINDS {
            let key = format!("trace.{}", kind.key);
            let text = lookup(lang, &key).unwrap_or_else(|| panic!("{key} is missing from {}", lang.code()));
            let wanted: BTreeSet<&str> = kind.params.iter().copied().filter(|p| !PRESENTED_APART.contains(p)).collect();
            assert_eq!(placeholders(text), wanted, "{}: placeholders of {key}", lang.code());
        }
        for kind in FINDING_KINDS {
            let key = format!("trace.finding.{}", kind.key);
            let text = lookup(lang, &key).unwrap_or_else(|| panic!("{key} is missing from {}", lang.code()));
            let wanted: BTreeSet<&str> = kind.params.iter().copied().collect();
            assert_eq!(placeholders(text), wanted, "{}: placeholders of {key}", lang.code());
        }
    }
    assert!(CONDITION_PARAMS.contains(&"finding") && CONDITION_PARAMS.contains(&"needs"));
}

fn maxnom_step() -> serde_json::Value {
    json!({"key": "condition.not_met", "params": {"alternative": "1", "alternatives": "2", "rule": "MAXNOM 50%",
        "finding": "maxnom", "total": "4600.5", "price": "10000.00", "share": "46.01", "cmp": ">", "max": "40",
        "needs": "materials[1].value"}})
}

#[test]
fn a_condition_is_said_with_its_rule_in_words_numbers_of_the_language_and_the_facts_it_needs() {
    let ru = PageCtx::for_tests(Lang::Ru);
    let said = say(&ru, &maxnom_step(), |p| format!("<{p}>")).unwrap();
    assert_eq!(said.verdict, Verdict::NotMet);
    assert_eq!(said.alternative, Some(("1".to_owned(), "2".to_owned())));
    assert_eq!(
        said.text,
        "стоимость всех материалов, не имеющих статуса происхождения, не превышает 50% цены франко-завод: не \
         выполнено (стоимость материалов, не имеющих статуса происхождения, 4\u{a0}600,5 при цене франко-завод \
         10\u{a0}000,00 = 46,01% > 40%); нужно: <materials[1].value>."
    );
    let uz = PageCtx::for_tests(Lang::Uz);
    let said = say(&uz, &maxnom_step(), |p| p.to_owned()).unwrap();
    assert!(said.text.contains("zavod narxining 50% idan oshmaydi: bajarilmagan"), "{}", said.text);
    let en = PageCtx::for_tests(Lang::En);
    let said = say(&en, &maxnom_step(), |p| p.to_owned()).unwrap();
    assert!(said.text.starts_with("the value of all non-originating materials does not exceed 50% of the ex-works"));
}

#[test]
fn a_material_and_a_date_are_said_in_the_language_and_an_unknown_key_is_not() {
    let uz = PageCtx::for_tests(Lang::Uz);
    let material = json!({"key": "material.non_originating", "params": {"row": "1", "hs": "871491",
        "description": "frames", "value": "1234.5", "weight": "", "country": "CN"}});
    let said = say(&uz, &material, |p| p.to_owned()).unwrap();
    assert_eq!(
        said.text,
        "1-qator: TIF TN kodi 871491 frames, qiymati 1\u{a0}234,5, ogʻirligi koʻrsatilmagan: kelib chiqish maqomiga ega \
         boʻlmagan material (CN dan, kelib chiqish maqomi daʼvo qilinmagan)."
    );
    assert_eq!(said.verdict, Verdict::Info);
    let ru = PageCtx::for_tests(Lang::Ru);
    let date = json!({"key": "scheme.not_in_force", "params": {"date": "2026-11-28"}});
    assert_eq!(
        say(&ru, &date, |p| p.to_owned()).unwrap().text,
        "Режим не действует на 28 ноября 2026\u{a0}г.: преференциального происхождения нет."
    );
    assert!(say(&ru, &json!({"key": "something.new", "params": {}}), |p| p.to_owned()).is_none());
}

#[test]
fn a_whole_rule_is_said_in_words() {
    let ru = PageCtx::for_tests(Lang::Ru);
    let rule = Rule::parse("CTH EXCEPT[7301] | MAXNOM 50%").unwrap();
    assert_eq!(
        rule_words(&ru, &rule),
        "изготовление с изменением товарной позиции (каждый материал, не имеющий статуса происхождения, из другой \
         товарной позиции), за исключением материалов, не имеющих статуса происхождения: товарная позиция 7301, или \
         стоимость всех материалов, не имеющих статуса происхождения, не превышает 50% цены франко-завод"
    );
    let en = PageCtx::for_tests(Lang::En);
    assert_eq!(rule_words(&en, &rule), rule.words(), "the English catalogue says what the engine says");
}
