//! The exporter's origin self-assessment through the router: real cases explained rule by rule in the three
//! languages, and a bill of materials uploaded as CSV with each bad row and field named.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

use crate::common::both_backends;
use crate::pages_client::{Page, Part, post_form, post_multipart, session};
use crate::pages_exporter::{english, token_of};
use crate::world::{World, world};

/// A case of `cases/` as the self-assessment form's fields.
pub(crate) fn case_form(token: &str, case: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let product = &case["product"];
    let mut fields = vec![
        ("csrf_token".to_owned(), token.to_owned()),
        ("scheme".to_owned(), text(&case["scheme"])),
        ("exporting_country".to_owned(), text(&case["exporting_country"])),
        ("hs".to_owned(), text(&product["hs"])),
        ("description".to_owned(), text(&product["description"])),
        ("ex_works_price".to_owned(), text(&product["ex_works_price"])),
        ("weight".to_owned(), text(&product["weight_kg"])),
        (
            "processes".to_owned(),
            case["processes"].as_array().map(|p| p.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default(),
        ),
        ("action".to_owned(), "assess".to_owned()),
    ];
    let materials = case["materials"].as_array().unwrap();
    fields.push(("rows".to_owned(), materials.len().to_string()));
    for (j, m) in materials.iter().enumerate() {
        let originating = match m["originating"] {
            Value::Bool(true) => "yes",
            Value::Bool(false) => "no",
            _ => "",
        };
        for (field, value) in [
            ("hs", text(&m["hs"])),
            ("description", text(&m["description"])),
            ("country", text(&m["origin"])),
            ("value", text(&m["value"])),
            ("weight", text(&m["weight_kg"])),
            ("originating", originating.to_owned()),
        ] {
            fields.push((format!("m{j}_{field}"), value));
        }
    }
    fields
}

pub(crate) fn case_file(name: &str) -> Value {
    let path = format!("{}/../../cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

fn expected(name: &str) -> String {
    let path = format!("{}/../../cases/expected.json", env!("CARGO_MANIFEST_DIR"));
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all[name]["expected"].as_str().unwrap().to_owned()
}

pub(crate) async fn assess(w: &World, cookies: &[(&str, String)], fields: &[(String, String)]) -> Page {
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post_form(&w.router, "/exporter/assess", cookies, &form).await
}

async fn the_self_assessment_explains_real_cases_rule_by_rule(store: origo_store::Store) {
    let w = world(store).await;
    let cookies = english(&w.exporter);
    let token = token_of(&w.router, &cookies).await;
    // MaxNOM 50%: 100.01 of 200 is over the limit.
    let over = case_file("eu-gsp-bicycle-over-50pct");
    assert_eq!(expected("eu-gsp-bicycle-over-50pct"), "not_originating");
    let page = assess(&w, &cookies, &case_form(&token, &over)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("outcome-not_originating") && page.body.contains("Not originating"), "{}", page.body);
    assert!(page.body.contains("ex Chapter 87") && page.body.contains("MAXNOM 50%"), "the rule applied is named");
    assert!(page.body.contains("<span class=\"verdict\">Not met</span>"), "the failed condition is marked in words");
    assert!(
        page.body.contains("non-originating value 100.01 of ex-works price 200 = 50.00% &#62; 50%"),
        "{}",
        page.body
    );
    assert!(page.body.contains("row 1 871491 frames"), "materials are spoken of by their rows");
    assert!(page.body.contains("value=\"60.01\""), "the form keeps its values for a what-if");
    // What-if: the frames one cent cheaper, and the same product is originating.
    let exactly = case_file("eu-gsp-bicycle-exactly-50pct");
    assert_eq!(expected("eu-gsp-bicycle-exactly-50pct"), "originating");
    let mut what_if = case_form(&token, &over);
    what_if.iter_mut().find(|(k, _)| k == "m0_value").unwrap().1 = exactly["materials"][0]["value"].to_string();
    let page = assess(&w, &cookies, &what_if).await;
    assert!(
        page.body.contains("outcome-originating") && page.body.contains("Originating, criterion W 87.12"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<span class=\"verdict\">Met</span>"));
    // Processes not given: undetermined, and the missing fact is named as the form names it.
    let mut unknown = case_form(&token, &exactly);
    unknown.iter_mut().find(|(k, _)| k == "processes").unwrap().1 = String::new();
    let page = assess(&w, &cookies, &unknown).await;
    assert!(
        page.body.contains("Cannot be decided yet") && page.body.contains("The processes carried out"),
        "{}",
        page.body
    );
    // The same case in Russian and Uzbek: the explanation is said in that language from the engine's steps, with
    // the language's decimal comma, and the engine's English sentence is not shown.
    for (lang, outcome, phrase) in [
        (
            "ru",
            "Не происходящий",
            "не выполнено (стоимость материалов, не имеющих статуса происхождения, 100,01 при цене франко-завод 200 = \
             50,00% &#62; 50%)",
        ),
        (
            "uz",
            "Kelib chiqish shartlariga javob bermaydi",
            "bajarilmagan (kelib chiqish maqomiga ega boʻlmagan materiallar qiymati 100,01, zavod narxi 200 = 50,00% \
             &#62; 50%)",
        ),
    ] {
        let cookies = vec![session(&w.exporter), ("origo_lang", lang.to_owned())];
        let page = assess(&w, &cookies, &case_form(&token, &over)).await;
        assert!(page.body.contains(outcome) && page.body.contains(phrase), "{lang}: {}", page.body);
        assert!(!page.body.contains("non-originating value 100.01"), "{lang}: not the English sentence");
        assert!(!page.body.contains("<span lang=\"en\">"), "{lang}: no step is left in English");
    }
    // A field that is wrong is named next to it, and nothing is assessed.
    let mut bad = case_form(&token, &over);
    bad.iter_mut().find(|(k, _)| k == "hs").unwrap().1 = "999999".into();
    let page = assess(&w, &cookies, &bad).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("id=\"hs-error\">not an HS code of the 2022 nomenclature")
            && !page.body.contains("outcome-")
    );
    // htmx gets 200 with the same messages, so that it swaps them in.
    let page = {
        let form: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&form).finish();
        let cookie = cookies.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ");
        let request = Request::builder()
            .method(Method::POST)
            .uri("/exporter/assess")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .header("HX-Request", "true")
            .body(Body::from(body))
            .unwrap();
        w.router.clone().oneshot(request).await.unwrap()
    };
    assert_eq!(page.status(), StatusCode::OK);
}

async fn a_csv_upload_names_each_bad_row_and_field(store: origo_store::Store) {
    let w = world(store).await;
    let cookies = english(&w.exporter);
    let token = token_of(&w.router, &cookies).await;
    let csv = "hs,description,country,value,originating\n\
               871491,frames,CN,60,no\n\
               871493,hubs,CN,forty,no\n\
               871499,spokes,XX,5,maybe\n";
    let parts = [
        Part::Field("csrf_token", &token),
        Part::Field("scheme", "eu-gsp"),
        Part::Field("exporting_country", "UZ"),
        Part::Field("hs", "871200"),
        Part::Field("ex_works_price", "200"),
        Part::Field("processes", "welding, painting, assembly"),
        Part::Field("rows", "1"),
        Part::Field("m0_hs", ""),
        Part::File { name: "csv", file_name: "bill.csv", media_type: "text/csv", bytes: csv.as_bytes() },
        Part::Field("action", "upload"),
    ];
    let page = post_multipart(&w.router, "/exporter/assess", &cookies, &parts).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    for message in [
        "Row 3, value: not a number",
        "Row 4, country: not a two-letter country code",
        "Row 4, originating: answer yes or no",
    ] {
        assert!(page.body.contains(message), "{message}: {}", page.body);
    }
    assert!(page.body.contains("value=\"forty\""), "the bad row is kept to be corrected");
    assert!(page.body.contains("id=\"m1_value-error\""), "and its error sits next to its field");
    assert!(!page.body.contains("outcome-"), "nothing is assessed from a file with errors");
    // A good file is assessed at once.
    let good = "hs;description;country;value;originating\n871491;frames;CN;60;no\n871493;hubs;CN;40;no\n";
    let mut parts = parts;
    parts[8] = Part::File { name: "csv", file_name: "bill.csv", media_type: "text/csv", bytes: good.as_bytes() };
    parts[9] = Part::Field("action", "assess");
    let page = post_multipart(&w.router, "/exporter/assess", &cookies, &parts).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("2 rows were read from the file.") && page.body.contains("outcome-originating"),
        "{}",
        page.body
    );
}

both_backends!(the_self_assessment_explains_real_cases_rule_by_rule, a_csv_upload_names_each_bad_row_and_field);
