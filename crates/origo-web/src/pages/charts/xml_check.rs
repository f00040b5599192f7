//! A small well-formedness check of the charts' markup for the tests (no XML parser is in the dependency tree):
//! every element closed in order, one root per fragment part, attribute values quoted, `&` only as an entity,
//! no `<` in text or values.

/// Checks `markup` (an SVG, possibly followed by an HTML legend); the error says where it broke.
pub fn well_formed(markup: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = markup;
    let mut offset = 0;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(rest, offset)?;
            break;
        };
        text(&rest[..lt], offset)?;
        let gt = rest[lt..].find('>').ok_or(format!("unclosed tag at {}", offset + lt))? + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name => {}
                other => return Err(format!("</{name}> at {} closes {other:?}", offset + lt)),
            }
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let name = &body[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
                return Err(format!("bad element name {name:?} at {}", offset + lt));
            }
            attributes(&body[name_end..], offset + lt)?;
            if !self_closing {
                open.push(name.to_owned());
            }
        }
        offset += gt + 1;
        rest = &rest[gt + 1..];
    }
    match open.last() {
        None => Ok(()),
        Some(name) => Err(format!("<{name}> is never closed")),
    }
}

fn text(text: &str, at: usize) -> Result<(), String> {
    entities(text, at)
}

fn entities(text: &str, at: usize) -> Result<(), String> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        let end = rest[amp..].find(';').ok_or(format!("bare & at {at}"))?;
        let name = &rest[amp + 1..amp + end];
        let known = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || name.strip_prefix('#').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if !known {
            return Err(format!("unknown entity &{name}; at {at}"));
        }
        rest = &rest[amp + end + 1..];
    }
    Ok(())
}

fn attributes(mut text: &str, at: usize) -> Result<(), String> {
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(());
        }
        let eq = text.find('=').ok_or(format!("attribute without value at {at}: {text:?}"))?;
        let name = &text[..eq];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
            return Err(format!("bad attribute name {name:?} at {at}"));
        }
        let value = text[eq + 1..].strip_prefix('"').ok_or(format!("unquoted value of {name} at {at}"))?;
        let close = value.find('"').ok_or(format!("unterminated value of {name} at {at}"))?;
        if value[..close].contains('<') {
            return Err(format!("< in the value of {name} at {at}"));
        }
        entities(&value[..close], at)?;
        text = &value[close + 1..];
    }
}

#[test]
fn the_check_finds_what_breaks_xml() {
    assert!(well_formed("<svg a=\"1\"><g><rect x=\"1\"/></g><text>a &amp; b</text></svg><ul><li>x</li></ul>").is_ok());
    assert!(well_formed("<svg><g></svg>").is_err());
    assert!(well_formed("<svg>a & b</svg>").is_err());
    assert!(well_formed("<svg a=1></svg>").is_err());
    assert!(well_formed("<svg a=\"<\"></svg>").is_err());
    assert!(well_formed("<svg>").is_err());
    assert!(well_formed("<svg>&bogus;</svg>").is_err());
}
