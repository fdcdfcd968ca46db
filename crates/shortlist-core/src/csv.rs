//! The one CSV writer of the product: RFC 4180 quoting, and cells that a spreadsheet would
//! run as a formula neutralised.
//!
//! Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as
//! a formula (and a leading tab or carriage return can hide such a start), so a PDF named
//! `=HYPERLINK(…).pdf` would otherwise put a live formula into the candidate column. Such a
//! cell gets a leading apostrophe (OWASP's advice): spreadsheets then show the text as text,
//! and a reader of the file still sees the whole value after the apostrophe.

/// The characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV cell: neutralised if it would start a formula, then quoted per RFC 4180 when it
/// holds a comma, a quote or a line break.
pub fn cell(value: &str) -> String {
    let neutral = match value.starts_with(FORMULA_STARTS) {
        true => format!("'{value}"),
        false => value.to_owned(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// One CSV line of `cells`, ended by `\r\n`.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(row(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (value, written) in [
            (
                "=HYPERLINK(\"http://x\",\"cv\").pdf",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"cv\"\").pdf\"",
            ),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
        ] {
            assert_eq!(cell(value), written, "{value:?}");
        }
        // Elsewhere in the value, the characters are plain text.
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("Zoë"), "Zoë");
        assert_eq!(cell(""), "");
    }
}
