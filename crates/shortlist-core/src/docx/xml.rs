//! A bounded XML walk over one part: namespaces resolved, DOCTYPE refused, depth capped,
//! entities limited to XML's five and character references.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::DocxError;

/// The namespaces the reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Word shapes (`wps:wsp`, `wps:spPr`).
    Wps,
    /// DrawingML (`a:solidFill`, colours).
    A,
    /// VML (legacy shapes).
    V,
    /// Anything else, or none.
    Other,
}

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => Ns::Wps,
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        b"urn:schemas-microsoft-com:vml" => Ns::V,
        _ => Ns::Other,
    }
}

/// What a walk reports.
pub(crate) trait Sink {
    /// An element opens (an empty element opens and closes at once).
    fn open(&mut self, ns: Ns, local: &[u8], element: &BytesStart<'_>) -> Result<(), DocxError>;
    /// The innermost open element closes.
    fn close(&mut self) -> Result<(), DocxError>;
    /// Character data inside the innermost open element.
    fn text(&mut self, text: &str) -> Result<(), DocxError>;
}

/// The value of the attribute with this local name (any prefix), unescaped.
pub(crate) fn attr(element: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

const MALFORMED: DocxError = DocxError::Damaged {
    what: "one of its XML parts is malformed",
};

/// Walks `xml` (UTF-8, an optional byte-order mark) into `sink`.
pub(crate) fn walk(xml: &[u8], max_depth: usize, sink: &mut impl Sink) -> Result<(), DocxError> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    let text = std::str::from_utf8(xml).map_err(|_| DocxError::Damaged {
        what: "one of its XML parts is not UTF-8",
    })?;
    let mut reader = NsReader::from_str(text);
    let mut depth = 0usize;
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(|_| MALFORMED)?;
        let ns = match resolved {
            ResolveResult::Bound(uri) => ns_of(uri.as_ref().as_bytes()),
            _ => Ns::Other,
        };
        match event {
            Event::DocType(_) => return Err(DocxError::Doctype),
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(DocxError::TooDeep { limit: max_depth });
                }
                sink.open(ns, e.local_name().as_ref().as_bytes(), &e)?;
            }
            Event::Empty(e) => {
                if depth + 1 > max_depth {
                    return Err(DocxError::TooDeep { limit: max_depth });
                }
                sink.open(ns, e.local_name().as_ref().as_bytes(), &e)?;
                sink.close()?;
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or(MALFORMED)?;
                sink.close()?;
            }
            Event::Text(t) => {
                if depth > 0 {
                    sink.text(&t.xml10_content())?;
                }
            }
            Event::CData(c) => {
                if depth > 0 {
                    sink.text(&c.into_inner())?;
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or(MALFORMED)?
                        .to_string(),
                    Err(_) => return Err(MALFORMED),
                };
                if depth > 0 {
                    sink.text(&resolved)?;
                }
            }
            Event::Eof => {
                return if depth == 0 { Ok(()) } else { Err(MALFORMED) };
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        text: String,
        opened: usize,
    }

    impl Sink for Collect {
        fn open(&mut self, _: Ns, _: &[u8], _: &BytesStart<'_>) -> Result<(), DocxError> {
            self.opened += 1;
            Ok(())
        }
        fn close(&mut self) -> Result<(), DocxError> {
            Ok(())
        }
        fn text(&mut self, text: &str) -> Result<(), DocxError> {
            self.text.push_str(text);
            Ok(())
        }
    }

    fn run(xml: &str, depth: usize) -> Result<Collect, DocxError> {
        let mut c = Collect::default();
        walk(xml.as_bytes(), depth, &mut c).map(|()| c)
    }

    #[test]
    fn predefined_and_character_references_only() {
        let c = run("<a>x &amp; y &#x41;&#66;<b/></a>", 8).unwrap();
        assert_eq!(c.text, "x & y AB");
        assert_eq!(c.opened, 2);
        assert_eq!(run("<a>&custom;</a>", 8).err(), Some(MALFORMED));
    }

    #[test]
    fn doctype_is_refused_before_any_entity() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>"#;
        assert_eq!(run(bomb, 8).err(), Some(DocxError::Doctype));
    }

    #[test]
    fn depth_is_capped_for_open_and_empty_elements() {
        assert!(run("<a><b><c/></b></a>", 3).is_ok());
        assert_eq!(
            run("<a><b><c/></b></a>", 2).err(),
            Some(DocxError::TooDeep { limit: 2 })
        );
        assert_eq!(
            run("<a><b><c></c></b></a>", 2).err(),
            Some(DocxError::TooDeep { limit: 2 })
        );
    }

    #[test]
    fn truncated_and_mismatched_xml_is_damaged() {
        assert_eq!(run("<a><b></a>", 8).err(), Some(MALFORMED));
        assert_eq!(run("<a><b>", 8).err(), Some(MALFORMED));
        assert!(run("\u{feff}<a/>", 8).is_ok());
    }
}
