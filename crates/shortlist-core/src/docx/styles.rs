//! `word/styles.xml`: which paragraph styles are headings, and the run properties that can hide
//! text (vanish, colour, size, shading), with their inheritance (`w:basedOn`).

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{attr, Ns, Sink};
use super::DocxError;

/// Most `w:basedOn` hops followed (Word itself nests a handful; a cycle stops here too).
const MAX_CHAIN: usize = 16;

/// Run properties that decide whether text is visible; `None` is "not set here".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RunProps {
    /// `w:vanish`.
    pub vanish: Option<bool>,
    /// `w:color` is white or nearly (`Some(false)` for any other colour or `auto`).
    pub white: Option<bool>,
    /// `w:sz`, in half-points.
    pub half_points: Option<u32>,
    /// The run has a visible background of its own (`w:shd` fill, `w:highlight`).
    pub filled: Option<bool>,
}

impl RunProps {
    /// `self` with what `over` sets laid on top.
    pub(crate) fn then(self, over: RunProps) -> RunProps {
        RunProps {
            vanish: over.vanish.or(self.vanish),
            white: over.white.or(self.white),
            half_points: over.half_points.or(self.half_points),
            filled: over.filled.or(self.filled),
        }
    }

    /// Applies one child element of a `w:rPr`.
    pub(crate) fn apply(&mut self, local: &[u8], e: &BytesStart<'_>) {
        match local {
            b"vanish" => self.vanish = Some(on_off(e)),
            b"color" => self.white = Some(attr(e, b"val").is_some_and(|v| is_white(&v))),
            b"sz" => {
                if let Some(v) = attr(e, b"val").and_then(|v| v.trim().parse::<u32>().ok()) {
                    self.half_points = Some(v);
                }
            }
            b"shd" => self.filled = Some(shading_fills(e)),
            b"highlight" => {
                self.filled =
                    Some(attr(e, b"val").is_some_and(|v| !matches!(v.as_str(), "none" | "white")))
            }
            _ => {}
        }
    }
}

/// A toggle property: on unless `w:val` says 0, false or off.
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "False" | "FALSE")
    )
}

/// A hex colour that a reader cannot tell from white paper (each channel at least 0xF0, as for
/// PDFs); `auto` and theme-only colours are not white.
pub(crate) fn is_white(hex: &str) -> bool {
    let hex = hex.trim();
    if hex.len() != 6 || !hex.is_ascii() {
        return false;
    }
    (0..3).all(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).is_ok_and(|c| c >= 0xF0))
}

/// Whether a colour attribute value is a visible, non-white colour.
pub(crate) fn is_dark(value: &str) -> bool {
    let v = value.trim();
    !(v.is_empty() || v.eq_ignore_ascii_case("auto") || v.eq_ignore_ascii_case("none"))
        && !is_white(v)
}

/// Whether a `w:shd` paints a background: a solid pattern in `w:color`, otherwise `w:fill`.
pub(crate) fn shading_fills(e: &BytesStart<'_>) -> bool {
    let pattern = attr(e, b"val").unwrap_or_default();
    match pattern.as_str() {
        "nil" => false,
        "solid" => attr(e, b"color").is_some_and(|c| is_dark(&c)),
        _ => attr(e, b"fill").is_some_and(|c| is_dark(&c)),
    }
}

/// Whether a style's ID or name is one of Word's headings or the title.
fn heading_name(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    let l = l.replace(' ', "");
    l == "title"
        || l.strip_prefix("heading")
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
}

#[derive(Debug, Clone, Default)]
struct Style {
    paragraph: bool,
    based_on: Option<String>,
    /// Named or outlined as a heading itself.
    heading: bool,
    props: RunProps,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    defaults: RunProps,
    default_paragraph: Option<String>,
    default_character: Option<String>,
}

impl Styles {
    /// Parses `word/styles.xml`.
    pub(crate) fn parse(xml: &[u8], max_depth: usize) -> Result<Styles, DocxError> {
        let mut p = Parser::default();
        super::xml::walk(xml, max_depth, &mut p)?;
        Ok(p.styles)
    }

