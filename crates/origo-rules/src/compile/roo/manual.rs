//! Why a rule set needs a manual examination, in words a reviewer can act on. The reason names the kind of
//! condition and the rule lines, never the legal wording itself (the project does not commit it). A reason holds no
//! parenthesis before the one naming the lines, so that reports can group reasons by kind.

/// A rule set without any rule line.
pub const NO_RULE: &str = "the list gives no rule for it";

/// Kinds of condition a case cannot show or the compiler does not read, recognised by words of the lines (first
/// match wins, so the more specific kinds come first).
const KINDS: &[(&[&str], &str)] = &[
    (&["net cost"], "a value calculated on the net cost, which a case does not carry"),
    (&["quota", "annex orig-2a"], "an alternative rule within an annual quota"),
    (&["(1st jan", "until 31", "onwards)", "shall apply until"], "date-phased alternatives"),
    (&["appendix"], "conditions in an appendix of the origin reference document"),
    (
        &["a change to ", "containing more than", "other than swine skin", "in the case of the products composed"],
        "a rule that depends on the kind or composition of the product, which the HS code does not tell",
    ),
    (
        &["unbleached", "thickness", "by volume", "decitex", "polymer content", "dry weight", "denomination"],
        "a characteristic of a material that a bill of materials does not carry: bleaching, thickness, fineness, content",
    ),
    (&["any mechanical operation", "process rule"], "an operation the list does not define"),
    (&["original classification"], "origin kept from the product's original classification"),
    (
        &["originating nuts", "% by weight of", "exceeds", "is wholly obtained is at least"],
        "a minimum share of named originating or wholly obtained materials",
    ),
    (
        &["would apply to it", "meets the rule of origin", "assembling the head"],
        "a rule that refers to the rules of the product's components",
    ),
    (&["may be used", "may not be used", "backing"], "an allowance or exclusion of named materials with no HS reading"),
    (
        &[
            "treatment",
            "removal of",
            "cleaning",
            "cutting, by sawing",
            "distillation",
            "enriching",
            "coating of the lens",
            "transesterification",
            "surfacing",
        ],
        "a specific process outside the process vocabulary",
    ),
    (&["manufacture from", "production from"], "starting materials named in words with no HS reading"),
];

/// The kind of condition in `texts` (lower case).
pub fn kind(texts: &[String]) -> &'static str {
    KINDS
        .iter()
        .find(|(words, _)| texts.iter().any(|t| words.iter().any(|w| t.contains(w))))
        .map_or("wording the compiler does not recognise", |(_, kind)| kind)
}

/// The reason for the lines not understood: `(line index, normalised text)`.
pub fn reason(failures: &[(usize, &str)]) -> String {
    let lines: Vec<String> = failures.iter().map(|(i, _)| (i + 1).to_string()).collect();
    let texts: Vec<String> = failures.iter().map(|(_, text)| text.to_lowercase()).collect();
    let which = if lines.len() == 1 { "line" } else { "lines" };
    format!("{} (rule {which} {})", kind(&texts), lines.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_the_kind_and_the_lines() {
        assert_eq!(
            reason(&[(1, "35% under the net cost method")]),
            "a value calculated on the net cost, which a case does not carry (rule line 2)"
        );
        assert_eq!(
            reason(&[(0, "Frobnication"), (2, "x")]),
            "wording the compiler does not recognise (rule lines 1, 3)"
        );
    }
}
