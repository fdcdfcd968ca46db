//! Resume parsing: sections, contact details, dated roles → years of experience, highest degree.
//!
//! Pure functions over text; they never panic on any input (fuzzed in `fuzz/`).

use serde::{Deserialize, Serialize};

/// Education levels, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    /// Secondary school.
    HighSchool,
    /// Associate degree.
    Associate,
    /// Bachelor's degree.
    Bachelor,
    /// Master's degree (and equivalents: Diplom, Magister, MBA).
    Master,
    /// Doctorate.
    Doctorate,
}

impl DegreeLevel {
    /// A human name.
    pub fn label(self) -> &'static str {
        match self {
            DegreeLevel::HighSchool => "high school",
            DegreeLevel::Associate => "associate degree",
            DegreeLevel::Bachelor => "bachelor's degree",
            DegreeLevel::Master => "master's degree",
            DegreeLevel::Doctorate => "doctorate",
        }
    }
}

/// Resume sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Before any header: name and contact lines.
    Header,
    /// Summary / profile / about.
    Summary,
    /// Work experience.
    Experience,
    /// Education.
    Education,
    /// Skills lists.
    Skills,
    /// Projects.
    Projects,
    /// Certifications, awards, publications, languages, interests, other.
    Other,
    /// Not a section of the resume: its opening as a whole (headline, summary, first role),
    /// a passage of its own that measures the resume as one text. Never shown as evidence
    /// or as an answer.
    Lead,
}

/// Contact details found in a resume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Contact {
    /// The candidate's name (best guess: the first name-like line).
    pub name: Option<String>,
    /// First email address.
    pub email: Option<String>,
    /// First phone number.
    pub phone: Option<String>,
    /// Profile and portfolio links.
    pub links: Vec<String>,
}

/// A run of text under one section header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionText {
    /// The section.
    pub section: Section,
    /// Its lines, joined with `\n`.
    pub text: String,
}

/// A date range of a role, in months since year 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First month (inclusive).
    pub start: i32,
    /// Last month (inclusive).
    pub end: i32,
}

/// What the parser found in a resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeProfile {
    /// Contact details.
    pub contact: Contact,
    /// The text by section, in order.
    pub sections: Vec<SectionText>,
    /// Date ranges of roles (experience sections, or the whole text if none).
    pub spans: Vec<Span>,
    /// Total years of dated roles (overlaps merged).
    pub years: f32,
    /// Years of experience the resume states in words, if any.
    #[serde(default)]
    pub stated_years: Option<f32>,
    /// The highest degree mentioned.
    pub degree: Option<DegreeLevel>,
}

