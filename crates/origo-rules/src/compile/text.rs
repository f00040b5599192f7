//! Normalising legal text before matching: the scraped lines carry Markdown (links, bold, bullets), HTML
//! (`&nbsp;`, `<abbr>`), typographic quotes and editorial notes. None of that changes what a rule means, so it is
//! removed here once, and the patterns and the override file both see the same plain sentence.
//!
//! Two forms come out: the *normalised* text (original case, used as the key of phrase overrides and in error
//! messages) and the *canonical* text (lower case, UK/EU wording differences folded) that patterns match.

/// A rule line after normalisation, with what was dropped from it (reported, never silent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    pub text: String,
    /// Editorial notes removed, e.g. "(see Note 4 in Part 1 of this Schedule)".
    pub notes: Vec<String>,
    /// Mechanical repairs of the text itself, e.g. a stray ')' without its '('.
    pub repairs: Vec<String>,
}

/// Notes that refer the reader elsewhere; they carry no condition of their own (the tolerances they point to
/// are scheme-wide data of the pack).
const NOTE_OPENERS: [&str; 3] = ["(see note", "(for special conditions", "[with clause to revert"];

/// Replaces Markdown links `[label](/target)` by their label.
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else { break };
        let Some(end) = rest[open + close..].find(')') else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Removes `<abbr title='...'>` and `</abbr>`, keeping the abbreviation itself.
fn strip_abbr(text: &str) -> String {
    let mut out = text.replace("</abbr>", "");
    while let Some(start) = out.find("<abbr") {
        match out[start..].find('>') {
            Some(end) => out.replace_range(start..start + end + 1, ""),
            None => break,
        }
    }
    out
}

/// Drops editorial notes (see [`NOTE_OPENERS`]) with their bracket, returning the text and the notes.
fn drop_notes(text: &str) -> (String, Vec<String>) {
    let mut out = text.to_string();
    let mut notes = Vec::new();
    loop {
        let lower = out.to_lowercase();
        let Some(start) = NOTE_OPENERS.iter().filter_map(|o| lower.find(o)).min() else { break };
        let closer = if out[start..].starts_with('[') { ']' } else { ')' };
        let Some(len) = out[start..].find(closer) else { break };
        notes.push(out[start..start + len + 1].to_string());
        out.replace_range(start..start + len + 1, "");
    }
    (out, notes)
}

/// Removes a ')' that closes nothing (the EU list has "weight of sugar ) and").
fn drop_stray_parens(text: &str) -> (String, Vec<String>) {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                repairs.push("removed a ')' without a matching '('".to_string());
                continue;
            }
            ')' => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    (out, repairs)
}

/// Collapses runs of whitespace into one space and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises one rule line of either list.
pub fn normalise(raw: &str) -> Normalised {
    let text = raw.replace("&nbsp;", " ").replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    let text = strip_abbr(&strip_links(&text));
    let text = text.replace("**", "").replace("*and*", "and").replace("*or*", "or");
    // Bullets: at the start of a line, or inline after a scraped "and"/"or" that joined two lines.
    let lines: Vec<&str> = text.lines().map(|l| l.trim()).map(|l| l.strip_prefix("- ").unwrap_or(l)).collect();
    let text = lines.join(" ").replace(" and - ", " and ").replace(" or - ", " or ");
    let (text, notes) = drop_notes(&text);
    let (text, repairs) = drop_stray_parens(&text);
    let mut text = collapse(&text);
    while text.ends_with(['.', ':', ',', ';']) {
        text.pop();
        text = text.trim_end().to_string();
    }
    Normalised { text, notes, repairs }
}

/// The canonical form patterns match: lower case, UK wording folded onto the EU wording ("the good" is "the
/// product", "subheading" is "sub-heading", "wholly obtained in the country or territory" is "wholly obtained").
pub fn canonical(normalised: &str) -> String {
    let mut c = normalised.to_lowercase();
    for (from, to) in [
        ("and / or", "and/or"),
        ("subheading", "sub-heading"),
        (" in the country or territory", ""),
        ("manufacture: from", "manufacture from"),
        ("; and ", ", and "),
    ] {
        c = c.replace(from, to);
    }
    let words: Vec<String> = c
        .split(' ')
        .map(|word| {
            let core = word.trim_start_matches('(').trim_end_matches([',', '.', ';', ':', ')']);
            match core {
                "good" => word.replacen("good", "product", 1),
                "goods" => word.replacen("goods", "products", 1),
                _ => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// Normalises a description or label for comparison and output: whitespace collapsed, quotes plain.
pub fn clean(text: &str) -> String {
    collapse(&text.replace('’', "'").replace(['“', '”'], "\"").replace("&nbsp;", " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_notes_are_removed() {
        let n = normalise(
            "Manufacture from materials of any heading, except those of [heading&nbsp;7106](/headings/7106) and \
             [heading&nbsp;7110](/headings/7110) (see Note 4 in Part 1 of this Schedule).",
        );
        assert_eq!(n.text, "Manufacture from materials of any heading, except those of heading 7106 and heading 7110");
        assert_eq!(n.notes, vec!["(see Note 4 in Part 1 of this Schedule)".to_string()]);
    }

    #[test]
    fn abbr_bold_and_bullets() {
        let n = normalise("<abbr title='Change of tariff heading'>CTH</abbr>: cannot exceed **75%**\n\n- and x.");
        assert_eq!(n.text, "CTH: cannot exceed 75% and x");
        let n = normalise("Manufacture in which:\n\n- all wholly obtained; *and* - the weight");
        assert_eq!(n.text, "Manufacture in which: all wholly obtained; and the weight");
        assert_eq!(canonical(&n.text), "manufacture in which: all wholly obtained, and the weight");
    }

    #[test]
    fn stray_parenthesis_is_a_repair() {
        let n = normalise("the individual weight of sugar ) and of the materials");
        assert_eq!(n.text, "the individual weight of sugar and of the materials");
        assert_eq!(n.repairs.len(), 1);
    }

    #[test]
    fn uk_wording_folds_onto_eu_wording() {
        assert_eq!(
            canonical("Manufacture from materials of any subheading, except that of the good"),
            "manufacture from materials of any sub-heading, except that of the product"
        );
        assert_eq!(
            canonical("weight of the final good (knitted to shape goods)"),
            "weight of the final product (knitted to shape products)"
        );
    }
}
