//! Text at the edges and the text layer of the engine.
//!
//! Hygiene: what people type is cleaned of invisible control characters before it is stored,
//! and anything printed on a terminal has them escaped, so a question, a comment or a file
//! name can never run an escape sequence, ring the bell, or reorder what is shown (bidi
//! overrides such as U+202E).
//!
//! The layer shared by job and resume parsing, the lexical index and Q&A: normalisation of
//! what extraction leaves behind (soft hyphens, dash variants, escaped bytes, zero-width
//! characters), word tokens with accents folded, stop words, a light stemmer, and whether a
//! text reads as English.

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
    escape_invisible(text, true)
}

/// `text` for one line of a terminal: as [`terminal`], and line breaks and tabs escaped too,
/// so that a file name holding "\n" cannot print a line of its own (a forged "added …").
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_invisible(text, false)
}

/// `text` with each invisible character as `\u{…}`; line breaks and tabs kept with
/// `lines`, else written `\n`, `\r`, `\t`.
fn escape_invisible(text: &str, lines: bool) -> Cow<'_, str> {
    let kept = |c: char| lines && (c == '\n' || c == '\t');
    if !text.chars().any(|c| is_invisible(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if kept(c) => out.push(c),
            '\n' if !lines => out.push_str("\\n"),
            '\r' if !lines => out.push_str("\\r"),
            '\t' if !lines => out.push_str("\\t"),
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

/// Characters that mean nothing in running text: soft hyphen, zero-width space / joiners, BOM,
/// word joiner, bidi marks and embeddings.
fn is_filler(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Decodes literal `\xHH` byte escapes that form UTF-8 ("\xe2\x80\xa2" → "•"), as some
/// exported resumes carry them; anything else stays as it is.
fn decode_byte_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("\\x") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // A run of escapes.
        let mut run = Vec::new();
        let mut j = i;
        while j + 4 <= bytes.len() && bytes[j] == b'\\' && bytes[j + 1] == b'x' {
            let hex = std::str::from_utf8(&bytes[j + 2..j + 4]).ok();
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    run.push(b);
                    j += 4;
                }
                None => break,
            }
        }
        if run.is_empty() {
            out.push(bytes[i]);
            i += 1;
        } else {
            match std::str::from_utf8(&run) {
                Ok(s) => out.extend_from_slice(s.as_bytes()),
                Err(_) => out.extend_from_slice(&bytes[i..j]),
            }
            i = j;
        }
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned()))
}

/// Text as the parsers want it: escaped bytes decoded, invisible characters removed, every
/// dash between words or numbers made an en dash (`–`) or a hyphen, non-breaking and other
/// odd spaces made plain spaces, private-use bullet glyphs made `•`.
pub fn normalize(text: &str) -> String {
    let decoded = decode_byte_escapes(text);
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        match c {
            c if is_filler(c) => {}
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\x0c') => {}
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
            | '\u{FE63}' | '\u{FF0D}' => out.push('–'),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{E000}'..='\u{F8FF}' => out.push('•'),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is a combining mark (an accent written as its own character: "ọ̀").
pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Whether `c` belongs to a word: letters, digits and combining marks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// `c` without its accent, for the Latin letters recruiters meet in names and words
/// ("Wiśniewska" finds "Wisniewska", "résumé" finds "resume").
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => 'e',
        'ğ' | 'ĝ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// Lowercases and folds accents.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !is_mark(*c))
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// English function words and the filler of resumes and job ads that says nothing about a
/// candidate. Kept short on purpose: the IDF weighting does the rest.
pub const STOPWORDS: [&str; 95] = [
    "a", "about", "above", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "each", "etc",
    "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "mine", "more", "most", "my", "no",
    "not", "of", "on", "one", "or", "other", "our", "ours", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "up", "us", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// For lines laid out as a block of labels, then a block of their values ("Name:" / "Date of
/// Birth:" / "Marital Status:", then "Jane Roe" / "22 August 1990" / "Single"): for each line
/// that is such a value, its label folded and without its colon. Blocks of two labels or more
/// only (one label alone on its line takes the next line, which callers handle), the values
/// taken in order, blank lines skipped. Every line of such a block, label or value, is in the
/// map: a label's line with `None`, a value's with its label.
pub(crate) fn values_of_label_blocks(
    lines: &[&str],
) -> std::collections::HashMap<usize, Option<String>> {
    fn bare_label(line: &str) -> Option<String> {
        let t = line.trim();
        let label = t.strip_suffix(':').or_else(|| t.strip_suffix(" :"))?.trim();
        let words: Vec<&str> = label.split_whitespace().collect();
        ((1..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '/' | '&' | '.'))
            }))
        .then(|| fold(label))
    }
    let mut out = std::collections::HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        let mut labels = Vec::new();
        let mut j = i;
        while j < lines.len() {
            if lines[j].trim().is_empty() {
                j += 1;
                continue;
            }
            match bare_label(lines[j]) {
                Some(l) => labels.push(l),
                None => break,
            }
            j += 1;
        }
        if labels.len() < 2 {
            i = j.max(i + 1);
            continue;
        }
        for (k, line) in lines.iter().enumerate().take(j).skip(i) {
            if !line.trim().is_empty() {
                out.insert(k, None);
            }
        }
        let mut labels = labels.into_iter();
        while j < lines.len() {
            if lines[j].trim().is_empty() {
                j += 1;
                continue;
            }
            let Some(label) = labels.next() else { break };
            out.insert(j, Some(label));
            j += 1;
        }
        i = j;
    }
    out
}

