//! Bringing a canonical line to the wording the patterns know: spelling variants of the lists folded onto one
//! wording ("ex-work price", "production from", "materials used is classified"), stray spaces after hyphens
//! ("paper- making"), dotted headings ("heading 10.06"), and pointers to the introductory notes dropped ("See
//! Introductory Note 6", "For special conditions relating to products made of a mixture of textile materials, see
//! Introductory Note 5"): they point to the textile tolerances and definitions, which are scheme-wide and place no
//! condition of their own on the line (without a tolerance in the pack the rule is only stricter).

use super::text::collapse;

/// Spelling variants of the lists, folded onto one wording (canonical text).
const FOLDS: &[(&str, &str)] = &[
    ("ex-work price", "ex-works price"),
    ("ex works price", "ex-works price"),
    ("of the ex-works price of the products", "of the ex-works price of the product"),
    ("production from ", "manufacture from "),
    ("production in which", "manufacture in which"),
    ("manufacture from non-originating materials of any heading", "manufacture from materials of any heading"),
    ("manufacture: in which", "manufacture in which"),
    ("manufacture : from", "manufacture from"),
    ("materials used is classified", "materials used are classified"),
    ("all the material of ", "all the materials of "),
    (" used is wholly obtained", " used are wholly obtained"),
    (" must be wholly obtained", " are wholly obtained"),
    (" shall be wholly obtained", " are wholly obtained"),
    ("all the animals of chapter 1 used are", "all the materials of chapter 1 used are"),
    (
        "all the fruit, nuts or vegetables used are wholly obtained",
        "all the materials of chapter 7 and chapter 8 used are wholly obtained",
    ),
    (
        "all the fruit, nuts and vegetables used are wholly obtained",
        "all the materials of chapter 7 and chapter 8 used are wholly obtained",
    ),
    (
        "all the cereals, edible vegetables, roots and tubers of heading 0714 or fruit used are wholly obtained",
        "all the materials of chapter 7, chapter 8 and chapter 10 used are wholly obtained",
    ),
    (
        "all the grapes or materials derived from grapes used are wholly obtained",
        "all the materials of sub-heading 080610, sub-heading 200961 and sub-heading 200969 used are wholly obtained",
    ),
    (
        "however, materials classified within the same heading may be used provided their value does not exceed",
        "however, materials of the same heading as the product may be used, provided that their total value does not exceed",
    ),
    ("other operations than those referred to in column in which", "other operations in which"),
    ("other operations than those referred to above in which", "other operations in which"),
    (
        "manufacture in which all the materials used are classified within a heading other than that of the product. however",
        "manufacture from materials of any heading, except that of the product. however",
    ),
    (
        "materials used are classified in a heading other than",
        "materials used are classified within a heading other than",
    ),
    (
        "manufacture from materials of any heading, except heading ",
        "manufacture from materials of any heading, except those of heading ",
    ),
    ("manufacture from materials of any heading except for ", "manufacture from materials of any heading, except "),
    ("manufacture from materials of any heading except ", "manufacture from materials of any heading, except "),
    ("however materials of the same heading", "however, materials of the same heading"),
    ("all the maize used are wholly obtained", "all the materials of heading 1005 used are wholly obtained"),
    (
        "all the olives used are wholly obtained",
        "all the materials of sub-heading 070992 and sub-heading 071120 used are wholly obtained",
    ),
    ("all the chicory used are wholly obtained", "all the materials of sub-heading 121294 used are wholly obtained"),
    ("all the fruit and nuts used are wholly obtained", "all the materials of chapter 8 used are wholly obtained"),
    (
        "all the grapes or any material derived from grapes used are wholly obtained",
        "all the materials of sub-heading 080610, sub-heading 200961 and sub-heading 200969 used are wholly obtained",
    ),
    ("of the value of the ex-works price of the product", "of the ex-works price of the product"),
    (
        "may be used provided their value does not exceed",
        "may be used, provided that their total value does not exceed",
    ),
    (
        "may be used provided their value, taken together, does not exceed",
        "may be used, provided that their total value does not exceed",
    ),
    (
        "may be used provided their value taken together, does not exceed",
        "may be used, provided that their total value does not exceed",
    ),
    (
        "may be used, provided their value does not exceed",
        "may be used, provided that their total value does not exceed",
    ),
    (
        "may be incorporated into the set provided their value does not exceed",
        "may be incorporated into the set, provided that their total value does not exceed",
    ),
    ("however, the other materials of heading", "however, other materials of heading"),
    ("however, materials from heading", "however, materials of heading"),
    ("manufacture in which all materials of ", "manufacture in which all the materials of "),
    (" used may not exceed ", " used must not exceed "),
    (" of the transaction value or ex-works price of the product", " of the ex-works price of the product"),
    ("non-twisted or non-textured yarns", "non-twisted/non-textured yarns"),
    (
        "materials classified within the same heading as the product used",
        "materials of the same heading as the product used",
    ),
    ("in which the value of the materials of ", "in which the value of all the materials of "),
    ("ta ken together", "taken together"),
    ("calcinations ", "calcination "),
    ("decatizing", "decatising"),
    ("except meat end edible meat offal", "except meat and edible meat offal"),
    (
        "all the grapes or any materials derived from grapes used are wholly obtained",
        "all the materials of sub-heading 080610, sub-heading 200961 and sub-heading 200969 used are wholly obtained",
    ),
    (
        "materials of the same group may be used, provided that their total value does not exceed",
        "materials of the same group as the product may be used, provided that their total value does not exceed",
    ),
    ("carving materials of these heading", "carving materials of the same heading"),
    ("(with the exception of silk-screen printing)", "(except silk-screen printing)"),
    (
        "provided the value of the hand-blown glassware does not exceed",
        "provided that the total value of the hand-blown glassware used does not exceed",
    ),
    ("process(es)1", "process(es)"),
    ("one or more specific processes", "one or more specific process(es)"),
    ("re-tanning", "retanning"),
    ("manmade", "man-made"),
    ("manufacture materials of", "manufacture from materials of"),
    ("semiconductor substrate", "semi-conductor substrate"),
    ("the operation of diffusion (in which", "the operation of diffusion, in which"),
    (" of the ex-works price (exw) of the product", " of the ex-works price of the product"),
    (
        "however, other materials of the same heading may be used",
        "however, materials of the same heading as the product may be used",
    ),
    ("tubular knitted/crocheted gas mantle fabric", "tubular knitted gas-mantle fabric"),
    ("polycarbonate of tetrabromo- (bisphenol a)", "polycarbonate of tetrabromo-(bisphenol a)"),
    ("partly neutralized with metal ions", "partly neutralised with metal ions"),
    ("heading 7205 or 722410", "heading 7205 or sub-heading 722410"),
    (
        "ingots or other primary forms or semi-finished products of",
        "ingots or other primary forms or semi-finished materials of",
    ),
    ("materials used is classified", "materials used are classified"),
    ("(magnetite)", "(magnesite)"),
    ("fur skins", "furskins"),
    ("making up followed by ", "making-up accompanied by "),
    ("making up preceded by ", "making-up preceded by "),
    ("process(es)2", "process(es)"),
    ("of the total weight of the product", "of the weight of the final product"),
    ("glass plate substrate", "glass-plate substrate"),
    (
        "any heading, provided that the total weight of non-originating materials of ",
        "any heading, in which the total weight of non-originating materials of ",
    ),
    ("of the product however, ", "of the product. however, "),
    ("destillation", "distillation"),
    (" not carded of combed", " not carded or combed"),
    ("combed of otherwise", "combed or otherwise"),
    ("materials on any heading", "materials of any heading"),
    (" must wholly obtained", " are wholly obtained"),
    ("bullion or work lead", "'bullion' or 'work' lead"),
    (
        "ingots, other primary forms or semi-finished products of",
        "ingots or other primary forms or semi-finished materials of",
    ),
    ("\"bullion\" or \"work\" lead", "'bullion' or 'work' lead"),
    ("non-originating material of any heading", "non-originating materials of any heading"),
    (", except from non-originating ", ", except from "),
    ("natural or of man-made staple fibres", "natural or man-made staple fibres"),
    (" of the ex-works price (exw) of the set", " of the ex-works price of the set"),
    ("tubular knitted or crocheted gas-mantle fabric", "tubular knitted gas-mantle fabric"),
    ("planning, sanding", "planing, sanding"),
    ("semi finished materials", "semi-finished materials"),
    ("manufacturing in which", "manufacture in which"),
    ("classified within heading other than", "classified within a heading other than"),
    ("must al ready be", "must already be"),
    ("semi precious stones", "semi-precious stones"),
    ("operations of refining, and/or", "operations of refining and/or"),
    ("of the ex-works price of the printed fabric", "of the ex-works price of the product"),
    (
        "the value of all non-originating materials used does not exceed: ",
        "the value of all the materials used does not exceed ",
    ),
    (
        "the value of all non-originating materials used does not exceed ",
        "the value of all the materials used does not exceed ",
    ),
    (
        "the value of non-originating materials used does not exceed ",
        "the value of all the materials used does not exceed ",
    ),
    (
        "may be used, provided their total value does not exceed",
        "may be used, provided that their total value does not exceed",
    ),
    ("the weight of sugar does not exceed", "the weight of sugar used does not exceed"),
    ("making up, followed by ", "making-up accompanied by "),
    ("making-up, followed by ", "making-up accompanied by "),
    ("tubular knitted gas mantle fabric", "tubular knitted gas-mantle fabric"),
    (
        "provided the value of all the materials used does not exceed",
        "provided that the value of all the materials used does not exceed",
    ),
    (
        "the weight of materials of heading 2401 does not exceed",
        "the weight of materials of heading 2401 used does not exceed",
    ),
    ("heading 7205 or 721810", "heading 7205 or sub-heading 721810"),
    ("manufacture in which the uppers of footwear", "manufacture in which all the uppers of footwear"),
    ("any heading in which ", "any heading, in which "),
    ("the value of all non-originating materials of ", "the value of all the materials of "),
    (
        "materials of the same group may be used, provided their value does not exceed",
        "materials of the same group as the product may be used, provided that their total value does not exceed",
    ),
    ("manufacture of materials of any", "manufacture from materials of any"),
    ("any sub-heading except that of the product", "any sub-heading, except that of the product"),
    ("of the ex-works price of the final product", "of the ex-works price of the product"),
    ("the value of the materials classified within", "the materials classified within"),
    ("paper making materials", "paper-making materials"),
    (", not carded or combed", " not carded or combed"),
    ("raw silk or silk waste, carded", "raw silk or silk waste carded"),
    ("man-made staple fibres made from casein", "casein fibres"),
    (
        ". the materials of this description may also be used, provided their value does not exceed",
        ". however, materials of the same description as the product may be used, provided that their total value does not exceed",
    ),
    // Textile wording of the newer lists.
    (", combined with ", " accompanied by "),
    (" combined with ", " accompanied by "),
    ("making-up, including cutting of fabric", "making-up (including cutting)"),
    ("making-up including cutting of fabric", "making-up (including cutting)"),
    ("making up including cutting of fabric", "making-up (including cutting)"),
    ("making up (including cutting)", "making-up (including cutting)"),
    ("knitting/crocheting", "knitting or crocheting"),
    ("nonwoven fabric formation", "non-woven techniques including needle punching"),
    ("non-woven fabric formation", "non-woven techniques including needle punching"),
    ("extrusion of man-made continuous filament", "extrusion of man-made filament yarn"),
    ("mercerizing", "mercerising"),
    (" rasing,", " raising,"),
    (" razing,", " raising,"),
    ("shrink-resistance", "shrink resistance"),
    ("printing, accompanied by at least", "printing accompanied by at least"),
    ("weaving, accompanied by", "weaving accompanied by"),
    ("knitting, accompanied by", "knitting accompanied by"),
];

