//! The phrase compiler for every agreement of the uk-roo corpus. A line is first brought to the wording the
//! patterns know (`prepare`: spelling variants, pointers to the notes), then tried against the patterns of
//! `phrase` (EU GSP and UK DCTS wording), `fta` (changes of classification in the newer agreements' wording),
//! `value` (MaxNOM, RVC, QVC), `named` (named materials and fixed process sentences) and `textile` (process
//! chains), and finally split where the wording joins two rules ("CTH ... and Standard QVC", "..., provided that
//! the value of ...", "... or manufacture in which ...").
//!
//! Lettered options ("... regional value content of not less than: a) 40% under the build-up method" / "b) 50%
//! under the build-down method") arrive one per line; `split_piece` cuts the opening sentence from its first
//! option, and each option is compiled in the context of that sentence.
//!
//! Pointers to the notes ("See Introductory Note 6", "For special conditions relating to products made of a
//! mixture of textile materials, see Introductory Note 5") are dropped: they point to the textile tolerances and
//! definitions, which are scheme-wide and place no condition of their own on the line (without a tolerance in
//! the pack the rule is only stricter).

use super::expr::{all_of, any_of};
use super::named;
use super::phrase::{self, Context};
use super::textile;
use super::value;
use super::{fta, text::collapse};
use crate::rule::Rule;

/// How a line relates to lettered options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// "<intro>: a) <piece>" (normalised, the parenthesis of "a)" already dropped).
    Opening { intro: String, piece: String },
    /// "b) <piece>", "(c) <piece>".
    Next(String),
    /// No lettered option.
    Plain,
}