impl ResumeProfile {
    /// The text the engine measures: every section, without the candidate's name and
    /// contact details.
    pub fn text(&self) -> String {
        self.sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Years of experience: the dated roles, or what the resume states when that is more
    /// (resumes often date only some roles, or none).
    pub fn experience_years(&self) -> f32 {
        self.years.max(self.stated_years.unwrap_or(0.0))
    }
}

const MONTHS: [(&str, i32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const PRESENT: [&str; 16] = [
    "present",
    "date",
    "onwards",
    "till",
    "continuing",
    "current",
    "now",
    "today",
    "ongoing",
    "heute",
    "至今",
    "现在",
    "obecnie",
    "actualidad",
    "aujourd'hui",
    "atual",
];

fn section_of(line: &str) -> Option<Section> {
    // "¥Skills", "• EDUCATION", "❖ Work Experience:", "SKILLS —".
    let l = line
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
        .trim()
        .to_lowercase();
    let words = l.split_whitespace().count();
    if l.is_empty() || words > 4 || l.ends_with('.') || l.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let l = l.trim_end_matches(" (continued)");
    let table: [(&[&str], Section); 6] = [
        (
            &[
                "summary",
                "profile",
                "about me",
                "about",
                "objective",
                "career objective",
                "professional summary",
                "career summary",
                "summary of qualifications",
                "personal summary",
                "personal profile",
                "professional profile",
                "overview",
            ],
            Section::Summary,
        ),
        (
            &[
                "experience",
                "work experience",
                "professional experience",
                "employment",
                "employment history",
                "work history",
                "career history",
                "company details",
                "work experience details",
                "experience details",
                "professional background",
                "internships",
                "internship",
                "工作经历",
                "berufserfahrung",
                "doświadczenie",
            ],
            Section::Experience,
        ),
        (
            &[
                "education",
                "academic background",
                "education details",
                "educational details",
                "educational background",
                "educational qualification",
                "educational qualifications",
                "academic qualification",
                "academic qualifications",
                "academic details",
                "qualifications",
                "教育背景",
                "ausbildung",
                "wykształcenie",
            ],
            Section::Education,
        ),
        (
            &[
                "skills",
                "technical skills",
                "core skills",
                "key skills",
                "technologies",
                "tech stack",
                "competencies",
                "core competencies",
                "key competencies",
                "skill details",
                "skills details",
                "skill set",
                "skillset",
                "professional skills",
                "technical expertise",
                "areas of expertise",
                "expertise",
                "it skills",
                "computer skills",
                "software skills",
                "tools",
                "技能",
            ],
            Section::Skills,
        ),
        (
            &[
                "projects",
                "selected projects",
                "side projects",
                "open source",
                "personal projects",
            ],
            Section::Projects,
        ),
        (
            &[
                "certifications",
                "certificates",
                "awards",
                "publications",
                "languages",
                "interests",
                "hobbies",
                "volunteering",
                "volunteer",
                "references",
                "achievements",
                "personal information",
                "personal details",
                "personal data",
                "personal profile details",
                "declaration",
                "additional information",
                "links",
                "training",
                "trainings",
                "extracurricular activities",
                "strengths",
            ],
            Section::Other,
        ),
    ];
    table
        .iter()
        .find(|(names, _)| names.contains(&l))
        .map(|(_, s)| *s)
}

/// Splits resume text into sections by their headers.
pub fn sections(text: &str) -> Vec<SectionText> {
    let mut out: Vec<SectionText> = Vec::new();
    let mut current = Section::Header;
    let mut buf: Vec<&str> = Vec::new();
    for line in text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\x0c'))
    {
        if line.is_empty() {
            continue;
        }
        if let Some(section) = section_of(line) {
            if !buf.is_empty() {
                out.push(SectionText {
                    section: current,
                    text: buf.join("\n"),
                });
                buf.clear();
            }
            current = section;
            continue;
        }
        buf.push(line);
    }
    if !buf.is_empty() {
        out.push(SectionText {
            section: current,
            text: buf.join("\n"),
        });
    }
    out
}

fn find_email(text: &str) -> Option<String> {
    all_emails(text).into_iter().next()
}

/// Every email address in `text`.
fn all_emails(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '|' | '·' | '<' | '>' | '(' | ')')
    }) {
        let t = token.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some((user, domain)) = t.split_once('@') {
            if !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && t.chars()
                    .all(|c| crate::text::is_word_char(c) || "@._+-".contains(c))
            {
                out.push(t.to_owned());
            }
        }
    }
    out
}

fn find_phone(text: &str) -> Option<String> {
    all_phones(text, 15).into_iter().next()
}

/// Every phone number in the first `lines` lines of `text`.
fn all_phones(text: &str, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().take(lines) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '+' || chars[i] == '(' || chars[i].is_ascii_digit() {
                let mut j = i;
                let mut digits = 0;
                while j < chars.len() && (chars[j].is_ascii_digit() || " +-().".contains(chars[j]))
                {
                    if chars[j].is_ascii_digit() {
                        digits += 1;
                    }
                    j += 1;
                }
                let candidate: String = chars[i..j].iter().collect::<String>().trim().to_owned();
                // "2016 - 2019", "01.2016 - 03.2019", "2016.01-2019.03": dates, not a number.
                let years = candidate
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|g| {
                        g.len() == 4 && g.parse::<u32>().is_ok_and(|y| (1950..=2100).contains(&y))
                    })
                    .count();
                let looks_like_years =
                    (candidate.len() <= 11 && candidate.contains('–')) || years >= 2;
                if (7..=15).contains(&digits)
                    && !looks_like_years
                    && candidate.contains([' ', '-', '(', '+', '.'])
                {
                    out.push(candidate);
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
    }
    out
}

