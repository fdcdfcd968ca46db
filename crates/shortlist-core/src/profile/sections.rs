//! Section headers and the text under each.

use super::{Section, SectionText};

pub(super) fn section_of(line: &str) -> Option<Section> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