/// Whether `text` starts with `word` and the word ends there (no letter or digit follows).
pub(crate) fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && !text[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// `line` with every labelled value cut out: wherever `label_at` recognises a label at the
/// start of a word (given the rest of the line in ASCII lowercase, it returns the label's
/// length and what the caller wants to know of it) and the label is followed by a colon — or,
/// when `dashes`, by a space and a dash and a space ("Name - Jane") — the span from the label
/// to `value_end(that, where the value starts)` is replaced by one space. The redaction of
/// personal details and the blind view share this scan; each decides where its values end.
pub(crate) fn cut_labelled_values<T: Copy>(
    line: &str,
    label_at: impl Fn(&str) -> Option<(usize, T)>,
    dashes: bool,
    value_end: impl Fn(T, usize) -> usize,
) -> String {
    // ASCII lowercase keeps every byte where it was.
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let at_word = i == 0 || !(bytes[i - 1] as char).is_ascii_alphanumeric();
        let found = at_word.then(|| label_at(&lower[i..])).flatten();
        let Some((len, that)) = found else {
            i += lower[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = i + len;
        let rest = &line[after..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let marked = &rest[gap..];
        let value_start = if marked.starts_with(':') {
            Some(after + gap + 1)
        } else if dashes && gap > 0 && (marked.starts_with("- ") || marked.starts_with("– ")) {
            Some(after + gap + marked.chars().next().map_or(1, char::len_utf8))
        } else {
            None
        };
        let Some(start) = value_start else {
            i = after;
            continue;
        };
        let end = value_end(that, start).max(start);
        cuts.push((i, end));
        i = end.max(after + 1);
    }
    if cuts.is_empty() {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&line[from..start]);
        out.push(' ');
        from = end;
    }
    out.push_str(&line[from..]);
    out
}

/// Whether `word` (lowercase) is a stop word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// A light English stemmer: plural and verb endings, so "led"/"leading"/"leads",
/// "team"/"teams", "manage"/"managed"/"managing", "policy"/"policies" meet. Never shortens a
/// word below three characters; words with digits or symbols stay as they are.
pub fn stem(word: &str) -> &str {
    if !word.chars().all(char::is_alphabetic) || !word.is_ascii() {
        return word;
    }
    let long_enough = |s: &str| s.len() >= 3;
    let mut w = word;
    for suffix in ["ations", "ation", "ings", "ing", "ies", "ied", "ed"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if long_enough(s) {
                w = s;
                break;
            }
        }
    }
    if w.len() == word.len() {
        if let Some(s) = w.strip_suffix("es") {
            if long_enough(s)
                && (s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
            {
                w = s;
            }
        }
    }
    if w.len() == word.len() {
        if let Some(s) = w.strip_suffix('s') {
            if long_enough(s) && !s.ends_with(['s', 'u', 'i']) {
                w = s;
            }
        }
    }
    if w.len() > 4 {
        if let Some(s) = w.strip_suffix(['e', 'y']) {
            w = s;
        }
    }
    w
}

/// The word tokens of `text`: lowercased, accents folded, split on everything that is not a
/// letter, digit or one of `+#` (so "C++", "C#" survive); single characters other than
/// digits dropped.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(is_word_char(c) || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(fold)
        .map(|w| w.trim_start_matches(['+', '#']).to_owned())
        .filter(|w| w.chars().count() >= 2 || w.chars().all(|c| c.is_ascii_digit()))
}

/// Content terms of `text`: [`words`] without stop words, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !is_stopword(w))
        .map(|w| stem(&w).to_owned())
        .collect()
}

/// English function words: their share of a description's words tells English text. Words
/// other languages share ("in", "an", "am") are left out.
const ENGLISH_WORDS: [&str; 28] = [
    "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "is", "it", "of", "on",
    "or", "our", "that", "the", "their", "this", "to", "we", "who", "will", "with", "work", "you",
    "your",
];

/// Words a description needs before its language is judged.
const LANGUAGE_MIN_WORDS: usize = 20;
/// English descriptions, even lists of bullets, have at least this share of function words
/// (the fewest among the eval sets' 26 descriptions: 10 %); German, French or Spanish ones
/// next to none.
const ENGLISH_MIN_SHARE: f32 = 0.05;