    /// The chain of styles from `id` up its `w:basedOn`, nearest first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        let mut seen = 0;
        std::iter::from_fn(move || {
            let style = self.styles.get(next?)?;
            seen += 1;
            if seen > MAX_CHAIN {
                return None;
            }
            next = style.based_on.as_deref();
            Some(style)
        })
    }

    /// The paragraph style a paragraph has (`w:pStyle`, else the default one).
    pub(crate) fn paragraph_style<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.or(self.default_paragraph.as_deref())
    }

    /// Whether paragraphs of style `id` (or the default) are headings: the style or one it is
    /// based on is `Heading1`…`Heading9` or `Title` (by ID or name) or has an outline level.
    pub(crate) fn is_heading(&self, id: Option<&str>) -> bool {
        self.chain(self.paragraph_style(id)).any(|s| s.heading)
    }

    /// The run properties of a run: defaults, the paragraph style's chain, the character
    /// style's chain, then the run's own.
    pub(crate) fn effective(
        &self,
        paragraph_style: Option<&str>,
        character_style: Option<&str>,
        direct: RunProps,
    ) -> RunProps {
        let mut props = self.defaults;
        let para: Vec<&Style> = self.chain(self.paragraph_style(paragraph_style)).collect();
        for s in para.iter().rev() {
            props = props.then(s.props);
        }
        let chars: Vec<&Style> = self
            .chain(character_style.or(self.default_character.as_deref()))
            .filter(|s| !s.paragraph)
            .collect();
        for s in chars.iter().rev() {
            props = props.then(s.props);
        }
        props.then(direct)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Style,
    RunPropsDefault,
    DefaultRunProps,
    StyleRunProps,
    StyleParagraphProps,
    Skip,
    Other,
}

#[derive(Default)]
struct Parser {
    styles: Styles,
    frames: Vec<Frame>,
    /// The style being read: its ID and contents.
    current: Option<(String, Style)>,
}

impl Parser {
    fn parent(&self) -> Option<Frame> {
        self.frames.last().copied()
    }
}

impl Sink for Parser {
    fn open(&mut self, ns: Ns, local: &[u8], e: &BytesStart<'_>) -> Result<(), DocxError> {
        let parent = self.parent();
        if parent == Some(Frame::Skip) {
            self.frames.push(Frame::Skip);
            return Ok(());
        }
        let frame = match (ns, local, parent) {
            (Ns::W, b"style", _) => {
                let kind = attr(e, b"type").unwrap_or_else(|| "paragraph".into());
                let id = attr(e, b"styleId").unwrap_or_default();
                let default = attr(e, b"default").is_some_and(|v| v == "1" || v == "true");
                match kind.as_str() {
                    "paragraph" | "character" => {
                        let paragraph = kind == "paragraph";
                        if default && paragraph {
                            self.styles.default_paragraph = Some(id.clone());
                        } else if default {
                            self.styles.default_character = Some(id.clone());
                        }
                        let style = Style {
                            paragraph,
                            heading: paragraph && heading_name(&id),
                            ..Style::default()
                        };
                        self.current = Some((id, style));
                        Frame::Style
                    }
                    _ => Frame::Skip,
                }
            }
            (Ns::W, b"rPrDefault", _) => Frame::RunPropsDefault,
            (Ns::W, b"rPr", Some(Frame::RunPropsDefault)) => Frame::DefaultRunProps,
            (Ns::W, b"rPr", Some(Frame::Style)) => Frame::StyleRunProps,
            (Ns::W, b"pPr", Some(Frame::Style)) => Frame::StyleParagraphProps,
            (Ns::W, b"name", Some(Frame::Style)) => {
                if let (Some((_, style)), Some(name)) = (self.current.as_mut(), attr(e, b"val")) {
                    style.heading |= style.paragraph && heading_name(&name);
                }
                Frame::Other
            }
            (Ns::W, b"basedOn", Some(Frame::Style)) => {
                if let Some((_, style)) = self.current.as_mut() {
                    style.based_on = attr(e, b"val");
                }
                Frame::Other
            }
            (Ns::W, b"outlineLvl", Some(Frame::StyleParagraphProps)) => {
                if let Some((_, style)) = self.current.as_mut() {
                    let level = attr(e, b"val").and_then(|v| v.trim().parse::<u8>().ok());
                    style.heading |= style.paragraph && level.is_some_and(|l| l <= 8);
                }
                Frame::Other
            }
            (Ns::W, _, Some(Frame::StyleRunProps)) => {
                if let Some((_, style)) = self.current.as_mut() {
                    style.props.apply(local, e);
                }
                Frame::Other
            }
            (Ns::W, _, Some(Frame::DefaultRunProps)) => {
                self.styles.defaults.apply(local, e);
                Frame::Other
            }
            (Ns::W, b"pPrChange" | b"rPrChange", _) => Frame::Skip,
            _ => Frame::Other,
        };
        self.frames.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), DocxError> {
        if self.frames.pop() == Some(Frame::Style) {
            if let Some((id, style)) = self.current.take() {
                self.styles.styles.insert(id, style);
            }
        }
        Ok(())
    }

