//! The package's maps: `[Content_Types].xml` (which parts carry macros) and the `.rels`
//! relationships (where the main document, its styles, headers and footers are).

use quick_xml::events::BytesStart;

use super::xml::{attr, walk, Ns, Sink};
use super::DocxError;

/// `[Content_Types].xml`: the part types that mark macros.
#[derive(Debug, Default)]
pub(super) struct ContentTypes {
    /// Some part or extension is a VBA project.
    pub(super) macros: bool,
    /// Parts (lower case, no leading `/`) typed as macro-enabled documents.
    macro_parts: Vec<String>,
}

impl ContentTypes {
    pub(super) fn parse(xml: &[u8], max_depth: usize) -> Result<ContentTypes, DocxError> {
        struct P(ContentTypes);
        impl Sink for P {
            fn open(&mut self, _: Ns, local: &[u8], e: &BytesStart<'_>) -> Result<(), DocxError> {
                if local == b"Default" || local == b"Override" {
                    let kind = attr(e, b"ContentType")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    if kind.contains("vbaproject") {
                        self.0.macros = true;
                    }
                    if kind.contains("macroenabled") {
                        match attr(e, b"PartName") {
                            Some(part) => self
                                .0
                                .macro_parts
                                .push(part.trim_start_matches('/').to_ascii_lowercase()),
                            None => self.0.macros = true,
                        }
                    }
                }
                Ok(())
            }
            fn close(&mut self) -> Result<(), DocxError> {
                Ok(())
            }
            fn text(&mut self, _: &str) -> Result<(), DocxError> {
                Ok(())
            }
        }
        let mut p = P(ContentTypes::default());
        walk(xml, max_depth, &mut p)?;
        Ok(p.0)
    }

    pub(super) fn is_macro_part(&self, part: &str) -> bool {
        let part = part.to_ascii_lowercase();
        self.macro_parts.contains(&part)
    }
}

/// A `.rels` part: (type, target) of its internal relationships, in order.
#[derive(Debug, Default)]
pub(super) struct Relationships(Vec<(String, String)>);

impl Relationships {
    pub(super) fn parse(xml: &[u8], max_depth: usize) -> Result<Relationships, DocxError> {
        struct P(Relationships);
        impl Sink for P {
            fn open(&mut self, _: Ns, local: &[u8], e: &BytesStart<'_>) -> Result<(), DocxError> {
                if local == b"Relationship"
                    && !attr(e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"))
                {
                    if let (Some(kind), Some(target)) = (attr(e, b"Type"), attr(e, b"Target")) {
                        (self.0).0.push((kind, target));
                    }
                }
                Ok(())
            }
            fn close(&mut self) -> Result<(), DocxError> {
                Ok(())
            }
            fn text(&mut self, _: &str) -> Result<(), DocxError> {
                Ok(())
            }
        }
        let mut p = P(Relationships::default());
        walk(xml, max_depth, &mut p)?;
        Ok(p.0)
    }

    /// Targets of relationships whose type URI ends with `suffix`.
    pub(super) fn of_type<'r>(&'r self, suffix: &'r str) -> impl Iterator<Item = &'r str> + 'r {
        self.0
            .iter()
            .filter(move |(kind, _)| kind.ends_with(suffix))
            .map(|(_, target)| target.as_str())
    }
}

/// A relationship target as a part name: relative to `dir` (the source part's folder) unless
/// it starts with `/`; `.` and `..` resolved; `None` if it climbs out of the package.
pub(super) fn resolve_target(dir: &str, target: &str) -> Option<String> {
    let (base, rest) = match target.strip_prefix('/') {
        Some(abs) => ("", abs),
        None => (dir, target),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}