fn find_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '·' | '<' | '>'))
    {
        let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | '"'));
        let lower = t.to_lowercase();
        let is_link = lower.starts_with("http://")
            || lower.starts_with("https://")
            || [
                "linkedin.com/",
                "github.com/",
                "gitlab.com/",
                "stackoverflow.com/",
                "behance.net/",
                "dribbble.com/",
            ]
            .iter()
            .any(|d| lower.starts_with(d) || lower.starts_with(&format!("www.{d}")));
        if is_link && !out.iter().any(|o: &String| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// Words that make a line a heading, a title, a place or an institution, never a name.
const NOT_NAME_WORDS: [&str; 112] = [
    "about",
    "academy",
    "accountant",
    "address",
    "administrator",
    "advisor",
    "advocate",
    "analyst",
    "application",
    "architect",
    "assistant",
    "associate",
    "attorney",
    "avenue",
    "bachelor",
    "biodata",
    "birth",
    "career",
    "cell",
    "ceo",
    "cfo",
    "chef",
    "city",
    "clerk",
    "college",
    "company",
    "consultant",
    "contact",
    "coordinator",
    "counselor",
    "country",
    "current",
    "curriculum",
    "cv",
    "date",
    "department",
    "designer",
    "details",
    "developer",
    "director",
    "district",
    "drive",
    "editor",
    "education",
    "email",
    "engineer",
    "engineering",
    "executive",
    "experience",
    "fresher",
    "gender",
    "head",
    "information",
    "institute",
    "intern",
    "lane",
    "lawyer",
    "lead",
    "lecturer",
    "limited",
    "ltd",
    "manager",
    "marketing",
    "married",
    "mobile",
    "nagar",
    "name",
    "nationality",
    "nurse",
    "objective",
    "officer",
    "page",
    "personal",
    "phone",
    "position",
    "present",
    "principal",
    "product",
    "professional",
    "professor",
    "profile",
    "programmer",
    "project",
    "religion",
    "representative",
    "resume",
    "road",
    "sales",
    "sample",
    "school",
    "secretary",
    "senior",
    "single",
    "skills",
    "software",
    "specialist",
    "state",
    "street",
    "student",
    "summary",
    "supervisor",
    "teacher",
    "technician",
    "technology",
    "template",
    "trainee",
    "trainer",
    "university",
    "vitae",
    "web",
    "worker",
    "www",
];

/// Words of the headings that may stand before a name on its line.
const LEADING_HEADINGS: [&str; 14] = [
    "resume",
    "cv",
    "curriculum",
    "vitae",
    "biodata",
    "bio",
    "data",
    "personal",
    "details",
    "information",
    "profile",
    "of",
    "sample",
    "name",
];

/// Lowercase words that belong to names ("Ludwig van Beethoven", "Ahmad bin Ismail").
const NAME_PARTICLES: [&str; 18] = [
    "al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "la",
    "le", "van", "von", "y",
];

fn is_not_name_word(word: &str) -> bool {
    let w = crate::text::fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
    NOT_NAME_WORDS.binary_search(&w.as_str()).is_ok()
}

fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && line.chars().count() <= 60
        && !line
            .chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == '/' || c == ':' || c == '|')
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && section_of(line).is_none()
        && !words.iter().any(|w| is_not_name_word(w))
        // A name is written with capitals (or in a script without case), but for particles.
        && words.iter().all(|w| {
            NAME_PARTICLES.contains(w)
                || w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_none_or(|c| c.is_uppercase() || !c.is_lowercase())
        })
}

/// The name at the start of a line that goes on with other things ("Jane Roe  123-555-0100 |
/// Seattle", "Meda Cronin Associate Software Engineer Bengaluru"): up to four capitalised words
/// before a digit, a separator or a title word.
fn name_at_start(line: &str) -> Option<String> {
    let line = line.trim_start_matches(|c: char| !c.is_alphabetic());
    let end = line
        .find(|c: char| c.is_ascii_digit() || "@|/:(,•\"–".contains(c))
        .unwrap_or(line.len());
    // "RESUME  Jane Roe  Seattle": the name may follow a heading; double spaces part fields.
    let mut segments = line[..end].split("  ").filter(|s| !s.trim().is_empty());
    let mut words: Vec<&str> = Vec::new();
    for segment in segments.by_ref().take(3) {
        for w in segment.split_whitespace() {
            let folded = crate::text::fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
            if words.is_empty() && LEADING_HEADINGS.contains(&folded.as_str()) {
                continue;
            }
            let letters_ok = w.chars().all(|c| {
                c.is_alphabetic() || crate::text::is_mark(c) || matches!(c, '-' | '\'' | '.')
            });
            let capital = w.chars().next().is_some_and(char::is_uppercase)
                || (NAME_PARTICLES.contains(&w) && !words.is_empty());
            if !letters_ok || !capital || is_not_name_word(w) || words.len() == 5 {
                break;
            }
            words.push(w);
        }
        if !words.is_empty() {
            break;
        }
    }
    (words.len() >= 2).then(|| words.join(" "))
}

