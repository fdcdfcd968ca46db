//! Contact details: the candidate's name, email addresses, phone numbers and profile links.

use super::names::{
    inline_labelled_name, labelled_name, looks_like_name, name_at_start, name_between_fields,
    name_in_fields, name_of_handle, one_word_name, without_trailing_capitals,
    without_trailing_words,
};
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
            // An apostrophe is allowed before the @ ("claud.o'kon@…"): left undetected, such
            // an address stayed in the scored text and moved the score of that resume alone.
            let word = crate::text::is_word_char;
            if !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && user.chars().all(|c| word(c) || "._+-'\u{2019}".contains(c))
                && domain.chars().all(|c| word(c) || ".-".contains(c))
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
                let groups: Vec<&str> = candidate
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|g| !g.is_empty())
                    .collect();
                let is_year = |g: &&str| {
                    g.len() == 4 && g.parse::<u32>().is_ok_and(|y| (1950..=2100).contains(&y))
                };
                // "2016 - 2019", "01.2016 - 03.2019", "2016.01-2019.03": dates, not a number.
                let years = groups.iter().filter(|g| is_year(g)).count();
                // "01.03.2015", "2015-12-01", "03.2015": one date, its day and month beside
                // its year. The year first or last, the others a day or a month, joined by "."
                // "-" or "/" only: "12 2045 78" or "(09) 2019 45" stay phone numbers.
                let day_or_month = |g: &&str| {
                    g.len() <= 2 && g.parse::<u32>().is_ok_and(|v| (1..=31).contains(&v))
                };
                let n = groups.len();
                let one_date = years == 1
                    && (2..=3).contains(&n)
                    && !candidate.contains([' ', '+', '(', ')'])
                    && ((is_year(&groups[0]) && groups[1..].iter().all(day_or_month))
                        || (is_year(&groups[n - 1]) && groups[..n - 1].iter().all(day_or_month)));
                let looks_like_years =
                    (candidate.len() <= 11 && candidate.contains('–')) || years >= 2 || one_date;
                // A bare run of digits is a number only after a phone label.
                let labelled = || after_phone_label(&chars[..i].iter().collect::<String>());
                if (7..=15).contains(&digits)
                    && !looks_like_years
                    && (candidate.contains([' ', '-', '(', '+', '.']) || labelled())
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
    let links = find_links(text);
    // A "Name:" label says it; else the name a profile link's handle spells, as the text
    // writes it; else the opening line, if it is a name or starts with one; else a later line
    // that is only a name; else the start of a later line that goes on with other things.
    // (The opening line first: "Ivan Keeling 87 Some Example Street" above a "KEY STRENGTHS"
    // line gave the name "KEY STRENGTHS".)
    let whole =
        |l: &&str| looks_like_name(l).then(|| l.split_whitespace().collect::<Vec<_>>().join(" "));
    let at_start = |l: &&str| {
        name_at_start(l)
            .and_then(|n| without_trailing_capitals(&n))
            .and_then(|n| without_trailing_words(&n, text))
    };
    let name = text
        .lines()
        .take(40)
        .find_map(labelled_name)
        .or_else(|| inline_labelled_name(text))
        .or_else(|| name_of_handle(text, &links))
        .or_else(|| lines.first().and_then(|l| whole(l).or_else(|| at_start(l))))
        .or_else(|| lines.iter().skip(1).find_map(whole))
        .or_else(|| lines.iter().skip(1).take(3).find_map(at_start))
        .or_else(|| {
            lines.first().and_then(|l| {
                name_in_fields(l)
                    .and_then(|n| without_trailing_capitals(&n))
                    .and_then(|n| without_trailing_words(&n, text))
            })
        })
        .or_else(|| lines.first().and_then(|l| name_between_fields(l)))
        .or_else(|| {
            lines
                .first()
                .and_then(|l| name_of_email(l, find_email(text)?))
        });
    Contact {
        name,
        email: find_email(text),
        phone: find_phone(&head),
        links,
    }
}

/// A first line of one word that the email address spells ("Zelgrin", zelgrin@…): vouched
/// for as a one-word name.
fn name_of_email(line: &str, email: String) -> Option<String> {
    let mut words = line.split_whitespace();
    let word = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let name = one_word_name(word)?;
    let local: String = crate::text::fold(email.split('@').next()?)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    local.contains(&crate::text::fold(&name)).then_some(name)
}

/// Labels a bare run of digits after them is a phone number by ("Mobile: 1232456789").
const PHONE_LABELS: [&str; 8] = [
    "phone",
    "mobile",
    "mob",
    "cell",
    "tel",
    "telephone",
    "contact no",
    "ph",
];

