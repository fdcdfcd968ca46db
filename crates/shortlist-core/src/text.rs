//! Text hygiene at the edges: what people type is cleaned of invisible control characters
//! before it is stored, and anything printed on a terminal has them escaped, so a question,
//! a comment or a file name can never run an escape sequence, ring the bell, or reorder what
//! is shown (bidi overrides such as U+202E).

use std::borrow::Cow;
use std::path::Path;

/// Characters that are never kept in stored text: C0 and C1 controls (line breaks and tabs are
/// handled by the caller), bidi embeddings, overrides, isolates and marks, zero-width
/// characters and the byte-order mark. None of them is visible; each can disguise text.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'                  // Arabic letter mark
                | '\u{180E}'            // Mongolian vowel separator
                | '\u{200B}'..='\u{200F}' // zero-width space, ZWNJ, ZWJ, LRM, RLM
                | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{2066}'..='\u{2069}' // bidi isolates
                | '\u{FEFF}' // byte-order mark / zero-width no-break space
        )
}

/// `text` without invisible characters (see [`is_invisible`]). With `multiline`, line breaks
/// (`\n`; `\r\n` and a lone `\r` become `\n`) and tabs are kept; without, each becomes a space.
pub fn clean(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' if multiline => Some(c),
            '\n' | '\t' => Some(' '),
            c if is_invisible(c) => None,
            c => Some(c),
        })
        .collect()
}

/// `text` safe to print on a terminal: every invisible character except `\n` and `\t` is
/// written as a visible escape (`\u{1b}`), so nothing in it acts on the terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && is_invisible(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if is_invisible(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as text without losing anything: valid UTF-8 as it is, each byte that is not
/// (possible in Unix file names) as `\xNN`. JSON can carry it, and the name stays readable.
pub fn path(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

/// Serialises a path with [`path`] (for `#[serde(serialize_with)]`): never fails, whatever
/// bytes the file name holds.
pub fn serialize_path<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_bidi_and_zero_width() {
        let typed = "Led\u{1b}[2J a\u{7} te\u{0}am\u{202E}?\u{200B}\u{FEFF}";
        assert_eq!(clean(typed, false), "Led[2J a team?");
        assert_eq!(
            clean("one\r\ntwo\rthree\tfour", true),
            "one\ntwo\nthree\tfour"
        );
        assert_eq!(clean("one\ntwo", false), "one two");
        assert_eq!(clean("Zoë Ægir 王小明", false), "Zoë Ægir 王小明");
    }

    #[test]
    fn terminal_escapes_what_would_act() {
        assert_eq!(terminal("plain\nline\t"), "plain\nline\t");
        assert_eq!(terminal("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(terminal("\u{202E}fdp.exe"), "\\u{202e}fdp.exe");
    }

    #[cfg(unix)]
    #[test]
    fn paths_keep_every_byte() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9 cv.pdf"));
        assert_eq!(path(p), "/tmp/caf\\xe9 cv.pdf");
        assert_eq!(path(Path::new("/tmp/Zoë.pdf")), "/tmp/Zoë.pdf");
    }
}
