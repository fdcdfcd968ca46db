//! Terminal output: `--json` or a human text, and the small formatters the commands share.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use shortlist_core::text;
use time::OffsetDateTime;

/// Where a command's result goes: pretty JSON with `--json`, else the command's text, with
/// nothing in it that acts on the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    pub fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(&T) -> String) -> Result<()> {
        let text = if self.json {
            serde_json::to_string_pretty(value)?
        } else {
            text::terminal(&human(value)).into_owned()
        };
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", text.trim_end())?;
        Ok(())
    }
}

impl Output {
    /// A progress callback for long batches: "VERB done of total" on stderr every 25 and at
    /// the end; nothing with `--json`.
    pub fn progress(self, verb: &'static str) -> impl FnMut(usize, usize) {
        move |done, total| {
            if !self.json && (done % 25 == 0 || done == total) {
                eprintln!("{verb} {done} of {total}");
            }
        }
    }
}

/// `YYYY-MM-DD HH:MM`.
pub fn date(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `s` cut to `n` characters, the last one an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

/// Columns a character takes on a terminal, as Unicode's East Asian Width and its
/// zero-width classes say (`unicode-width`): two for CJK, Hangul and full-width forms, none
/// for combining marks of any script (Thai vowel and tone marks, Devanagari's, accents
/// written apart), one for the rest; a control character none.
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` cut to at most `width` terminal columns ("…" where cut) and padded with spaces to
/// exactly `width`, so that a table's columns line up under names in any script.
pub fn fit_columns(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(columns).sum();
    let mut out = String::new();
    let mut used = 0;
    if total <= width {
        out.push_str(s);
        used = total;
    } else {
        for c in s.chars() {
            let w = columns(c);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

pub fn join_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Writes an export atomically (the core's temp-file-and-rename).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder.filter(|f| !f.is_dir()) {
        anyhow::bail!("folder {} does not exist", folder.display());
    }
    shortlist_core::blobs::write_atomic(path, bytes)?;
    Ok(())
}

#[cfg(test)]
mod column_tests {
    use super::fit_columns;

    #[test]
    fn names_in_any_script_fill_the_same_columns() {
        assert_eq!(fit_columns("Ana", 6), "Ana   ");
        assert_eq!(fit_columns("张伟", 6), "张伟  ");
        assert_eq!(fit_columns("张伟张伟张伟", 6), "张伟… ");
        assert_eq!(fit_columns("Zoë Łukasiewicz", 6), "Zoë Ł…");
        // Marks above and below a letter take no column of their own.
        assert_eq!(fit_columns("Zoe\u{308}", 5), "Zoe\u{308}  ");
        assert_eq!(fit_columns("สุนีย์", 5), "สุนีย์  ");
        assert_eq!(fit_columns("สุนีย์ ใจดี", 5), "สุนีย์ …");
    }
}