/// Whether `before` (the line up to a number) ends with a phone label.
fn after_phone_label(before: &str) -> bool {
    let t = crate::text::fold(
        before
            .trim_end()
            .trim_end_matches([':', '.', '-', '#'])
            .trim_end(),
    );
    PHONE_LABELS.iter().any(|l| {
        t.ends_with(l)
            && t[..t.len() - l.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defects: a word wrapped onto a line of its own ("Mule") or "Microsoft -" was taken
    /// for the name over the opening line's, and a line starting with the name and the street
    /// lost to a later "KEY STRENGTHS"; in a resume flattened into one line whose fields are
    /// parted by double spaces, a name standing as a field of its own was not found. (A name
    /// not found stays in the scored text, where it moved scores when it changed.)
    #[test]
    fn the_opening_lines_name_comes_first_and_a_name_field_of_a_flat_line_is_found() {
        let name = |t: &str| contact(t).name;
        assert_eq!(
            name(
                "Allen Neal King ESB Integration Developer - Cisco Systems
Hyderabad
Expert in
Mule
ESB administration"
            ),
            Some("Allen Neal King".into())
        );
        assert_eq!(
            name(
                "Ivan Keeling 87 Some Example Street
KEY STRENGTHS
Negotiation"
            ),
            Some("Ivan Keeling".into())
        );
        assert_eq!(
            name(
                "App developer
Microsoft -
Pune"
            ),
            None
        );
        assert_eq!(
            name("Art Editor Resume Template  Teena Anton Bailey  Pearl St., Buffalo, NY  Phone: 123-345-7890  Objective"),
            Some("Teena Anton Bailey".into())
        );
        assert_eq!(
            name("Newsreader Resume Template  Pablo Koepp  Melvin Street  California  Phone: 65-345-88"),
            Some("Pablo Koepp".into())
        );
        // A campus address's building is no name.
        assert_eq!(
            name("Sample Teacher Résumé  Career Center  Lucina Hall Room 220  Tamsin Ferreira    2000 W. University Avenue  Muncie, Indiana"),
            Some("Tamsin Ferreira".into())
        );
        assert_eq!(
            name("Sample Teacher Résumé  Career Center  Lucina Hall Room 220  Mrs. Nguyễn Thị Minh Khai  2000 W. University Avenue"),
            Some("Nguyễn Thị Minh Khai".into()),
            "a title before a name of four words"
        );
        // A heading of the kind of job sought is no name.
        assert_eq!(
            name("Entry Level\nJane Roe\nSeattle"),
            Some("Jane Roe".into())
        );
        // What runs on after a name in a flattened opening line is not part of it.
        for (line, expected) in [
            ("Dionna Blanda No.12, Atarod Building, Tehran, Iran", "Dionna Blanda"),
            ("Jacinto Kasandra Erdman W. Clybourn St., Milwaukee, Wisconsin Phone: 123-345-7890", "Jacinto Kasandra Erdman"),
            ("Copy Writer CV Resume Template  Omar Blossom Jacobson. Heath  East Vill., New York City  Phone: 123-345-7890", "Omar Blossom Jacobson"),
            ("Deb Hagenes Digital Media Specialist Curriculum Vitae\nObjective: to craft digital stories", "Deb Hagenes"),
            ("Hyman Murray Legal assistant AREAS OF EXPERTISE Legal research\nHighly efficient legal assistant", "Hyman Murray"),
            ("Example of a Resume    PERSONAL DETAILS  Name:  Date of Birth:    Trevor Keeling PROSPER  22 August 1990", "Trevor Keeling"),
            ("Mirian Brigitte Goodwin 12 Main Road goodwin@example.edu", "Mirian Brigitte Goodwin"),
        ] {
            assert_eq!(name(line), Some(expected.into()), "{line}");
        }
        // A flattened opening line with the name between a heading, a date or an address.
        assert_eq!(
            name("\"RÉSUMÉ SAMPLE : HIGHER EDUCATION Wilmer Kristan Romaguera 2136 G Street NW, Washington, DC 20052 EDUCATION The George Washington University"),
            Some("Wilmer Kristan Romaguera".into())
        );
        assert_eq!(
            name("\"Last Updated on 4th May 2014 Irving Langworth http://example.com ir367@example.edu | EDUCATION EXPERIENCE CORNELL UNIVERSITY"),
            Some("Irving Langworth".into())
        );
        assert_eq!(
            name("\"Sales Job Resume Template Johnathan Hegmann 144, Newark 68 Street, Miami"),
            Some("Johnathan Hegmann".into())
        );
        for no_name in [
            "EDUCATION Master Of Arts 2010 University of Pittsburgh",
            "SKILLS Microsoft Office 2016, Customer Service | Data Entry",
            "OBJECTIVE To obtain a position in May 2014 as a teacher",
            "CURRICULUM VITAE  1. Personal Details  Family Name:  First Names:  Date of birth:",
            "Von  338084 Georgia Tech Station, Atlanta, GA 30332  Email:",
            "Tillman social network analyst about 31 rue Smith 69002 Lyon France x@y.biz",
        ] {
            assert_eq!(name(no_name), None, "{no_name}");
        }
    }

    /// The defect: on a resume flattened into one line, the words after the name were taken
    /// into it ("Willard Bergnaum CES", "Timmy Sawayn IT SUPPORT Sulthan", "Santo Windler
    /// Working"), and template headings were taken for names ("DO NOT COPY", "Market Your"):
    /// a wrong name is worse than none.
    #[test]
    fn a_name_stops_where_the_line_goes_on_and_headings_are_no_names() {
        let name = |t: &str| contact(t).name;
        assert_eq!(
            name("Willard Bergnaum CES ASSOCIATE CONSULTANT Bangalore, Karnataka - Email me"),
            Some("Willard Bergnaum".into())
        );
        assert_eq!(
            name("Timmy Sawayn IT SUPPORT Sulthan Bathery, Kerala - Email me on Indeed"),
            Some("Timmy Sawayn".into())
        );
        // The profile link's handle spells the name: the words after it are not in it.
        assert_eq!(
            name(
                "Santo Windler Working as Escalation Engineer with Microsoft. Pune - Email me \
                 https://www.indeed.com/r/santo-windler/3b2e"
            ),
            Some("Santo Windler".into())
        );
        assert_eq!(
            name("Jane Roe Senior Nurse Austin\nlinkedin.com/in/janeroe"),
            Some("Jane Roe".into())
        );
        for heading in [
            "Sample resume  Marketing  DO NOT COPY: You are advised not to copy this sample",
            "Market Your Skills: Interpersonal, Analytical, Leadership",
            "Last Updated on 4th May 2014",
        ] {
            assert_eq!(name(heading), None, "{heading}");
        }
        // Names written in capitals stay whole.
        assert_eq!(
            name("JANE MARY ROE\nStaff nurse"),
            Some("JANE MARY ROE".into())
        );
    }

    #[test]
    fn contact_details() {
        let c = contact("Priya Raman\npriya.raman@example.org · +44 20 7946 0958 · github.com/praman\nlinkedin.com/in/praman");
        assert_eq!(c.name.as_deref(), Some("Priya Raman"));
        assert_eq!(c.email.as_deref(), Some("priya.raman@example.org"));
        assert_eq!(c.phone.as_deref(), Some("+44 20 7946 0958"));
        assert_eq!(c.links, ["github.com/praman", "linkedin.com/in/praman"]);
        // The defect: an address with an apostrophe was not found, so it stayed in the
        // scored text (the dev set's fairness check saw two resumes move by 2 and 7 points).
        let c = contact("Tona Rey  PhD  email Claud.O'Kon@hb.info  mobile +39 123 456789");
        assert_eq!(c.email.as_deref(), Some("Claud.O'Kon@hb.info"));
        assert_eq!(
            all_emails("write to a'b@x.io or o\u{2019}c@y.org, not 'q@r'"),
            ["a'b@x.io", "o\u{2019}c@y.org"]
        );
        // The review's leaks: a one-word name (vouched by the email or a label), a name
        // glued to the next label, a bare number after "Mobile:".
        let c = contact("Zelgrin\nzelgrin@example.com\nZelgrin won employee of the month.");
        assert_eq!(c.name.as_deref(), Some("Zelgrin"));
        assert_eq!(contact("Nurse\nnurse.jobs@example.com").name, None);
        assert_eq!(
            contact("Skills\nName: Okonkwo\nOkonkwo trained staff.")
                .name
                .as_deref(),
            Some("Okonkwo")
        );
        let c = contact("Name: Tasha DenesikPhone: 512-555-0100");
        assert_eq!(c.name.as_deref(), Some("Tasha Denesik"));
        let c = contact("Dibbert.V 4/105, Chennai - 600121 Mobile: 1232456789 Email: x@y.in");
        assert_eq!(c.phone.as_deref(), Some("1232456789"));
        assert!(all_phones("Employee ID 1232456789", 1).is_empty());
        // A job's dates are no phone number (blind screening hid its start year).
        for dates in [
            "Nurse, 01.03.2015 – present",
            "Since 2015-12-01 at Acme",
            "03.2015 to 06.2019",
        ] {
            assert!(all_phones(dates, 1).is_empty(), "{dates}");
        }
        assert_eq!(
            all_phones("Tel 0044 20 7946 0958", 1),
            ["0044 20 7946 0958"]
        );
        for phone in ["Call 12 2045 78", "Tel (09) 2019 45", "Ph 2019 45 67"] {
            assert_eq!(all_phones(phone, 1).len(), 1, "{phone}");
        }
        let c = contact("张伟 (Wei Zhang)\nwei.zhang@example.cn · +86 10 5555 0199");
        assert_eq!(c.name.as_deref(), Some("张伟 (Wei Zhang)"));
    }
}
