//! Contact details: the candidate's name, email addresses, phone numbers and profile links.

use super::names::{inline_labelled_name, labelled_name, looks_like_name, name_at_start};
use super::Contact;

fn find_email(text: &str) -> Option<String> {
    all_emails(text).into_iter().next()
}

/// Every email address in `text`.
pub(super) fn all_emails(text: &str) -> Vec<String> {
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
pub(super) fn all_phones(text: &str, lines: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