    fn text(&mut self, _: &str) -> Result<(), DocxError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn styles(body: &str) -> Styles {
        let xml = format!("<w:styles {W}>{body}</w:styles>");
        Styles::parse(xml.as_bytes(), 64).unwrap()
    }

    #[test]
    fn headings_by_id_name_outline_and_inheritance() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
               <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
               <w:style w:type="paragraph" w:styleId="SectionTitle"><w:basedOn w:val="berschrift1"/></w:style>
               <w:style w:type="paragraph" w:styleId="Outlined"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="BodyLevel"><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="Title"/>
               <w:style w:type="paragraph" w:styleId="Heading10"/>
               <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
               <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
               <w:style w:type="character" w:styleId="Heading1Char"/>"#,
        );
        assert!(s.is_heading(Some("berschrift1")));
        assert!(s.is_heading(Some("SectionTitle")));
        assert!(s.is_heading(Some("Outlined")));
        assert!(s.is_heading(Some("Title")));
        assert!(!s.is_heading(Some("BodyLevel")));
        assert!(!s.is_heading(Some("Heading10")));
        assert!(!s.is_heading(None));
        assert!(!s.is_heading(Some("Unknown")));
        assert!(!s.is_heading(Some("LoopA")), "a basedOn cycle ends");
        assert!(
            !s.is_heading(Some("Heading1Char")),
            "character styles are not headings"
        );
    }

    #[test]
    fn run_properties_cascade() {
        let s = styles(
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
               <w:style w:type="paragraph" w:styleId="Ghost"><w:rPr><w:color w:val="FFFFFF"/></w:rPr></w:style>
               <w:style w:type="paragraph" w:styleId="Tiny"><w:basedOn w:val="Ghost"/><w:rPr><w:sz w:val="2"/></w:rPr></w:style>
               <w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style>"#,
        );
        let plain = s.effective(None, None, RunProps::default());
        assert_eq!(plain.half_points, Some(22));
        assert_eq!(plain.white, None);
        let tiny = s.effective(Some("Tiny"), None, RunProps::default());
        assert_eq!((tiny.white, tiny.half_points), (Some(true), Some(2)));
        let secret = s.effective(None, Some("Secret"), RunProps::default());
        assert_eq!(secret.vanish, Some(true));
        let shown = s.effective(
            None,
            Some("Secret"),
            RunProps {
                vanish: Some(false),
                ..RunProps::default()
            },
        );
        assert_eq!(shown.vanish, Some(false));
    }

    #[test]
    fn colours() {
        assert!(is_white("FFFFFF") && is_white("f5f5f5"));
        assert!(!is_white("auto") && !is_white("EFFFFF") && !is_white("FFF"));
        assert!(is_dark("1F3864") && !is_dark("auto") && !is_dark("FFFFFF"));
    }
}
