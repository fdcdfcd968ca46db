//! Dates of roles ("Jan 2019 – Present", "2015 – 2018", "03/2018 - 06/2021") and the years of
//! experience a resume states.

use super::Span;
use crate::facts::years_required;

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

fn month_name(word: &str) -> Option<i32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// Parses a date like "Jan 2019", "January 2019", "03/2018", "2018-03", "2017", "3/1/2011".
/// Returns months since year 0, and whether a month was given.
fn parse_date(s: &str) -> Option<(i32, bool)> {
    let s = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == '(' || c == ')');
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '.' | '-' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    let year_of = |p: &str| -> Option<i32> {
        // "'16", "’16": a year of two digits after an apostrophe.
        if let Some(yy) = p.strip_prefix(['\'', '’']) {
            let yy: i32 = yy.parse().ok().filter(|_| yy.len() == 2)?;
            return Some(if yy <= 50 { 2000 + yy } else { 1900 + yy });
        }
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
        // A full date: "3/1/2011" (US), "25/03/2011" (day first), "2011-03-25" (ISO),
        // "March 5, 2019", "5 March 2019". Only the month and year count.
        [a, b, c] => {
            let day = |p: &str| p.parse::<i32>().ok().filter(|d| (1..=31).contains(d));
            let month = |p: &str| {
                month_name(p).or_else(|| p.parse::<i32>().ok().filter(|m| (1..=12).contains(m)))
            };
            if let (Some(y), Some(m), Some(_)) = (year_of(a), month(b), day(c)) {
                return Some((y * 12 + m - 1, true));
            }
            let y = year_of(c)?;
            let m = match (month(a), month(b)) {
                // A month name wins; two numbers are month first unless the first cannot be.
                (Some(m), _) if month_name(a).is_some() => m,
                (_, Some(m)) if month_name(b).is_some() => m,
                (Some(m), Some(_)) => m,
                (None, Some(m)) if day(a).is_some() => m,
                (Some(m), None) if day(b).is_some() => m,
                _ => return None,
            };
            Some((y * 12 + m - 1, true))
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

/// The last month of a range from month `start` that ends in a year given without a month
/// (`end_year`: its January): "2016 – 2019" is read as January 2016 to December 2018, three
/// years, as a recruiter counts it (2019 − 2016) and as "Jan 2016 – Dec 2018" counts; a range
/// within one year ("2016 – 2016") counts half a year (less when it starts late in the year).
fn year_end(start: i32, end_year: i32) -> i32 {
    if end_year > start {
        end_year - 1
    } else {
        (start + 5).min(end_year + 11)
    }
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
            .replace(" till ", " – ")
            .replace(" until ", " – ")
            .replace(" - ", " – ")
            .replace('—', "–")
            .replace('~', " – ")
            .replace(" bis ", " – ");
        // "Since 2016", "since March 2019": to the present.
        let words: Vec<&str> = norm.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if !w.eq_ignore_ascii_case("since") {
                continue;
            }
            let start = (1..=2usize).rev().find_map(|n| {
                words
                    .get(i + 1..i + 1 + n)
                    .and_then(|d| parse_date(d.join(" ").trim_end_matches([':', ';', '.'])))
            });
            if let Some((s, _)) = start.filter(|(s, _)| *s <= today) {
                out.push(Span {
                    start: s,
                    end: today,
                });
            }
        }
        let pieces: Vec<&str> = norm.split('–').collect();
        for pair in pieces.windows(2) {
            let left_words: Vec<&str> = pair[0].split_whitespace().collect();
            let right = pair[1].trim();
            // Try the last one to three words on the left as the start date.
            let start = (1..=3usize).rev().find_map(|n| {
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
                (1..=3usize).rev().find_map(|n| {
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
            let s = start.0;
            let e = if end.1 { end.0 } else { year_end(s, end.0) };
            if e >= s && e - s < 12 * 60 {
                out.push(Span { start: s, end: e });
            }
        }
        // Compact year ranges such as "2017-2020", and "2007-Present".
        for token in line.split_whitespace() {
            let bare = token.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some((a, b)) = bare.split_once(['-', '–']) {
                if let (Some((s, _)), true) = (parse_date(a), is_present(b)) {
                    if s <= today {
                        out.push(Span {
                            start: s,
                            end: today,
                        });
                    }
                    continue;
                }
            }
            let t = token.trim_matches(|c: char| !c.is_ascii_digit());
            if let Some((a, b)) = t.split_once('-') {
                if let (Some((s, false)), Some((e, false))) = (parse_date(a), parse_date(b)) {
                    if e >= s {
                        out.push(Span {
                            start: s,
                            end: year_end(s, e),
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

/// `year * 12 + month - 1` for a date.
pub fn month_index(date: time::Date) -> i32 {
    date.year() * 12 + i32::from(u8::from(date.month())) - 1
}

/// Words that make a sentence's "N years" years of work.
const STATED_CUES: [&str; 11] = [
    "experience",
    "exp ",
    "exprience",
    "worked",
    "working",
    "served",
    "serving",
    "employed",
    "career",
    "practising",
    "practicing",
];

/// Years of experience the resume states ("8.5+ years of experience", "Experience: 24
/// months"), the most it states, if any.
pub fn stated_years(text: &str) -> Option<f32> {
    let mut best: Option<f32> = None;
    for sentence in text.split(['\n', '.', ';', '|', '•']) {
        let lower = sentence.to_lowercase();
        // "8 years of experience", or years of work in other words: "worked as an accountant
        // for more than 10 years", "a career of 12 years".
        if !STATED_CUES.iter().any(|c| lower.contains(c)) {
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
        assert_eq!(years("2015 – 2018"), 3.0);
        assert_eq!(years("2017-2020"), 3.0);
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

    /// The defect: full dates gave no span, so a resume dated "3/1/2011 - Current" had 0 years.
    #[test]
    fn full_dates_count_by_their_month() {
        let today = month_index(date(2026, 11));
        let years = |s: &str| total_years(&spans(s, today));
        assert_eq!(years("Computer Engineer 11/1/2007 - 2/1/2011 Optimus"), 3.3);
        assert_eq!(years("Engineer 3/1/2011 - Current Teletron"), 15.8);
        assert_eq!(years("25/03/2011 - 24/03/2013"), 2.1, "day first");
        assert_eq!(years("2011-03-25 to 2013-03-24"), 2.1, "ISO");
        assert_eq!(years("March 5, 2019 – June 20, 2020"), 1.3);
        assert_eq!(years("5 March 2019 – 20 June 2020"), 1.3);
        assert_eq!(years("Fabrikam, Jan 2019 – Present"), 7.9);
        assert_eq!(
            years("COMPANY, INC., City, ST 2007-Present Female-owned"),
            19.9
        );
        assert_eq!(years("(2019-present)"), 7.9);
        assert_eq!(years("Lead 2030-Present"), 0.0, "not begun");
        assert_eq!(
            years("a team of 12 in 2019 – 2020"),
            1.0,
            "a count is no month"
        );
        assert_eq!(years("Room 12/40/2019 - 2020"), 0.0);
    }

    /// The defect: a range of years alone counted both end years, "2016 – 2019" four years
    /// where a recruiter (and "Jan 2016 – Dec 2018") counts three; consecutive roles
    /// ("2015 – 2018", "2018 – 2020") add up to the years between first and last.
    #[test]
    fn year_only_ranges_count_the_years_between_them() {
        let today = month_index(date(2026, 11));
        let years = |s: &str| total_years(&spans(s, today));
        assert_eq!(years("Teacher, 2016 – 2019"), 3.0);
        assert_eq!(years("Teacher, 2016-2019"), 3.0);
        assert_eq!(years("Jan 2016 – Dec 2018"), years("2016 – 2019"));
        assert_eq!(years("2015 – 2018\n2018 – 2020"), 5.0);
        assert_eq!(years("Jan 2016 – 2019"), 3.0);
        assert_eq!(years("2016 – Mar 2019"), 3.3);
        assert_eq!(years("2016 – 2016"), 0.5);
        assert_eq!(years("2016 – 2017"), 1.0);
    }

    /// The defect: "Since 2016", "2016 ~ 2019", "Jan '16" and "2016 till date" gave no span,
    /// and "for more than 10 years" was not read as years of experience.
    #[test]
    fn since_tilde_apostrophe_years_and_years_in_words() {
        let today = month_index(date(2026, 11));
        let years = |s: &str| total_years(&spans(s, today));
        // January 2016 to November 2026: 131 months.
        assert_eq!(years("Sales Manager, Acme, since 2016"), 10.9);
        assert_eq!(years("Since March 2019: Head Chef"), 7.8);
        assert_eq!(years("2016 ~ 2019"), 3.0);
        assert_eq!(years("2016~2019"), 3.0);
        // January 2016 to March 2018: 27 months.
        assert_eq!(years("Jan '16 – Mar '18"), 2.3);
        assert_eq!(years("Jan ’16 - Present"), 10.9);
        assert_eq!(years("from 2016 till date"), 10.9);
        assert_eq!(years("2012 until 2014"), 2.0);
        assert_eq!(years("since then, 42 widgets"), 0.0);
        assert_eq!(
            stated_years("I have worked as an accountant for more than 10 years."),
            Some(10.0)
        );
        assert_eq!(
            stated_years("Studied at the same school for 4 years."),
            None
        );
    }
}
