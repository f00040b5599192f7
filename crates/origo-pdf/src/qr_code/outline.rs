//! The outlines of a QR symbol's dark modules: closed polygons along the edges between dark and light modules,
//! corners only. Filled with the non-zero rule they paint exactly the dark modules (each outline runs with the
//! dark side on its right, so holes run the other way). A page's content stream holds far fewer points than with
//! a rectangle per module or per run, and is written and compressed that much faster.

use super::QrSymbol;

/// Directions of travel, as bits of a vertex's set of outgoing edges.
const RIGHT: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const UP: u8 = 8;

fn step(x: usize, y: usize, direction: u8) -> (usize, usize) {
    match direction {
        RIGHT => (x + 1, y),
        DOWN => (x, y + 1),
        LEFT => (x - 1, y),
        _ => (x, y - 1),
    }
}

impl QrSymbol {
    /// The outlines as lists of corner points `(x, y)` in module units from the top-left of the quiet zone (y
    /// downwards), each closed back to its first point.
    pub(crate) fn outlines(&self) -> Vec<Vec<(u16, u16)>> {
        let n = self.modules();
        let stride = n + 1;
        // Outgoing boundary edges at each grid vertex, clockwise around each dark module (on screen, y down).
        let mut edges = vec![0u8; stride * stride];
        for row in 0..n {
            for col in 0..n {
                if !self.is_dark(col, row) {
                    continue;
                }
                let v = |x: usize, y: usize| y * stride + x;
                if row == 0 || !self.is_dark(col, row - 1) {
                    edges[v(col, row)] |= RIGHT;
                }
                if !self.is_dark(col + 1, row) {
                    edges[v(col + 1, row)] |= DOWN;
                }
                if !self.is_dark(col, row + 1) {
                    edges[v(col + 1, row + 1)] |= LEFT;
                }
                if col == 0 || !self.is_dark(col - 1, row) {
                    edges[v(col, row + 1)] |= UP;
                }
            }
        }
        let point = |x: usize, y: usize| (u16::try_from(x).unwrap_or(u16::MAX), u16::try_from(y).unwrap_or(u16::MAX));
        let mut outlines = Vec::new();
        for start in 0..edges.len() {
            while edges[start] != 0 {
                let (mut x, mut y) = (start % stride, start / stride);
                let mut outline = vec![point(x, y)];
                let mut previous = 0;
                loop {
                    let here = y * stride + x;
                    // Where two dark modules touch only at a corner, a vertex has two ways on; either keeps the
                    // winding right, the lowest bit is as good as any.
                    let direction = edges[here] & edges[here].wrapping_neg();
                    edges[here] &= !direction;
                    if direction != previous && previous != 0 {
                        outline.push(point(x, y));
                    }
                    (x, y) = step(x, y, direction);
                    previous = direction;
                    if y * stride + x == start {
                        break;
                    }
                }
                outlines.push(outline);
            }
        }
        outlines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Winding number of the outlines around the centre of module (`col`, `row`), counted on a ray to the right.
    fn winding(outlines: &[Vec<(u16, u16)>], col: usize, row: usize) -> i32 {
        let (px, py) = (col as f64 + 0.5, row as f64 + 0.5);
        let mut winding = 0;
        for outline in outlines {
            for (i, &(x1, y1)) in outline.iter().enumerate() {
                let (x2, y2) = outline[(i + 1) % outline.len()];
                let (x1, y1, x2, y2) = (f64::from(x1), f64::from(y1), f64::from(x2), f64::from(y2));
                if x1 == x2 && x1 > px && (y1.min(y2)..y1.max(y2)).contains(&py) {
                    winding += if y2 > y1 { 1 } else { -1 };
                }
            }
        }
        winding
    }

    #[test]
    fn the_outlines_paint_exactly_the_dark_modules() {
        for text in ["https://verify.example/verify?number=UZ-2026-000123&code=7KQ4-M2XP", &"ORIGO1.x".repeat(80)] {
            let symbol = QrSymbol::encode(text, "text").unwrap();
            let outlines = symbol.outlines();
            for row in 0..symbol.modules() {
                for col in 0..symbol.modules() {
                    let w = winding(&outlines, col, row);
                    assert_eq!(w != 0, symbol.is_dark(col, row), "module {col}, {row}: winding {w}");
                }
            }
            // Corners only: every point turns.
            for outline in &outlines {
                for (i, &(x, y)) in outline.iter().enumerate() {
                    let (nx, ny) = outline[(i + 1) % outline.len()];
                    let (px, py) = outline[(i + outline.len() - 1) % outline.len()];
                    assert!(!(px == x && x == nx || py == y && y == ny), "({x}, {y}) is not a corner");
                }
            }
        }
    }

    #[test]
    fn a_finder_pattern_is_three_outlines() {
        // Alone in its quiet zone and separator, the top-left finder is a ring (outer and inner edge) and a square.
        let symbol = QrSymbol::encode("x", "text").unwrap();
        let q = u16::try_from(crate::qr_code::QUIET_ZONE).unwrap();
        let outlines = symbol.outlines();
        assert!(outlines.contains(&vec![(q, q), (q + 7, q), (q + 7, q + 7), (q, q + 7)]), "{:?}", &outlines[..3]);
        assert!(outlines.contains(&vec![(q + 2, q + 2), (q + 5, q + 2), (q + 5, q + 5), (q + 2, q + 5)]));
    }
}
