//! Breaking text into lines that fit a width, measured with the embedded font's advance widths (krilla draws one
//! line per call and does not wrap).
//!
//! Greedy: as many words on a line as fit. Words break at spaces; a word wider than the line on its own is cut
//! between characters. A line feed in the text starts a new line. No-break spaces keep their words together.

use crate::fonts::Face;

/// Whether a line may break at `c`. No-break spaces (U+00A0, U+2007, U+202F) may not.
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// The lines of `text` set in `face` at `size` points within `width` points. Empty text gives no lines.
pub(crate) fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(breaks).filter(|w| !w.is_empty()) {
            let word_width = face.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
            } else {
                // Too long for any line: cut it, keeping the last piece open for the words that follow.
                let mut pieces = cut(word, face, size, width);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                line_width = face.width(&last, size);
                line = last;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// A word cut into pieces no wider than `width` (at least one character each, so a column narrower than one
/// character still makes progress).
fn cut(word: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for c in word.chars() {
        let mut buf = [0u8; 4];
        let w = face.width(c.encode_utf8(&mut buf), size);
        if !piece.is_empty() && piece_width + w > width {
            pieces.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += w;
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Paxta ipidan toʻqilgan erkaklar futbolkalari — Футболки мужские трикотажные из хлопчатобумажной \
                        пряжи, 100% хлопок, размеры S–XXL";

    #[test]
    fn lines_fit_and_keep_every_word_in_order() {
        for width in [60.0, 120.0, 200.0, 1000.0] {
            let lines = wrap(TEXT, Face::Regular, 8.0, width);
            for line in &lines {
                assert!(Face::Regular.width(line, 8.0) <= width, "{line:?} wider than {width}");
            }
            if width >= 120.0 {
                assert_eq!(lines.join(" "), TEXT, "width {width}");
            } else {
                // Narrower than "хлопчатобумажной": that word is cut, nothing is lost.
                assert_eq!(lines.concat().replace(' ', ""), TEXT.replace(' ', ""), "width {width}");
            }
        }
        assert_eq!(wrap(TEXT, Face::Regular, 8.0, 1000.0).len(), 1);
        assert!(wrap(TEXT, Face::Regular, 8.0, 120.0).len() >= 5);
    }

    #[test]
    fn long_words_are_cut_and_line_feeds_kept() {
        let url = "https://verify.example.uz/verify?number=UZ-2026-000123&code=7KQ4-M2XP";
        let lines = wrap(&format!("see {url} now"), Face::Regular, 8.0, 100.0);
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| Face::Regular.width(l, 8.0) <= 100.0));
        assert_eq!(lines.concat().replace(' ', ""), format!("see{url}now"));
        assert_eq!(wrap("one\ntwo  three", Face::Bold, 8.0, 500.0), ["one", "two three"]);
        assert!(wrap("", Face::Regular, 8.0, 100.0).is_empty());
        assert_eq!(wrap("WWW", Face::Regular, 8.0, 1.0), ["W", "W", "W"]);
    }

    #[test]
    fn no_break_spaces_hold_words_together() {
        let lines = wrap("1\u{a0}250 PCE cotton", Face::Regular, 8.0, 30.0);
        assert_eq!(lines, ["1\u{a0}250", "PCE", "cotton"]);
    }
}
