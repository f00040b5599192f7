//! The engine's explanation on the certifier's dossier, in the page's language: with `?lang=ru` and `?lang=uz` the
//! determination's steps are said from the trace catalogues (`i18n/*-trace.txt`), with the language's digit
//! grouping, and the English lines are gone; in English the page shows the engine's own lines, every one of them.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::common::both_backends;
use crate::pages_client::{Page, get, session};
use crate::world::{World, approved_application, world};

/// The dossier of application `id` as the certifier reads it in `lang`.
async fn dossier(w: &World, id: &str, lang: &str) -> Page {
    let page = get(&w.router, &format!("/officer/applications/{id}?lang={lang}"), &[session(&w.certifier)], &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{lang}: {}", page.body);
    page
}

/// `text` as askama escapes it in an element's content.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

// The furniture case (non-preferential, change of heading): lines the engine writes, and the same steps said from
// the Russian and Uzbek catalogues (`trace.operations.sufficient`, `trace.outcome.originating`,
// `trace.product.described` with the ex-works price grouped by a no-break space).
const OPERATIONS_EN: &str = "Operations done (cutting, planing, assembly, painting) go beyond insufficient operations.";
const OUTCOME_EN: &str = "Outcome: originating, criterion W 94.03.";
const OPERATIONS_RU: &str =
    "Выполненные операции (cutting, planing, assembly, painting) выходят за рамки недостаточных операций.";
const OUTCOME_RU: &str = "Итог: имеет статус происхождения, критерий W 94.03.";
const PRODUCT_RU: &str = "Продукт 940360 Wooden furniture; цена франко-завод 1\u{a0}000; вес 400 кг.";
const OPERATIONS_UZ: &str = "Bajarilgan operatsiyalar (cutting, planing, assembly, painting) yetarli boʻlmagan operatsiyalardan tashqariga chiqadi.";
const OUTCOME_UZ: &str = "Natija: kelib chiqish maqomiga ega, mezon W 94.03.";
const PRODUCT_UZ: &str = "Mahsulot 940360 Wooden furniture; zavod narxi 1\u{a0}000;";

async fn the_dossier_explains_the_determination_in_the_pages_language(store: origo_store::Store) {
    let w = world(store).await;
    let id = approved_application(&w).await;
    let read = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.certifier, None).await;
    let determination = &read.json["items"][0]["determination"]["result"];
    let trace: Vec<&str> =
        determination["trace"].as_array().expect("a trace").iter().filter_map(Value::as_str).collect();
    let keys: Vec<&str> =
        determination["steps"].as_array().expect("steps").iter().filter_map(|s| s["key"].as_str()).collect();
    assert!(keys.contains(&"operations.sufficient") && keys.contains(&"outcome.originating"), "{keys:?}");
    assert!(trace.contains(&OPERATIONS_EN) && trace.contains(&OUTCOME_EN), "{trace:?}");

    // English: the engine's own lines, all of them, not marked as a foreign language.
    let english = dossier(&w, &id, "en").await;
    for line in &trace {
        assert!(english.body.contains(&format!("<li>{}</li>", escaped(line))), "missing {line:?}");
    }
    assert!(english.body.contains("<div class=\"trace\">"), "{}", english.body);

    // Russian and Uzbek: the steps in the catalogue's words, the English lines gone, nothing marked English.
    for (lang, expected) in
        [("ru", [OPERATIONS_RU, OUTCOME_RU, PRODUCT_RU]), ("uz", [OPERATIONS_UZ, OUTCOME_UZ, PRODUCT_UZ])]
    {
        let page = dossier(&w, &id, lang).await;
        for text in expected {
            assert!(page.body.contains(&escaped(text)), "{lang}: missing {text:?} in {}", page.body);
        }
        for line in [OPERATIONS_EN, OUTCOME_EN] {
            assert!(!page.body.contains(line), "{lang}: the English line {line:?} is still shown");
        }
        assert!(page.body.contains("<div class=\"trace\">"), "{lang}: the trace is marked English");
        assert!(!page.body.contains("<div class=\"trace\" lang=\"en\">"), "{lang}");
        assert!(page.body.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
    }
}

both_backends!(the_dossier_explains_the_determination_in_the_pages_language);