fn starts_with_digit(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Splits a normalised line into the sentence opening lettered options and its first option.
pub fn split_piece(text: &str) -> Piece {
    for opener in [": a) ", ": (a) ", ": a "] {
        if let Some((intro, piece)) = text.split_once(opener)
            && starts_with_digit(piece)
        {
            return Piece::Opening { intro: intro.trim().to_string(), piece: piece.trim().to_string() };
        }
    }
    for letter in ["b", "c", "d", "e"] {
        for form in [format!("{letter}) "), format!("({letter}) "), format!("{letter} ")] {
            if let Some(piece) = text.strip_prefix(&form)
                && starts_with_digit(piece)
            {
                return Piece::Next(piece.trim().to_string());
            }
        }
    }
    Piece::Plain
}

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
    let mut text = undot_headings(&drop_pointers(&fix_hyphens(canon)));
    for (from, to) in FOLDS {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    text
}

/// Compiles one canonical line (an option, when `intro` gives its opening sentence), or `None`.
pub fn compile(canon: &str, intro: Option<&str>, cx: &Context) -> Option<Rule> {
    let text = prepare(canon);
    match intro {
        Some(intro) => option_in(&text, &prepare(intro), cx),
        None => line(&text, cx),
    }
}

fn option_in(piece: &str, intro: &str, cx: &Context) -> Option<Rule> {
    let rule = value::option(piece, cx)?;
    match value::opening(intro)? {
        None => Some(rule),
        Some(head) => Some(all_of(vec![line(head, cx)?, rule])),
    }
}

fn line(text: &str, cx: &Context) -> Option<Rule> {
    if let Some(rest) = jute_backing(text) {
        return line(rest, cx).map(with_jute_backing);
    }
    phrase::compile(text, cx)
        .or_else(|| special(text, cx))
        .or_else(|| super::however::compile(text))
        .or_else(|| however_after(text, cx))
        .or_else(|| however_then_conditions(text, cx))
        .or_else(|| fta::compile(text, cx))
        .or_else(|| value::line(text, cx))
        .or_else(|| named::compile(text, cx))
        .or_else(|| printing_standalone(text, cx))
        .or_else(|| conjunction(text, cx))
        .or_else(|| proviso(text, cx))
        .or_else(|| single_option(text, cx))
        .or_else(|| two_alternatives(text, cx))
        .or_else(|| bare_conditions(text))
}

/// Sentences with a reading of their own (see also `named` for fixed process sentences):
/// - "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate ...":
///   `P(diffusion)`, whatever the list then says about assembly and testing elsewhere;
/// - the sets rule, "each item in the set must satisfy the rule which would apply to it if it were not included in
///   the set. however, non-originating articles may be incorporated, provided that their total value does not
///   exceed 15% of the ex-works price of the set": the items are the materials, `MAXNOM 15%`;
/// - "manufacture in which at least 70% by weight of the unmanufactured tobacco or tobacco refuse of heading 2401
///   used is originating": at most 30% of that weight non-originating, `MAXWT 30%[2401] OF[2401]`;
/// - "manufacture from materials of any heading, including other materials of heading 3002. however, materials of
///   the same description as the product may be used, provided that their total value does not exceed 20% ...":
///   the description is not in the HS code, so the heading stands for it, `CTH SAME<=20%` (stricter than the law
///   for materials of the heading with another description).
fn special(text: &str, cx: &Context) -> Option<Rule> {
    if text == "process rule" {
        return cx.process_rule.clone();
    }
    const DIFFUSION: [&str; 3] = [
        "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate",
        "non-originating materials undergo a diffusion",
        "non-originating materials used undergo a diffusion",
    ];
    if DIFFUSION.iter().any(|d| text.starts_with(d)) {
        return Some(super::expr::process("diffusion"));
    }
    // "including other materials of heading 2905. however, metal alcoholates of this heading may be used, ...":
    // as for "the same description" below, the heading stands for what the words name.
    if let Some(rest) =
        text.strip_prefix("manufacture from materials of any heading, including other materials of heading ")
        && let Some((_, tail)) =
            rest.split_once(" of this heading may be used, provided that their total value does not exceed ")
    {
        return Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(fta::value_limit(tail)?)));
    }
    for lead in [
        "each item in the set must satisfy the rule which would apply to it if it were not included in the set. however, ",
        "each item in the set must satisfy the rule, which would apply to it if it were not included in the set. however, ",
        "each item in the set shall satisfy the rule which would apply to it if it were not included in the set, provided that ",
    ] {
        let Some(rest) = text.strip_prefix(lead) else { continue };
        for proviso in [
            "non-originating articles may be incorporated, provided that their total value does not exceed ",
            "non-originating articles may be incorporated provided their total value does not exceed ",
            "non-originating articles may be incorporated, provided their total value does not exceed ",
        ] {
            if let Some(limit) = rest.strip_prefix(proviso) {
                let (number, tail) = limit.split_once('%')?;
                (tail == " of the ex-works price of the set").then_some(())?;
                return Some(super::expr::maxnom(super::expr::percent(number)?, None));
            }
        }
    }
    if let Some(rest) = text.strip_prefix("manufacture in which at least ") {
        let (number, rest) = rest.split_once("% by weight of the ")?;
        let (_, rest) = rest.split_once(" of ")?;
        let codes = rest
            .strip_suffix(" used is originating")
            .or_else(|| rest.strip_suffix(" used must already be originating"))
            .or_else(|| rest.strip_suffix(" used are originating"))?;
        let sel = super::codes::prose_selection(codes)?;
        let max = rust_decimal::Decimal::ONE_HUNDRED - super::expr::percent(number)?;
        return Some(super::expr::maxwt(max, sel.clone(), Some(sel)));
    }
    if let Some(rest) = text.strip_prefix("manufacture from materials of any heading, including materials of a different ")
        && let Some((_, tail)) = rest.split_once(". however, materials of the same group as the product may be used, provided that their total value does not exceed ")
    {
        // A "group" is a part of the heading between semicolons, which the codes do not show: the heading
        // stands for it (the EU GSP overrides read it alike).
        let tail = tail.split(". a ").next().unwrap_or(tail);
        return Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(fta::value_limit(tail)?)));
    }
    if let Some(rest) = text.strip_prefix(
        "manufacture in which the value of all the materials used, except natural rubber, does not exceed ",
    ) {
        // Natural rubber is heading 4001: the ceiling is on every other material.
        let sel = crate::selection::Selection::parse("ch01-ch39,4002-4017,ch41-ch97").expect("codes parse");
        return Some(super::expr::maxnom(fta::value_limit(rest)?, Some(sel)));
    }
    let rest = text.strip_prefix("manufacture from materials of any heading, including other materials of heading ")?;
    let (_, limit) = rest.split_once(
        ". however, materials of the same description as the product may be used, provided that their total value does not exceed ",
    )?;
    let max = fta::value_limit(limit)?;
    Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(max)))
}

/// "Manufacture: from materials of any heading, except that of the product. However, <allowance>, and in which
/// <conditions>": the allowance belongs to the change, the conditions are joined to it.
fn however_then_conditions(text: &str, cx: &Context) -> Option<Rule> {
    let at = text.find(". however, ")?;
    let (before, after) = text.split_at(at);
    for joint in [", and in which ", " and in which ", " the value of all the materials used "] {
        if let Some((allowance, conds)) = after.split_once(joint) {
            let conds = if joint.starts_with(" the value") {
                format!("the value of all the materials used {conds}")
            } else {
                conds.to_string()
            };
            let rule = line(&format!("{before}{allowance}"), cx)?;
            let mut all = vec![rule];
            all.extend(super::conditions::conditions(&conds)?);
            return Some(all_of(all));
        }
    }
    None
}