/// Markers of a pointer to the notes; the pointer runs to the end of the note numbers after it.
const POINTERS: [&str; 6] = [
    "for the special conditions relating to \"specific processes\" see introductory note",
    "for special conditions relating to products made of a mixture of textile materials, see introductory note",
    "for the special conditions relating to 'specific processes', see introductory note",
    "for the special conditions relating to 'specific processes' see introductory note",
    "for the special conditions relating to \"specific process(es)\", see introductory note",
    "see also introductory note",
];

/// Removes pointers to the notes ("see introductory note 6", "... see introductory notes 7.1 and 7.3").
fn drop_pointers(text: &str) -> String {
    let mut out = text.to_string();
    loop {
        let found = POINTERS
            .iter()
            .chain(["see introductory note"].iter())
            .filter_map(|p| out.find(p).map(|i| (i, p.len())))
            .min();
        let Some((start, len)) = found else { break };
        let mut end = start + len;
        let rest = &out[end..];
        let rest_trim = rest.strip_prefix('s').unwrap_or(rest);
        end += rest.len() - rest_trim.len();
        // Note numbers: "5", "7.1 and 7.3", "8.1 to 8.3".
        let tokens: Vec<&str> = out[end..].split(' ').collect();
        let mut consumed = 0;
        for (i, token) in tokens.iter().enumerate() {
            let t = token.trim_end_matches(['.', ',']);
            let number = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
            let joiner = matches!(t, "and" | "to") && i > 0;
            if i == 0 && t.is_empty() || number || joiner {
                consumed += token.len() + 1;
            } else {
                break;
            }
        }
        end = (end + consumed).min(out.len());
        let before = out[..start].trim_end().trim_end_matches(['.', ',']).to_string();
        out = format!("{before} {}", out[end..].trim_start_matches(['.', ' ']));
    }
    // A pointer that stood in parentheses leaves them empty: "manufacture from yarn (see introductory note 6)".
    let out = collapse(&out).replace("( )", "").replace("()", "").replace("(.)", "");
    collapse(&out).trim_end_matches(['.', ',', ' ']).to_string()
}