/// The value of a "Name: …" line.
fn labelled_name(line: &str) -> Option<String> {
    let (label, value) = line.split_once([':', '-'])?;
    let label = crate::text::fold(label.trim());
    if !matches!(
        label.as_str(),
        "name" | "full name" | "candidate name" | "name of candidate"
    ) {
        return None;
    }
    let value = value.trim();
    (looks_like_name(value) || name_at_start(value).is_some())
        .then(|| name_at_start(value).unwrap_or_else(|| value.to_owned()))
}

/// The name after a "Name:" label anywhere near the start of `text`, also inside a line
/// ("Personal Details Name: Jane Roe Nationality: …", as flattened resumes have it); not a
/// father's, a company's or a school's name.
fn inline_labelled_name(text: &str) -> Option<String> {
    let head: String = text.chars().take(3000).collect();
    // ASCII lowercase keeps every byte where it was, so offsets in `lower` are offsets in
    // `head`.
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("name") {
        let start = from + pos;
        from = start + 4;
        let before = lower[..start].trim_end();
        let previous = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
            .next();
        let owner_ok = before.is_empty()
            || before.ends_with(|c: char| !c.is_alphanumeric())
            || matches!(previous, Some("full" | "candidate" | "my" | "applicant"));
        let glued = lower[..start].ends_with(|c: char| c.is_alphanumeric());
        let rest = head[start + 4..].trim_start();
        let Some(value) = rest.strip_prefix([':', '-']) else {
            continue;
        };
        if glued || !owner_ok {
            continue;
        }
        if let Some(name) = name_at_start(value.trim_start()) {
            return Some(name);
        }
    }
    None
}

