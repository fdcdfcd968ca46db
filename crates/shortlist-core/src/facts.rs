//! Facts read from job and resume text alike: degree levels and stated numbers of years.
//!
//! The layer job parsing ([`crate::jd`]) and resume parsing ([`crate::profile`]) share, so that
//! neither imports the other. Pure functions over text; they never panic on any input.

use serde::{Deserialize, Serialize};

/// Education levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    // Degrees of the health and care professions go by their letters ("BSN", "MSN", "DNP").
    if has(
        &[
            "phd",
            "dphil",
            "doctorate",
            "dnp",
            "edd",
            "pharmd",
            "dpt",
            "博士",
        ],
        &["md"],
    ) || has_phrase(&["doctor of", "ph.d"])
    {
        Some(DegreeLevel::Doctorate)
    } else if has(
        &[
            "msc", "mba", "meng", "mphil", "mres", "mtech", "mca", "mcom", "llm", "pgdm", "pgdba",
            "msn", "mph", "mha", "msw", "mpa", "msed", "magister", "diplom", "硕士",
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
            "bsn", "bsw", "bsba", "licence", "学士", "本科",
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
    } else if has(&["adn", "asn", "aas"], &[])
        || has_phrase(&["associate degree", "associate of", "associate in"])
    {
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
        // Before "diploma": a "High School Diploma" was read as an associate degree.
        Some(DegreeLevel::HighSchool)
    } else if has_phrase(&["diploma"]) {
        Some(DegreeLevel::Associate)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nursing_and_care_degrees_by_their_letters_are_degrees() {
        for (line, level) in [
            (
                "BSN, University of Texas at Austin, 2017",
                DegreeLevel::Bachelor,
            ),
            ("B.S.N., Rush University", DegreeLevel::Bachelor),
            ("RN, BSN", DegreeLevel::Bachelor),
            ("MSN, Family Nurse Practitioner", DegreeLevel::Master),
            ("M.S.N. Nursing Education", DegreeLevel::Master),
            ("MPH, Emory University", DegreeLevel::Master),
            ("MSW, clinical social work", DegreeLevel::Master),
            ("DNP, Johns Hopkins", DegreeLevel::Doctorate),
            ("ADN, Austin Community College", DegreeLevel::Associate),
            ("BSW, Portland State", DegreeLevel::Bachelor),
        ] {
            assert_eq!(degree_in(line), Some(level), "{line}");
        }
        // The review's defect: a high-school diploma was read as an associate degree.
        assert_eq!(
            degree_in("Education: High School Diploma, Lincoln High"),
            Some(DegreeLevel::HighSchool)
        );
        assert_eq!(
            degree_in("Diploma in Nursing, 2012"),
            Some(DegreeLevel::Associate)
        );
        // A licence is not a degree; "MD" alone is a state.
        assert_eq!(degree_in("RN, licensed in Texas"), None);
        assert_eq!(degree_in("Baltimore, MD"), None);
        assert_eq!(
            degree_in("M.D., Harvard Medical School"),
            Some(DegreeLevel::Doctorate)
        );
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
}