/// Any rule followed by "However, <materials> may [not] be used ..." (see `however`); after wholly-obtained
/// conditions, "However, materials of heading 1507 ... may be used" is read only where those codes lie outside the
/// wholly-obtained selections (so it changes nothing).
fn however_after(text: &str, cx: &Context) -> Option<Rule> {
    let (main, sentence) = text.split_once(". however, ")?;
    let rule = line(main, cx)?;
    if matches!(rule, Rule::Change { .. }) {
        return super::however::apply(rule, sentence);
    }
    let codes = sentence.strip_prefix("materials of ")?.strip_suffix(" may be used")?;
    let freed = super::codes::prose_selection(codes)?;
    let atoms = match &rule {
        Rule::AllOf(list) => list.clone(),
        other => vec![other.clone()],
    };
    let groups = std::collections::BTreeMap::new();
    let freed = freed.resolve(&groups).ok()?;
    for atom in &atoms {
        let Rule::MaterialsWhollyObtained(sel) = atom else { continue };
        let sel = super::groups::resolve(sel)?;
        if freed.ranges().iter().any(|&(a, b)| sel.ranges().iter().any(|&(c, d)| a <= d && c <= b)) {
            return None;
        }
    }
    atoms.iter().any(|a| matches!(a, Rule::MaterialsWhollyObtained(_))).then_some(rule)
}

/// A line that is only conditions ("All the materials of chapter 3 used must be wholly obtained").
fn bare_conditions(text: &str) -> Option<Rule> {
    ["all the ", "all ", "the value of ", "the weight of "].iter().any(|s| text.starts_with(s)).then_some(())?;
    Some(all_of(super::conditions::conditions(text)?))
}

/// The rule without "Jute fabric may be used as a backing" and its spellings.
fn jute_backing(text: &str) -> Option<&str> {
    const TAILS: [&str; 8] = [
        ". non-originating jute fabric may be used as a backing",
        ". jute fabric may be used as a backing",
        " jute fabric may be used as a backing",
        ". however, jute fabric may be used as a backing",
        ". however, jute fabric may be used as backing",
        ". however jute fabric may be used as backing",
        " however jute fabric may be used as backing",
        ". how ever jute fabric may be used as backing",
    ];
    TAILS.iter().find_map(|t| text.strip_suffix(t)).map(|r| r.trim_end_matches([' ', ':', '.']))
}

/// "Jute fabric may be used as a backing": jute fabric (5310) joins the materials a `FROM` allows; a rule of
/// processes places no condition on the backing, so it stays as it is (the UK DCTS overrides read it alike).
fn with_jute_backing(rule: Rule) -> Rule {
    let jute = crate::selection::Selection::parse("5310").expect("code parses");
    match rule {
        Rule::From(sel) => Rule::From(super::expr::join(&sel, &jute)),
        Rule::AllOf(list) => Rule::AllOf(list.into_iter().map(with_jute_backing).collect()),
        other => other,
    }
}

/// "CTH: ... and Standard QVC", "CTH: ... and a maximum of 50% ... (maxnom)".
fn conjunction(text: &str, cx: &Context) -> Option<Rule> {
    let (level, tail) = fta::uk_form(text)?;
    let rest = tail.strip_prefix(" and ")?;
    // "and a QVC of not less than: a) ..." is an opening of options, handled with its pieces.
    let rest_rule = line(rest, cx)?;
    Some(all_of(vec![super::expr::change(level, None, None, None), rest_rule]))
}

/// "no change in tariff classification required ..., provided there is a regional value content of not less
/// than 45% under the build-down method": an opening with its only option on the same line.
fn single_option(text: &str, cx: &Context) -> Option<Rule> {
    let at = text.rfind("of not less than ")?;
    let (intro, piece) = text.split_at(at + "of not less than".len());
    option_in(piece.trim(), intro, cx)
}

/// Two alternatives written on one line: "... except that of the product or manufacture in which ...".
fn two_alternatives(text: &str, cx: &Context) -> Option<Rule> {
    for joint in [" or manufacture ", ", or: ", " and/or manufacture ", ", and/or in which ", " and/or in which "] {
        if let Some((a, b)) = text.split_once(joint) {
            // "A and/or B" is met when either is.
            let b = match joint {
                " or manufacture " | " and/or manufacture " => format!("manufacture {b}"),
                ", and/or in which " | " and/or in which " => format!("manufacture in which {b}"),
                _ => b.to_string(),
            };
            let a =
                a.strip_prefix("manufacture: ").map(|r| format!("manufacture {r}")).unwrap_or_else(|| a.to_string());
            let a = a.as_str();
            return Some(any_of(vec![line(a, cx)?, line(&b, cx)?]));
        }
    }
    None
}

