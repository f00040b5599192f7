//! Choosing the mask of a QR symbol: each of the eight patterns is applied and scored with the four penalty rules
//! of ISO/IEC 18004 (section 7.8.3), and the lowest score wins. The `qrcode` crate does the same, but its scoring
//! took a third of the time of a whole certificate; this one works on a plain array of booleans.

use qrcode::Color;
use qrcode::canvas::{Canvas, MaskPattern};

use super::QrSymbol;

const PATTERNS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The canvas (data and function patterns drawn) with the best of the eight masks applied.
pub(super) fn apply_best(canvas: &Canvas, width: usize) -> QrSymbol {
    PATTERNS
        .iter()
        .map(|&pattern| {
            let mut masked = canvas.clone();
            masked.apply_mask(pattern);
            let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
            QrSymbol { width, dark }
        })
        .min_by_key(penalty)
        .expect("eight patterns")
}

/// N1 to N4 of ISO/IEC 18004: runs of five or more, 2 x 2 blocks, finder-like sequences, imbalance.
pub(super) fn penalty(symbol: &QrSymbol) -> u32 {
    let n = symbol.width;
    let rows = &symbol.dark;
    // The columns as rows of a transposed copy, so that both are scanned as contiguous slices.
    let mut columns = vec![false; n * n];
    for (r, row) in rows.chunks_exact(n).enumerate() {
        for (c, &module) in row.iter().enumerate() {
            columns[c * n + r] = module;
        }
    }
    let mut score: u32 = rows.chunks_exact(n).chain(columns.chunks_exact(n)).map(line_penalty).sum();
    for (upper, lower) in rows.chunks_exact(n).zip(rows.chunks_exact(n).skip(1)) {
        for (u, l) in upper.windows(2).zip(lower.windows(2)) {
            if u[0] == u[1] && l[0] == l[1] && u[0] == l[0] {
                score += 3;
            }
        }
    }
    let dark = rows.iter().filter(|&&d| d).count();
    let percent = dark * 100 / (n * n);
    score + 10 * (u32::try_from(percent.abs_diff(50)).unwrap_or(u32::MAX) / 5)
}

/// N1 and N3 along one row or column: 3 + (length - 5) for each run of five or more modules of one colour, and 40
/// for each dark-light-dark-dark-dark-light-dark sequence with four light modules before or after it (outside the
/// symbol is the light quiet zone).
fn line_penalty(line: &[bool]) -> u32 {
    // The last seven modules as bits, newest lowest: dark-light-dark-dark-dark-light-dark.
    const FINDER: u8 = 0b101_1101;
    let light = |range: std::ops::Range<usize>| line[range].iter().all(|&m| !m);
    let mut score = 0;
    let mut run = 0u32;
    let mut previous = false;
    let mut last7 = 0u8;
    for (end, &module) in line.iter().enumerate() {
        // Without branches on the module's colour: on random data they are mispredicted every other module, and
        // this loop runs 16 times over every module of both symbols.
        let same = u32::from(module == previous && end > 0);
        score += (1 - same) * u32::from(run >= 5) * run.saturating_sub(2);
        run = run * same + 1;
        previous = module;
        last7 = ((last7 << 1) | u8::from(module)) & 0x7F;
        if last7 == FINDER && end >= 6 {
            let i = end - 6;
            if light(i.saturating_sub(4)..i) || light(i + 7..(i + 11).min(line.len())) {
                score += 40;
            }
        }
    }
    score + u32::from(run >= 5) * run.saturating_sub(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> u32 {
        line_penalty(&text.chars().map(|c| c == '1').collect::<Vec<_>>())
    }

    #[test]
    fn runs_score_three_plus_their_excess() {
        assert_eq!(line("1010"), 0);
        assert_eq!(line("11111"), 3);
        assert_eq!(line("0000000"), 5);
        assert_eq!(line("111110000010"), 3 + 3);
    }

    #[test]
    fn finder_like_sequences_score_forty() {
        assert_eq!(line("0000101110101"), 40, "light before");
        assert_eq!(line("1101011101000011"), 40, "light after");
        assert_eq!(line("1011101"), 40, "the quiet zone is light, once for both sides");
        assert_eq!(line("1110101110101111"), 0, "dark on both sides");
        assert_eq!(line("10110101"), 0);
    }

    #[test]
    fn the_chosen_mask_has_the_lowest_penalty() {
        let text = b"ORIGO1.eyJ2IjoxfQ.c2lnbmF0dXJl";
        let bits = qrcode::bits::encode_auto(text, qrcode::EcLevel::M).unwrap();
        let version = bits.version();
        let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, qrcode::EcLevel::M).unwrap();
        let mut canvas = Canvas::new(version, qrcode::EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ecc);
        let width = usize::try_from(version.width()).unwrap();
        let best = apply_best(&canvas, width);
        for pattern in PATTERNS {
            let mut masked = canvas.clone();
            masked.apply_mask(pattern);
            let dark = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
            assert!(penalty(&best) <= penalty(&QrSymbol { width, dark }));
        }
    }
}