/// Contact details from the text.
pub fn contact(text: &str) -> Contact {
    let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let name = text
        .lines()
        .take(40)
        .find_map(labelled_name)
        .or_else(|| inline_labelled_name(text))
        .or_else(|| {
            lines
                .iter()
                .find(|l| looks_like_name(l))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .or_else(|| lines.iter().take(4).find_map(|l| name_at_start(l)));
    Contact {
        name,
        email: find_email(text),
        phone: find_phone(&head),
        links: find_links(text),
    }
}

/// Lines of personal details that say nothing about the work and must never sway a score.
const PERSONAL_LABELS: [&str; 16] = [
    "age",
    "date of birth",
    "dob",
    "father's name",
    "fathers name",
    "gender",
    "husband's name",
    "marital status",
    "mother's name",
    "nationality",
    "passport",
    "place of birth",
    "religion",
    "sex",
    "spouse",
    "caste",
];

/// Gendered words and what replaces them.
const GENDERED: [(&str, &str); 14] = [
    ("he", "they"),
    ("she", "they"),
    ("him", "them"),
    ("his", "their"),
    ("her", "their"),
    ("hers", "theirs"),
    ("himself", "themselves"),
    ("herself", "themselves"),
    ("mr", ""),
    ("mrs", ""),
    ("ms", ""),
    ("miss", ""),
    ("male", ""),
    ("female", ""),
];

/// `text` without the candidate's name, email, phone and links, without lines of personal
/// details (gender, birth date, marital status…) and with gendered words made neutral: what
/// the engine measures, so that none of these ever changes a score.
pub fn redact(text: &str, contact: &Contact) -> String {
    let mut out = text.to_owned();
    // Every address and number, wherever it stands, not only the first.
    let mut values: Vec<String> = all_emails(text);
    values.extend(all_phones(text, usize::MAX));
    values.extend(contact.links.iter().cloned());
    values.extend(contact.email.iter().cloned());
    values.extend(contact.phone.iter().cloned());
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    for value in &values {
        if !value.is_empty() {
            out = out.replace(value.as_str(), " ");
        }
    }
    let name_words: Vec<String> = contact
        .name
        .iter()
        .flat_map(|n| crate::text::words(n).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let mut lines = Vec::new();
    for line in out.lines() {
        let folded = crate::text::fold(line.trim());
        let personal = PERSONAL_LABELS.iter().any(|l| {
            folded.strip_prefix(l).is_some_and(|rest| {
                rest.trim_start().starts_with([':', '-', '–']) || rest.trim().is_empty()
            })
        });
        if personal {
            continue;
        }
        let line = replace_words(line, &name_words);
        // A line that held only the name (or a title) is gone, not left as punctuation.
        if line.chars().any(char::is_alphanumeric) || line.trim().is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// `line` with each word in `names` removed and each gendered word replaced. A removed word
/// takes the spaces, dots, hyphens and apostrophes after it along ("Ms. Emily Walsh",
/// "Al-Rashid" leave nothing), so that names of any length and shape leave the same text.
fn replace_words(line: &str, names: &[String]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut word = String::new();
    let mut eating = false;
    let mut ate = false;
    let flush = |word: &mut String, out: &mut String, eating: &mut bool, ate: &mut bool| {
        if word.is_empty() {
            return;
        }
        let folded = crate::text::fold(word);
        let gendered = GENDERED.iter().find(|(g, _)| *g == folded);
        if names.contains(&folded) || gendered.is_some_and(|(_, with)| with.is_empty()) {
            *eating = true;
        } else {
            if *ate && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            *eating = false;
            *ate = false;
            match gendered {
                Some((_, with)) => out.push_str(with),
                None => out.push_str(word),
            }
        }
        word.clear();
    };
    for c in line.chars() {
        if crate::text::is_word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut eating, &mut ate);
            if eating && matches!(c, ' ' | '.' | '-' | '\'' | '’') {
                ate = true;
                continue;
            }
            eating = false;
            ate = false;
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut eating, &mut ate);
    out.trim_end().to_owned()
}

fn month_name(word: &str) -> Option<i32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// Parses a date like "Jan 2019", "January 2019", "03/2018", "2018-03", "2017".
/// Returns months since year 0, and whether a month was given.
fn parse_date(s: &str) -> Option<(i32, bool)> {
    let s = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == '(' || c == ')');
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '/' || c == '.' || c == '-')
        .filter(|p| !p.is_empty())
        .collect();
    let year_of = |p: &str| -> Option<i32> {
        let y: i32 = p.parse().ok()?;
        (1950..=2100).contains(&y).then_some(y)
    };
    match parts.as_slice() {
        [y] => year_of(y).map(|y| (y * 12, false)),
        [a, b] => {
            if let (Some(m), Some(y)) = (month_name(a), year_of(b)) {
                return Some((y * 12 + m - 1, true));
            }
            if let (Ok(m), Some(y)) = (a.parse::<i32>(), year_of(b)) {
                if (1..=12).contains(&m) {
                    return Some((y * 12 + m - 1, true));
                }
            }
            if let (Some(y), Ok(m)) = (year_of(a), b.parse::<i32>()) {
                if (1..=12).contains(&m) {
                    return Some((y * 12 + m - 1, true));
                }
            }
            None
        }
        _ => None,
    }
}

fn is_present(s: &str) -> bool {
    let l = s
        .trim()
        .trim_matches(|c: char| c == ')' || c == '(' || c == '.')
        .to_lowercase();
    PRESENT
        .iter()
        .any(|p| l == *p || l.starts_with(&format!("{p} ")))
}

/// Date ranges in `text` ("Jan 2019 – Present", "2015 – 2018", "03/2018 - 06/2021").
/// `today` (months since year 0) stands for "present".
pub fn spans(text: &str, today: i32) -> Vec<Span> {
    let mut out = Vec::new();
    for line in text.lines() {
        // Normalise the separators to " – ".
        let norm = line
            .replace(" onwards", " – present")
            .replace(" to ", " – ")
            .replace(" - ", " – ")
            .replace('—', "–")
            .replace(" bis ", " – ");
        let pieces: Vec<&str> = norm.split('–').collect();
        for pair in pieces.windows(2) {
            let left_words: Vec<&str> = pair[0].split_whitespace().collect();
            let right = pair[1].trim();
            // Try the last one or two words on the left as the start date.
            let start = (1..=2usize).rev().find_map(|n| {
                if left_words.len() >= n {
                    parse_date(&left_words[left_words.len() - n..].join(" "))
                } else {
                    None
                }
            });
            let right_words: Vec<&str> = right.split_whitespace().collect();
            let end = if right_words.first().is_some_and(|w| is_present(w)) {
                Some((today, true))
            } else {
                (1..=2usize).rev().find_map(|n| {
                    if right_words.len() >= n {
                        parse_date(&right_words[..n].join(" "))
                    } else {
                        None
                    }
                })
            };
            // "2017-2020" without spaces
            let (start, end) = match (start, end) {
                (Some(s), Some(e)) => (s, e),
                _ => continue,
            };
            let (s, e) = (start.0, if end.1 { end.0 } else { end.0 + 11 });
            if e >= s && e - s < 12 * 60 {
                out.push(Span { start: s, end: e });
            }
        }
        // Compact year ranges such as "2017-2020".
        for token in line.split_whitespace() {
            let t = token.trim_matches(|c: char| !c.is_ascii_digit());
            if let Some((a, b)) = t.split_once('-') {
                if let (Some((s, false)), Some((e, false))) = (parse_date(a), parse_date(b)) {
                    if e >= s {
                        out.push(Span {
                            start: s,
                            end: e + 11,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Total years covered by `spans`, overlaps counted once.
pub fn total_years(spans: &[Span]) -> f32 {
    let mut sorted: Vec<Span> = spans.to_vec();
    sorted.sort_by_key(|s| s.start);
    let mut months = 0;
    let mut current: Option<Span> = None;
    for s in sorted {
        match &mut current {
            Some(c) if s.start <= c.end + 1 => c.end = c.end.max(s.end),
            _ => {
                if let Some(c) = current.take() {
                    months += c.end - c.start + 1;
                }
                current = Some(s);
            }
        }
    }
    if let Some(c) = current {
        months += c.end - c.start + 1;
    }
    (months as f32 / 12.0 * 10.0).round() / 10.0
}

/// The highest degree named in `text`.
pub fn degree_in(text: &str) -> Option<DegreeLevel> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .filter(|t| !t.trim_matches('.').is_empty())
        .collect();
    let norm: Vec<String> = tokens
        .iter()
        .map(|t| t.trim_matches('.').replace('.', "").to_lowercase())
        .collect();
    // Short abbreviations that are also words ("MS Office", "to be", "BA" in caps text)
    // count only when dotted ("M.S.", "B.E.") or followed by "in"/"of"/"hons".
    let is_degree_abbrev = |i: usize| {
        tokens[i].trim_matches('.').contains('.')
            || norm
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "in" | "of" | "hons" | "honours" | "degree"))
    };
    let has = |plain: &[&str], abbrev: &[&str]| {
        norm.iter().enumerate().any(|(i, w)| {
            plain.contains(&w.as_str()) || (abbrev.contains(&w.as_str()) && is_degree_abbrev(i))
        })
    };
    let has_phrase = |list: &[&str]| list.iter().any(|p| lower.contains(p));
    if has(&["phd", "dphil", "doctorate", "博士"], &[]) || has_phrase(&["doctor of", "ph.d"]) {
        Some(DegreeLevel::Doctorate)
    } else if has(
        &[
            "msc", "mba", "meng", "mphil", "mres", "mtech", "mca", "mcom", "llm", "pgdm", "pgdba",
            "magister", "diplom", "硕士",
        ],
        &["ms", "ma", "med", "mpharm", "mfa"],
    ) || has_phrase(&[
        "master",
        "diplom-",
        "post graduate",
        "postgraduate",
        "post-graduate",
    ]) {
        Some(DegreeLevel::Master)
    } else if has(
        &[
            "bsc", "beng", "btech", "bcs", "bca", "bba", "bcom", "llb", "bpharm", "mbbs", "bds",
            "licence", "学士", "本科",
        ],
        &["bs", "ba", "be", "bed", "bfa"],
    ) || has_phrase(&[
        "bachelor",
        "undergraduate degree",
        "licenciatura",
        "graduate in ",
        "graduate degree",
        "any graduate",
        "graduation",
        "university degree",
        "college degree",
    ]) {
        Some(DegreeLevel::Bachelor)
    } else if has_phrase(&[
        "associate degree",
        "associate of",
        "associate in",
        "diploma",
    ]) {
        Some(DegreeLevel::Associate)
    } else if has(&["hsc", "ssc", "ged", "12th", "10th"], &[])
        || has_phrase(&[
            "high school",
            "secondary school",
            "a-levels",
            "abitur",
            "intermediate",
        ])
    {
        Some(DegreeLevel::HighSchool)
    } else {
        None
    }
}

/// "5+ years", "at least 3 years", "3-5 years" → the smallest number of years asked for.
pub fn years_required(text: &str) -> Option<f32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let unit = |s: &str| s.starts_with("year") || s.starts_with("yr");
        let (num, has_unit) =
            if let Some(n) = w.strip_suffix("+years").or_else(|| w.strip_suffix("years")) {
                (n.trim_end_matches('+'), true)
            } else {
                (w.trim_end_matches('+'), unit(next))
            };
        if !has_unit {
            continue;
        }
        let first = num.split(['-', '–']).next().unwrap_or("");
        if let Ok(n) = first.parse::<f32>() {
            if (0.5..=40.0).contains(&n) {
                return Some(n);
            }
        }
    }
    None
}

/// `year * 12 + month - 1` for a date.
pub fn month_index(date: time::Date) -> i32 {
    date.year() * 12 + i32::from(u8::from(date.month())) - 1
}

/// Parses a resume's text. `today` is the reference date for "Present" (the resume's import
/// date, so that the result does not change from day to day).
pub fn parse(text: &str, today: time::Date) -> ResumeProfile {
    let text = crate::text::normalize(text);
    let contact = contact(&text);
    let text = redact(&text, &contact);
    let sections = sections(&text);
    let today = month_index(today);
    let experience: Vec<&SectionText> = sections
        .iter()
        .filter(|s| s.section == Section::Experience)
        .collect();
    let spans = if experience.is_empty() {
        let not_education: String = sections
            .iter()
            .filter(|s| s.section != Section::Education)
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        self::spans(&not_education, today)
    } else {
        experience
            .iter()
            .flat_map(|s| self::spans(&s.text, today))
            .collect()
    };
    let education: String = sections
        .iter()
        .filter(|s| s.section == Section::Education)
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let degree = degree_held(&education).or_else(|| degree_held(&text));
    ResumeProfile {
        contact,
        years: total_years(&spans),
        stated_years: stated_years(&text),
        spans,
        degree,
        sections,
    }
}

/// Words that make a degree line one not (yet) held.
const NOT_YET: [&str; 11] = [
    "expected",
    "admitted to",
    "doing corrections",
    "pursuing",
    "currently studying",
    "currently enrolled",
    "appearing",
    "anticipated",
    "candidate for",
    "in progress",
    "ongoing",
];

/// The highest degree held: as [`degree_in`], leaving out lines that speak of a degree still
/// to come ("Expected graduation 2027", "pursuing MBA").
pub fn degree_held(text: &str) -> Option<DegreeLevel> {
    let mut lines: Vec<&str> = text.lines().collect();
    // A flattened resume is one long line: judge it by sentences instead.
    if lines.len() <= 2 {
        lines = text.split(['.', ';', '|', '•']).collect();
    }
    lines
        .iter()
        .filter(|l| {
            let l = l.to_lowercase();
            !NOT_YET.iter().any(|w| l.contains(w))
        })
        .filter_map(|l| degree_in(l))
        .max()
}

/// Years of experience the resume states ("8.5+ years of experience", "Experience: 24
/// months"), the most it states, if any.
pub fn stated_years(text: &str) -> Option<f32> {
    let mut best: Option<f32> = None;
    for sentence in text.split(['\n', '.', ';', '|', '•']) {
        let lower = sentence.to_lowercase();
        if !(lower.contains("experience") || lower.contains("exp ") || lower.contains("exprience"))
        {
            continue;
        }
        let years = years_required(&lower).or_else(|| {
            let words: Vec<&str> = lower.split_whitespace().collect();
            words.windows(2).find_map(|w| {
                let n: f32 = w[0].trim_end_matches('+').parse().ok()?;
                (w[1].starts_with("month") && (1.0..=480.0).contains(&n)).then_some(n / 12.0)
            })
        });
        if let Some(y) = years.filter(|y| *y <= 45.0) {
            best = Some(best.map_or(y, |b: f32| b.max(y)));
        }
    }
    best.map(|y| (y * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8) -> time::Date {
        time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), 1).unwrap()
    }

    #[test]
    fn date_ranges_of_many_shapes() {
        let today = month_index(date(2026, 11));
        let years = |s: &str| total_years(&spans(s, today));
        assert_eq!(years("Jan 2019 – Present"), 7.9);
        assert_eq!(years("2015 – 2018"), 4.0);
        assert_eq!(years("2017-2020"), 4.0);
        assert_eq!(years("03/2018 - 06/2021"), 3.3);
        assert_eq!(years("September 2010 to March 2012"), 1.6);
        assert_eq!(
            years("Mar 2020 – Present\nMar 2021 – Present"),
            6.8,
            "overlaps once"
        );
        assert_eq!(
            years("Senior Frontend Engineer, Fabrikam — Mar 2020 – Present"),
            6.8
        );
        assert_eq!(years("2018 – obecnie"), 8.9);
        assert_eq!(years("no dates here, 42 widgets"), 0.0);
    }

    #[test]
    fn sections_by_header_variants() {
        let s = sections("Jane Roe\njane@x.org\nPROFESSIONAL EXPERIENCE\nDid things\nEducation:\nBSc\nTechnical Skills\nRust");
        let kinds: Vec<_> = s.iter().map(|s| s.section).collect();
        assert_eq!(
            kinds,
            [
                Section::Header,
                Section::Experience,
                Section::Education,
                Section::Skills
            ]
        );
    }

    #[test]
    fn contact_details() {
        let c = contact("Priya Raman\npriya.raman@example.org · +44 20 7946 0958 · github.com/praman\nlinkedin.com/in/praman");
        assert_eq!(c.name.as_deref(), Some("Priya Raman"));
        assert_eq!(c.email.as_deref(), Some("priya.raman@example.org"));
        assert_eq!(c.phone.as_deref(), Some("+44 20 7946 0958"));
        assert_eq!(c.links, ["github.com/praman", "linkedin.com/in/praman"]);
        let c = contact("张伟 (Wei Zhang)\nwei.zhang@example.cn · +86 10 5555 0199");
        assert_eq!(c.name.as_deref(), Some("张伟 (Wei Zhang)"));
    }

    #[test]
    fn degrees() {
        assert_eq!(degree_in("MSc Computer Science"), Some(DegreeLevel::Master));
        assert_eq!(degree_in("B.Sc. in Physics"), Some(DegreeLevel::Bachelor));
        assert_eq!(
            degree_in("Ph.D. Machine Learning"),
            Some(DegreeLevel::Doctorate)
        );
        assert_eq!(
            degree_in("Diplom-Informatiker, TU München"),
            Some(DegreeLevel::Master)
        );
        assert_eq!(
            degree_in("清华大学 计算机科学 硕士"),
            Some(DegreeLevel::Master)
        );
        assert_eq!(
            degree_in("Bachelor's degree required"),
            Some(DegreeLevel::Bachelor)
        );
        assert_eq!(degree_in("none at all"), None);
    }

    #[test]
    fn years_asked_for() {
        assert_eq!(years_required("5+ years of Go"), Some(5.0));
        assert_eq!(years_required("at least 3 years experience"), Some(3.0));
        assert_eq!(years_required("3-5 years"), Some(3.0));
        assert_eq!(years_required("10+years"), Some(10.0));
        assert_eq!(years_required("a few years"), None);
    }

    #[test]
    fn parse_never_panics_on_odd_text() {
        for text in [
            "",
            "\x0c\x0c",
            "–––",
            "Jan – Present",
            "9999-0000",
            "@@@",
            "2019 –",
            "– 2020",
            "a\u{0}b",
        ] {
            let _ = parse(text, date(2026, 1));
        }
    }
}