/// Whether `description` does not read as English: mostly letters of a script other than
/// Latin, or too few English function words. Short texts are not judged.
pub fn not_english(description: &str) -> bool {
    let letters: Vec<char> = description.chars().filter(|c| c.is_alphabetic()).collect();
    let latin = letters
        .iter()
        .filter(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(*c))
        .count();
    if letters.len() >= 40 && latin * 10 < letters.len() * 7 {
        return true;
    }
    let words: Vec<String> = words(description)
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < LANGUAGE_MIN_WORDS {
        return false;
    }
    let english = words
        .iter()
        .filter(|w| ENGLISH_WORDS.binary_search(&w.as_str()).is_ok())
        .count();
    (english as f32) < ENGLISH_MIN_SHARE * words.len() as f32
}

#[cfg(test)]
mod hygiene_tests {
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
        assert_eq!(
            one_line("ok.pdf\nadded  resume_deadbeef0000\r\t\u{202E}x"),
            "ok.pdf\\nadded  resume_deadbeef0000\\r\\t\\u{202e}x"
        );
        assert_eq!(one_line("Zoë.pdf"), "Zoë.pdf");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        let mut sorted = STOPWORDS;
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn normalize_cleans_extraction_leftovers() {
        assert_eq!(
            normalize("Jan 2019 \u{2013} Pre\u{00AD}sent"),
            "Jan 2019 – Present"
        );
        assert_eq!(normalize("2015\u{2212}2018"), "2015–2018");
        assert_eq!(normalize("non\u{2011}breaking"), "non-breaking");
        assert_eq!(normalize("a\u{00A0}b\u{200B}c"), "a bc");
        assert_eq!(normalize("\\xe2\\x80\\xa2 Sales"), "• Sales");
        assert_eq!(normalize("\\xZZ stays"), "\\xZZ stays");
        assert_eq!(normalize("\u{F0B7} Payroll"), "• Payroll");
        assert_eq!(normalize("\u{202E}evil"), "evil");
    }

    #[test]
    fn folding_and_tokens() {
        assert_eq!(fold("Wiśniewska Łódź"), "wisniewska lodz");
        let w: Vec<String> = words("C++, C# and Node.js; R&D — 5+ years").collect();
        assert_eq!(w, ["c++", "c#", "and", "node", "js", "5+", "years"]);
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("leading"), stem("leads"));
        assert_eq!(stem("teams"), "team");
        assert_eq!(stem("negotiations"), stem("negotiation"));
        assert_eq!(stem("managed"), stem("manages"));
        assert_eq!(stem("managing"), stem("manage"));
        assert_eq!(stem("services"), stem("service"));
        assert_eq!(stem("policies"), stem("policy"));
        assert_eq!(stem("classes"), "class");
        assert_eq!(stem("sales"), stem("sale"));
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("c++"), "c++");
        assert_eq!(terms("The plaints were drafted"), ["plaint", "draft"]);
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    /// The defect: a description in another language was parsed with English cues and scored
    /// as if it had been read, without a word to the recruiter.
    #[test]
    fn descriptions_not_in_english_are_told_apart() {
        let german = "Wir suchen eine erfahrene Buchhalterin für unser Team in München.\nAnforderungen\n- Abgeschlossene kaufmännische Ausbildung oder Studium der Betriebswirtschaft\n- Mindestens drei Jahre Berufserfahrung in der Finanzbuchhaltung\n- Sehr gute Kenntnisse in DATEV und MS Excel\n- Sorgfältige und selbstständige Arbeitsweise";
        let french = "Nous recherchons un commercial terrain pour développer notre portefeuille de clients.\nProfil recherché\n- Au moins trois ans d'expérience dans la vente en B2B\n- Maîtrise des outils CRM et de la négociation commerciale\n- Permis de conduire exigé, déplacements fréquents dans la région";
        let spanish = "Buscamos un profesor de matemáticas para educación secundaria.\nRequisitos\n- Grado en Matemáticas o titulación equivalente y máster de profesorado\n- Experiencia mínima de dos años en centros educativos\n- Capacidad para trabajar en equipo y orientación a los alumnos";
        let chinese = "我们正在招聘一名高级后端工程师，负责支付平台的设计与开发。任职要求：五年以上后端开发经验，熟悉分布式系统、数据库和微服务架构，具备良好的沟通能力和团队合作精神。";
        for (lang, text) in [
            ("German", german),
            ("French", french),
            ("Spanish", spanish),
            ("Chinese", chinese),
        ] {
            assert!(not_english(text), "{lang} read as English");
            assert!(
                crate::jd::parse(text, crate::lexicon::Lexicon::shipped()).not_english,
                "{lang}"
            );
        }
        // Every English description of the eval sets, prose or bullets.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut seen = 0;
        for dir in ["eval/jobs", "ner-eval/dev/jobs", "ner-eval/final/jobs"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !not_english(&text),
                    "{} read as not English",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen >= 20, "{seen}");
        assert!(
            !not_english("Requirements\n- Rust\n- Kubernetes"),
            "too short to judge"
        );
    }
}