/// A rule followed by a value proviso on the materials: "making-up (including cutting), provided that the value
/// of non-originating materials used does not exceed 50% of the ex-works price (exw) or 45% of the free on board
/// (fob) cost of the product", "manufacture from unembroidered fabric, provided that the value of non-originating
/// unembroidered fabric used does not exceed 40% of the ex-works price (exw) of the product".
fn proviso(text: &str, cx: &Context) -> Option<Rule> {
    for opener in [
        ", provided that the value of ",
        " provided that the value of ",
        " provided the value of ",
        " where the value of ",
    ] {
        let Some((head, clause)) = text.split_once(opener) else { continue };
        let (material, limit) =
            clause.split_once(" used does not exceed ").or_else(|| clause.split_once(" does not exceed "))?;
        let material = material.strip_prefix("the ").unwrap_or(material);
        let of = match material {
            "non-originating materials" | "all the non-originating materials" | "all the materials" => None,
            other => match named::fabric_group(other) {
                Some(group) => Some(group),
                // "all the unprinted goods of heading 6213 and heading 6214": the codes named.
                None => Some(super::codes::prose_selection(other.split_once(" of ")?.1)?),
            },
        };
        let ceiling = match value::exw_or_fob(limit, of.clone()) {
            Some(rule) => rule,
            None => super::expr::maxnom(fta::value_limit(limit)?, of),
        };
        let head_rule = line(head, cx).or_else(|| {
            let from = head.strip_prefix("manufacture from ")?;
            Some(Rule::From(named::fabric_group(from)?))
        })?;
        return Some(all_of(vec![head_rule, ceiling]));
    }
    None
}

/// "Printing (as standalone operation)": printing with at least two preparatory or finishing operations and the
/// value ceiling of the lists' definition (EU and Turkey notes: 50% of the ex-works price; Japan: 50% of the
/// ex-works price or 45% of the FOB value).
fn printing_standalone(text: &str, cx: &Context) -> Option<Rule> {
    const STANDALONE: &str = "printing (as standalone operation)";
    text.contains(STANDALONE).then_some(())?;
    let long = "printing accompanied by at least two preparatory or finishing operations (such as scouring, \
                bleaching, mercerising, heat setting, raising, calendering, shrink resistance processing, \
                permanent finishing, decatising, impregnating, mending and burling)";
    let rule = textile::compile(&text.replace(STANDALONE, long))?;
    // The ceiling belongs to the printing; a line with other alternatives cannot carry it on all of them.
    if matches!(rule, Rule::AnyOf(_)) {
        return None;
    }
    let ceiling = if cx.scheme == "japan" {
        value::exw_or_fob(
            "50% of the ex-works price (exw) or 45% of the free on board (fob) cost of the product",
            None,
        )?
    } else {
        super::expr::maxnom(rust_decimal::Decimal::from(50), None)
    };
    Some(all_of(vec![rule, ceiling]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::text::{canonical, normalise};

    fn c(text: &str) -> String {
        let cx = Context { headings: vec![5208], ..Context::default() };
        compile(&canonical(&normalise(text).text), None, &cx).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn pieces() {
        let opening = split_piece("No change ... not less than: a 40% under the build-up method");
        assert!(matches!(opening, Piece::Opening { ref piece, .. } if piece == "40% under the build-up method"));
        assert_eq!(
            split_piece("b 45% under the build-down method"),
            Piece::Next("45% under the build-down method".into())
        );
        assert_eq!(split_piece("b-tagged"), Piece::Plain);
    }

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

    #[test]
    fn lines_of_the_newer_lists() {
        assert_eq!(
            c(
                "Manufacture in which all the materials used are classified within a heading other than that of the product"
            ),
            "CTH"
        );
        assert_eq!(
            c(
                "Manufacture in which all the materials used are classified within a heading other than that of the product. However, materials classified within the same heading may be used provided their value does not exceed 20% of the ex‐works price of the product"
            ),
            "CTH SAME<=20%"
        );
        assert_eq!(c("Weaving, combined with making-up, including cutting of fabric."), "P(weaving) & P(making_up)");
        assert_eq!(
            c(
                "CTH: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 4-digit level (tariff heading) and Standard QVC"
            ),
            "CTH & (RVC 40% | RVC 45% FOB | MINOM 35% | MINOM 35% FOB)"
        );
        assert_eq!(
            c(
                "Manufacture from materials of any heading, except that of the good or Manufacture in which the value of all the materials used does not exceed 70% of the ex-works price of the good"
            ),
            "CTH | MAXNOM 70%"
        );
        assert_eq!(
            c(
                "Making-up including cutting of fabric, provided that the value of non-originating materials used does not exceed 50% of the ex-works price (EXW) or 45% of the Free on Board (FOB) cost of the product"
            ),
            "P(making_up) & (MAXNOM 50% | RVC 55% FOB)"
        );
        assert_eq!(c("Printing (as standalone operation)").split(" & ").count(), 3);
    }
}