/// Joins words split by a stray space after a hyphen ("paper- making", "ex- works") and unifies hyphens.
fn fix_hyphens(text: &str) -> String {
    let text = text.replace(['\u{2010}', '\u{2011}'], "-");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let stray_space = c == ' '
            && i > 1
            && chars[i - 1] == '-'
            && chars[i - 2].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if !stray_space {
            out.push(c);
        }
    }
    out
}

/// Writes dotted headings without their dot ("heading 10.06" is heading 1006).
fn undot_headings(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let dot_in_code = c == '.'
            && i >= 2
            && i + 2 < bytes.len()
            && bytes[i - 1].is_ascii_digit()
            && bytes[i - 2].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit()
            && bytes[i + 2].is_ascii_digit()
            && (i < 3 || !bytes[i - 3].is_ascii_digit());
        if !dot_in_code {
            out.push(c);
        }
    }
    out
}

/// The canonical line with its spelling folded and its pointers dropped.
pub fn prepare(canon: &str) -> String {
    // A trailing "or" is the scraped operator between this line and the next, which are alternatives anyway.
    let canon = canon.strip_suffix(" or").unwrap_or(canon);
    let mut text = undot_headings(&drop_pointers(&fix_hyphens(canon)));
    for (from, to) in FOLDS {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_dropped() {
        assert_eq!(
            prepare(
                "manufacture from yarn. for special conditions relating to products made of a mixture of textile materials, see introductory note 5. see also introductory note 6"
            ),
            "manufacture from yarn"
        );
        assert_eq!(
            prepare(
                "operations of refining and / or one or more specific process(es). for the special conditions relating to 'specific processes' see introductory notes 7.1 and 7.3"
            ),
            "operations of refining and / or one or more specific process(es)"
        );
        assert_eq!(prepare("manufacture from paper- making materials"), "manufacture from paper-making materials");
    }
}
