//! Reading order for two-column pages.
//!
//! PDFium returns text in the order the PDF draws it. Many resume builders draw a two-column
//! page row by row, so a sidebar and the main column come out interleaved, often merged into
//! one line with a wide gap ("Skills        Staff Engineer, Northwind"). Given each glyph's
//! horizontal extent, this finds a vertical gutter that splits the page into two substantial
//! columns and emits the left column, then the right one; lines that cross the gutter (a name
//! or contact line spanning the page) stay in place and flush the columns before them.
//! A right-aligned date column is not a column: each side must hold a good share of the text.

/// One character with its horizontal extent in page points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character.
    pub c: char,
    /// Left edge.
    pub left: f32,
    /// Right edge.
    pub right: f32,
}

const BIN: f32 = 2.0;
const MIN_GUTTER: f32 = 10.0;

fn text_of(glyphs: &[Glyph]) -> String {
    let s: String = glyphs.iter().map(|g| g.c).collect();
    s.trim().to_owned()
}

fn visible(g: &Glyph) -> bool {
    !g.c.is_whitespace() && g.right > g.left
}

/// Finds the gutter's x position, if the page has two columns.
pub fn find_gutter(lines: &[Vec<Glyph>], page_width: f32) -> Option<f32> {
    if page_width <= 0.0 || lines.len() < 6 {
        return None;
    }
    let bins = (page_width / BIN).ceil() as usize + 1;
    let mut cover = vec![0usize; bins];
    for line in lines {
        let mut hit = vec![false; bins];
        for g in line.iter().filter(|g| visible(g)) {
            let a = ((g.left / BIN).floor().max(0.0) as usize).min(bins - 1);
            let b = ((g.right / BIN).ceil().max(0.0) as usize).min(bins - 1);
            hit[a..=b].iter_mut().for_each(|h| *h = true);
        }
        for (c, h) in cover.iter_mut().zip(hit) {
            if h {
                *c += 1;
            }
        }
    }
    // Lines crossing the gutter (a full-width header) may cover it; allow a few.
    let allowed = (lines.len() / 10).max(1);
    let (lo, hi) = ((bins as f32 * 0.2) as usize, (bins as f32 * 0.8) as usize);
    // Every run of (nearly) empty bins wide enough to be a gutter, widest first.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, &c) in cover.iter().enumerate().take(hi + 2).skip(lo) {
        let empty = i <= hi && c <= allowed;
        match (empty, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    runs.retain(|(s, e)| (e - s) as f32 * BIN >= MIN_GUTTER);
    runs.sort_by_key(|(s, e)| std::cmp::Reverse(e - s));
    // The first that splits the text into two real columns: both sides must hold a good share
    // (a ragged right margin or a column of dates does not).
    runs.into_iter()
        .map(|(s, e)| (s + e) as f32 / 2.0 * BIN)
        .find(|&gutter| {
            let (mut left, mut right) = (0usize, 0usize);
            for g in lines.iter().flatten().filter(|g| visible(g)) {
                if (g.left + g.right) / 2.0 < gutter {
                    left += 1;
                } else {
                    right += 1;
                }
            }
            let total = (left + right).max(1);
            left * 100 / total >= 15 && right * 100 / total >= 25
        })
}

/// The page's text in reading order: columns one after the other when there are two.
pub fn reading_order(lines: &[Vec<Glyph>], page_width: f32) -> String {
    let Some(gutter) = find_gutter(lines, page_width) else {
        return lines
            .iter()
            .map(|l| text_of(l))
            .collect::<Vec<_>>()
            .join("\n");
    };
    let mut out: Vec<String> = Vec::new();
    let (mut left, mut right): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<String>, left: &mut Vec<String>, right: &mut Vec<String>| {
        out.append(left);
        out.append(right);
    };
    for line in lines {
        // A line crosses the gutter when its text runs over it with ordinary spacing (a
        // header line whose word gap happens to fall on the gutter), as opposed to a row of
        // two columns, whose parts are a gutter apart.
        let left_end = line
            .iter()
            .filter(|g| visible(g) && (g.left + g.right) / 2.0 < gutter)
            .map(|g| g.right)
            .fold(None, |m: Option<f32>, r| Some(m.map_or(r, |m| m.max(r))));
        let right_start = line
            .iter()
            .filter(|g| visible(g) && (g.left + g.right) / 2.0 >= gutter)
            .map(|g| g.left)
            .fold(None, |m: Option<f32>, l| Some(m.map_or(l, |m| m.min(l))));
        let crosses = matches!((left_end, right_start), (Some(a), Some(b)) if b - a < MIN_GUTTER);
        if crosses {
            flush(&mut out, &mut left, &mut right);
            out.push(text_of(line));
            continue;
        }
        let (l, r): (Vec<Glyph>, Vec<Glyph>) =
            line.iter().partition(|g| (g.left + g.right) / 2.0 < gutter);
        for (part, side) in [(l, &mut left), (r, &mut right)] {
            let t = text_of(&part);
            if !t.is_empty() {
                side.push(t);
            }
        }
    }
    flush(&mut out, &mut left, &mut right);
    out.retain(|l| !l.is_empty());
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of text at x, one glyph per character, 5 points wide each.
    fn run(x: f32, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                c,
                left: x + i as f32 * 5.0,
                right: x + i as f32 * 5.0 + 4.5,
            })
            .collect()
    }

    fn merged(left: &str, right: &str) -> Vec<Glyph> {
        let mut l = run(50.0, left);
        l.push(Glyph {
            c: ' ',
            left: 0.0,
            right: 0.0,
        });
        l.extend(run(300.0, right));
        l
    }

    #[test]
    fn interleaved_columns_are_read_one_after_the_other() {
        let lines = vec![
            run(
                50.0,
                "Jane Example, jane@example.org, +1 555 0100, Springfield, somewhere far",
            ),
            merged("Skills", "Experience"),
            merged("Rust, Go", "Staff Engineer at Initech, 2019 to now"),
            merged("PostgreSQL", "Led a team of six building payments"),
            merged("Kubernetes", "Senior Engineer at Globex, 2015 to 2019"),
            merged("Education", "Built the billing platform in Go"),
            merged("MSc, 2014", "Cut costs by a third with better caching"),
        ];
        let text = reading_order(&lines, 595.0);
        assert_eq!(
            text,
            "Jane Example, jane@example.org, +1 555 0100, Springfield, somewhere far\nSkills\nRust, Go\nPostgreSQL\nKubernetes\nEducation\nMSc, 2014\nExperience\nStaff Engineer at Initech, 2019 to now\nLed a team of six building payments\nSenior Engineer at Globex, 2015 to 2019\nBuilt the billing platform in Go\nCut costs by a third with better caching"
        );
    }

    #[test]
    fn a_right_aligned_date_column_is_not_a_column() {
        let lines: Vec<Vec<Glyph>> = (0..8)
            .map(|i| {
                let mut l = run(
                    50.0,
                    &format!("Role number {i} at a company doing good work"),
                );
                l.extend(run(480.0, "2019"));
                l
            })
            .collect();
        assert_eq!(find_gutter(&lines, 595.0), None);
        assert!(
            reading_order(&lines, 595.0).starts_with("Role number 0 at a company doing good work")
        );
    }

    #[test]
    fn single_column_text_is_unchanged() {
        let lines: Vec<Vec<Glyph>> = (0..10)
            .map(|i| run(50.0, &format!("line {i} of plain text")))
            .collect();
        let text = reading_order(&lines, 595.0);
        assert_eq!(text.lines().count(), 10);
        assert!(text.starts_with("line 0"));
    }
}
