//! The package's parts in reading order: content types and relationships (where the main
//! document, its styles, headers and footers are; whether it carries macros), then the text
//! of each story.

use quick_xml::events::BytesStart;

use super::maps::{resolve_target, ContentTypes, Relationships};
use super::package::Package;
use super::styles::{is_dark, is_white, on_off, shading_fills, RunProps, Styles};
use super::xml::{attr, walk, Ns, Sink};
use super::{DocxError, DocxLimits, ExtractedDocx};

const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
const REL_STYLES: &str = "/styles";
const REL_HEADER: &str = "/header";
const REL_FOOTER: &str = "/footer";

/// Under this size (half-points: 2 pt) text is unreadable, as for PDFs.
const TINY_HALF_POINTS: u32 = 4;

/// Reads the text of an opened package.
pub(crate) fn read(
    package: &mut Package<'_>,
    limits: DocxLimits,
) -> Result<ExtractedDocx, DocxError> {
    let content_types = match package.read("[Content_Types].xml")? {
        Some(xml) => ContentTypes::parse(&xml, limits.max_depth)?,
        None => ContentTypes::default(),
    };
    if content_types.macros || package.any_ends_with("vbaproject.bin") {
        return Err(DocxError::MacroEnabled);
    }

    let root_rels = match package.read("_rels/.rels")? {
        Some(xml) => Relationships::parse(&xml, limits.max_depth)?,
        None => Relationships::default(),
    };
    let main = root_rels
        .of_type(REL_OFFICE_DOCUMENT)
        .next()
        .and_then(|t| resolve_target("", t))
        .filter(|p| package.has(p))
        .unwrap_or_else(|| "word/document.xml".to_string());
    if content_types.is_macro_part(&main) {
        return Err(DocxError::MacroEnabled);
    }
    let Some(document_xml) = package.read(&main)? else {
        return Err(DocxError::MissingDocument);
    };

    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let rels = match package.read(&rels_path)? {
        Some(xml) => Relationships::parse(&xml, limits.max_depth)?,
        None => Relationships::default(),
    };
    let styles_path = rels
        .of_type(REL_STYLES)
        .next()
        .and_then(|t| resolve_target(dir, t))
        .unwrap_or_else(|| format!("{dir}/styles.xml"));
    let styles = match package.read(&styles_path)? {
        Some(xml) => Styles::parse(&xml, limits.max_depth)?,
        None => Styles::default(),
    };

    let mut out = Output::new(limits.max_text_chars);
    // Headers first (a candidate's name and contact line often sit there), then the body,
    // then the footers.
    let headers = read_stories(package, &rels, dir, REL_HEADER, &styles, limits, &mut out)?;
    out.lines.extend(headers);
    let body = read_story(&document_xml, &styles, limits, &mut out)?;
    out.lines.extend(body);
    let footers = read_stories(package, &rels, dir, REL_FOOTER, &styles, limits, &mut out)?;
    out.lines.extend(footers);
    Ok(out.finish())
}

/// The lines of every header (or footer) part, in part-name order, each distinct story once:
/// first-page, even-page and default headers often repeat one another.
fn read_stories(
    package: &mut Package<'_>,
    rels: &Relationships,
    dir: &str,
    kind: &str,
    styles: &Styles,
    limits: DocxLimits,
    out: &mut Output,
) -> Result<Vec<Line>, DocxError> {
    let mut parts: Vec<String> = rels
        .of_type(kind)
        .filter_map(|t| resolve_target(dir, t))
        .collect();
    parts.sort();
    parts.dedup();
    let mut seen: Vec<Vec<Line>> = Vec::new();
    for part in parts {
        let Some(xml) = package.read(&part)? else {
            continue;
        };
        let story = read_story(&xml, styles, limits, out)?;
        if !story.is_empty() && !seen.contains(&story) {
            seen.push(story);
        }
    }
    Ok(seen.into_iter().flatten().collect())
}

/// One line of output and whether it is a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    text: String,
    heading: bool,
}

/// The text so far, with the whole document's caps.
struct Output {
    lines: Vec<Line>,
    hidden_chars: u32,
    chars: usize,
    max_chars: usize,
}

impl Output {
    fn new(max_chars: usize) -> Output {
        Output {
            lines: Vec::new(),
            hidden_chars: 0,
            chars: 0,
            max_chars,
        }
    }

    fn finish(self) -> ExtractedDocx {
        let mut text = String::with_capacity(self.chars + self.lines.len());
        let mut heading_lines = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            if line.heading {
                heading_lines.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
            text.push_str(&line.text);
            text.push('\n');
        }
        ExtractedDocx {
            text,
            heading_lines,
            hidden_chars: self.hidden_chars,
        }
    }
}

/// Reads one story (the body, a header or a footer) into lines; hidden characters and the
/// text cap are counted in `out`.
fn read_story(
    xml: &[u8],
    styles: &Styles,
    limits: DocxLimits,
    out: &mut Output,
) -> Result<Vec<Line>, DocxError> {
    let mut story = Story {
        styles,
        out,
        lines: Vec::new(),
        frames: Vec::new(),
        paragraphs: Vec::new(),
        fills: Vec::new(),
        shape_fill_set: Vec::new(),
        page_dark: false,
    };
    walk(xml, limits.max_depth, &mut story)?;
    // A paragraph left open by a truncated story cannot happen (the walk checks nesting).
    Ok(story.lines)
}

/// What an open element is, for what its children and text mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Paragraph,
    ParagraphProps,
    Run,
    RunProps,
    /// `w:t`: its character data is text.
    Text,
    Table,
    TableProps,
    TableCell,
    TableCellProps,
    /// A shape that may paint a background behind its text box.
    Shape,
    ShapeProps,
    ShapeSolidFill,
    /// `wps:style`: the theme fill a shape takes when its properties name none.
    ShapeStyle,
    TextBox,
    /// `mc:AlternateContent`, and whether one of its choices was taken.
    Alternate {
        taken: bool,
    },
    /// A subtree that is not read (a duplicate fallback, a tracked change's old properties,
    /// a paragraph mark's properties).
    Skip,
    Other,
}

/// An open paragraph.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    outline: bool,
    filled: bool,
    /// The current run's character style and own properties.
    run_style: Option<String>,
    run: RunProps,
}

struct Story<'s, 'o> {
    styles: &'s Styles,
    out: &'o mut Output,
    lines: Vec<Line>,
    frames: Vec<Frame>,
    paragraphs: Vec<Paragraph>,
    /// One entry per open background (a table, a cell, a shape): whether it paints.
    fills: Vec<bool>,
    /// One entry per open shape: whether its own properties said how it is filled.
    shape_fill_set: Vec<bool>,
    /// `w:background` of the document is a colour.
    page_dark: bool,
}

impl Story<'_, '_> {
    fn parent(&self) -> Option<Frame> {
        self.frames.last().copied()
    }

    /// Emits the text a paragraph holds so far as lines.
    fn flush(&mut self, paragraph: &mut Paragraph) {
        let text = std::mem::take(&mut paragraph.text);
        let heading = paragraph.outline || self.styles.is_heading(paragraph.style.as_deref());
        for line in text.split('\n') {
            let line = line.trim();
            if !line.is_empty() {
                self.lines.push(Line {
                    text: line.to_string(),
                    heading,
                });
            }
        }
    }

    /// Adds text of the current run, or counts it as hidden.
    fn push(&mut self, text: &str) -> Result<(), DocxError> {
        let background = self.page_dark || self.fills.iter().any(|&f| f);
        let Some(p) = self.paragraphs.last_mut() else {
            return Ok(());
        };
        let props = self
            .styles
            .effective(p.style.as_deref(), p.run_style.as_deref(), p.run);
        let hidden = props.vanish == Some(true)
            || props.half_points.is_some_and(|hp| hp < TINY_HALF_POINTS)
            || (props.white == Some(true)
                && props.filled != Some(true)
                && !p.filled
                && !self.styles.paragraph_filled(p.style.as_deref())
                && !background);
        if hidden {
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            self.out.hidden_chars = self
                .out
                .hidden_chars
                .saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            return Ok(());
        }
        let n = text.chars().count();
        self.out.chars += n;
        if self.out.chars > self.out.max_chars {
            return Err(DocxError::TooMuchText {
                limit: self.out.max_chars,
            });
        }
        p.text.push_str(text);
        Ok(())
    }

    fn frame_for(&mut self, ns: Ns, local: &[u8], e: &BytesStart<'_>) -> Result<Frame, DocxError> {
        let parent = self.parent();
        if parent == Some(Frame::Skip) {
            return Ok(Frame::Skip);
        }
        if let Some(Frame::Alternate { taken }) = parent {
            // Take the first choice (Word's modern markup); the rest and the fallback repeat it.
            let take = ns == Ns::Mc && !taken && matches!(local, b"Choice" | b"Fallback");
            if let Some(Frame::Alternate { taken }) = self.frames.last_mut() {
                *taken |= take;
            }
            return Ok(if take { Frame::Other } else { Frame::Skip });
        }
        Ok(match (ns, local) {
            (Ns::Mc, b"AlternateContent") => Frame::Alternate { taken: false },
            (Ns::W, b"background") => {
                self.page_dark = attr(e, b"color").is_some_and(|c| is_dark(&c));
                Frame::Other
            }
            (Ns::W, b"p") => {
                if let Some(mut outer) = self.paragraphs.pop() {
                    // A text box inside a paragraph: what came before it is read first.
                    self.flush(&mut outer);
                    self.paragraphs.push(outer);
                }
                self.paragraphs.push(Paragraph::default());
                Frame::Paragraph
            }
            (Ns::W, b"pPr") if parent == Some(Frame::Paragraph) => Frame::ParagraphProps,
            (Ns::W, b"rPr" | b"pPrChange" | b"sectPr") if parent == Some(Frame::ParagraphProps) => {
                Frame::Skip
            }
            (Ns::W, _) if parent == Some(Frame::ParagraphProps) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    match local {
                        b"pStyle" => p.style = attr(e, b"val"),
                        b"outlineLvl" => {
                            p.outline = attr(e, b"val")
                                .and_then(|v| v.trim().parse::<u8>().ok())
                                .is_some_and(|l| l <= 8)
                        }
                        b"shd" => p.filled = shading_fills(e),
                        _ => {}
                    }
                }
                Frame::Other
            }
            (Ns::W, b"r") if !self.paragraphs.is_empty() => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.run_style = None;
                    p.run = RunProps::default();
                }
                Frame::Run
            }
            (Ns::W, b"rPr") if parent == Some(Frame::Run) => Frame::RunProps,
            (Ns::W, b"rPrChange") if parent == Some(Frame::RunProps) => Frame::Skip,
            (Ns::W, _) if parent == Some(Frame::RunProps) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    if local == b"rStyle" {
                        p.run_style = attr(e, b"val");
                    } else if local == b"vanish" {
                        p.run.vanish = Some(on_off(e));
                    } else {
                        p.run.apply(local, e);
                    }
                }
                Frame::Other
            }
            (Ns::W, b"t") if parent == Some(Frame::Run) => Frame::Text,
            (Ns::W, b"tab" | b"ptab") if parent == Some(Frame::Run) => {
                self.push("\t")?;
                Frame::Other
            }
            (Ns::W, b"br" | b"cr") if parent == Some(Frame::Run) => {
                self.push("\n")?;
                Frame::Other
            }
            (Ns::W, b"noBreakHyphen") if parent == Some(Frame::Run) => {
                self.push("-")?;
                Frame::Other
            }
            (Ns::W, b"tbl") => {
                self.fills.push(false);
                Frame::Table
            }
            (Ns::W, b"tblPr") if parent == Some(Frame::Table) => Frame::TableProps,
            (Ns::W, b"tblStyle") if parent == Some(Frame::TableProps) => {
                let filled = attr(e, b"val").is_some_and(|id| self.styles.table_filled(&id));
                self.set_fill(filled);
                Frame::Other
            }
            (Ns::W, b"shd") if parent == Some(Frame::TableProps) => {
                if shading_fills(e) {
                    self.set_fill(true);
                }
                Frame::Other
            }
            (Ns::W, b"tc") => {
                self.fills.push(false);
                Frame::TableCell
            }
            (Ns::W, b"tcPr") if parent == Some(Frame::TableCell) => Frame::TableCellProps,
            (Ns::W, b"shd") if parent == Some(Frame::TableCellProps) => {
                if let Some(f) = self.fills.last_mut() {
                    *f = shading_fills(e);
                }
                Frame::Other
            }
            (Ns::Wps, b"wsp") => {
                self.fills.push(false);
                self.shape_fill_set.push(false);
                Frame::Shape
            }
            (Ns::Wps, b"spPr") if parent == Some(Frame::Shape) => Frame::ShapeProps,
            (Ns::A, b"noFill") if parent == Some(Frame::ShapeProps) => {
                self.set_fill(false);
                self.mark_shape_fill_set();
                Frame::Other
            }
            (Ns::A, b"solidFill" | b"gradFill" | b"blipFill" | b"pattFill")
                if parent == Some(Frame::ShapeProps) =>
            {
                self.mark_shape_fill_set();
                if local != b"solidFill" {
                    self.set_fill(true);
                }
                Frame::ShapeSolidFill
            }
            (Ns::Wps, b"style") if parent == Some(Frame::Shape) => Frame::ShapeStyle,
            (Ns::A, b"fillRef") if parent == Some(Frame::ShapeStyle) => {
                // A theme fill (idx 1–3 are the theme's fills; 0 is none).
                if !self.shape_fill_set.last().copied().unwrap_or(true) {
                    let theme = attr(e, b"idx").is_some_and(|i| i.trim() != "0");
                    self.set_fill(theme);
                }
                Frame::Other
            }
            (Ns::A, b"srgbClr") if parent == Some(Frame::ShapeSolidFill) => {
                let dark = attr(e, b"val").is_some_and(|c| is_dark(&c));
                self.set_fill(dark);
                Frame::Other
            }
            (Ns::A, b"schemeClr") if parent == Some(Frame::ShapeSolidFill) => {
                let light = attr(e, b"val").is_some_and(|c| matches!(c.as_str(), "bg1" | "lt1"));
                self.set_fill(!light);
                Frame::Other
            }
            (Ns::V, b"shape" | b"rect" | b"roundrect" | b"oval") => {
                let filled = !matches!(attr(e, b"filled").as_deref(), Some("f" | "false"))
                    && attr(e, b"fillcolor").is_some_and(|c| {
                        let c = c.trim_start_matches('#');
                        !c.eq_ignore_ascii_case("white") && !is_white(c)
                    });
                self.fills.push(filled);
                self.shape_fill_set.push(true);
                Frame::Shape
            }
            (Ns::W, b"txbxContent") => Frame::TextBox,
            (Ns::W, b"del" | b"moveFrom" | b"instrText" | b"delText" | b"delInstrText") => {
                Frame::Skip
            }
            _ => Frame::Other,
        })
    }

    fn mark_shape_fill_set(&mut self) {
        if let Some(set) = self.shape_fill_set.last_mut() {
            *set = true;
        }
    }

    fn set_fill(&mut self, filled: bool) {
        if let Some(f) = self.fills.last_mut() {
            *f = filled;
        }
    }
}

impl Sink for Story<'_, '_> {
    fn open(&mut self, ns: Ns, local: &[u8], e: &BytesStart<'_>) -> Result<(), DocxError> {
        let frame = self.frame_for(ns, local, e)?;
        self.frames.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), DocxError> {
        match self.frames.pop() {
            Some(Frame::Paragraph) => {
                if let Some(mut p) = self.paragraphs.pop() {
                    self.flush(&mut p);
                }
            }
            Some(Frame::Table | Frame::TableCell) => {
                self.fills.pop();
            }
            Some(Frame::Shape) => {
                self.fills.pop();
                self.shape_fill_set.pop();
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), DocxError> {
        if self.parent() == Some(Frame::Text) {
            self.push(text)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_inside_the_package() {
        assert_eq!(
            resolve_target("word", "header1.xml").as_deref(),
            Some("word/header1.xml")
        );
        assert_eq!(
            resolve_target("word", "/word/footer2.xml").as_deref(),
            Some("word/footer2.xml")
        );
        assert_eq!(
            resolve_target("word", "../customXml/item1.xml").as_deref(),
            Some("customXml/item1.xml")
        );
        assert_eq!(
            resolve_target("", "word/document.xml").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(resolve_target("word", "../../etc/passwd"), None);
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml""#;

    fn body(xml: &str) -> (Vec<String>, u32) {
        body_styled(xml, "")
    }

    fn body_styled(xml: &str, styles: &str) -> (Vec<String>, u32) {
        let styles = format!("<w:styles {W}>{styles}</w:styles>");
        let styles = Styles::parse(styles.as_bytes(), 64).unwrap();
        let doc = format!("<w:document {W}><w:body>{xml}</w:body></w:document>");
        let mut out = Output::new(10_000);
        let lines = read_story(doc.as_bytes(), &styles, DocxLimits::default(), &mut out).unwrap();
        (
            lines.into_iter().map(|l| l.text).collect(),
            out.hidden_chars,
        )
    }

    #[test]
    fn alternate_content_is_read_once() {
        let (lines, _) = body(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>after</w:t></w:r></w:p>"#,
        );
        assert_eq!(lines, ["In the box", "after"]);
    }

    #[test]
    fn white_text_counts_as_hidden_only_without_a_fill() {
        let white =
            r#"<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>python kubernetes</w:t></w:r>"#;
        let (lines, hidden) = body(&format!("<w:p>{white}</w:p>"));
        assert!(lines.is_empty());
        assert_eq!(hidden, 16);
        // White on a dark table cell (a designed sidebar) is visible.
        let (lines, hidden) = body(&format!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr><w:p>{white}</w:p></w:tc></w:tr></w:tbl>"#
        ));
        assert_eq!((lines, hidden), (vec!["python kubernetes".to_string()], 0));
        // ... and in a filled shape.
        let (lines, _) = body(&format!(
            r#"<w:p><w:r><w:drawing><wps:wsp><wps:spPr><a:solidFill><a:srgbClr val="203040"/></a:solidFill></wps:spPr><wps:txbx><w:txbxContent><w:p>{white}</w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r></w:p>"#
        ));
        assert_eq!(lines, ["python kubernetes"]);
        // A vanish switched off is visible; tiny text is not.
        let (lines, hidden) = body(
            r#"<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t>tiny</w:t></w:r></w:p>"#,
        );
        assert_eq!((lines, hidden), (vec!["shown".to_string()], 4));
    }

    #[test]
    fn white_text_on_theme_filled_shapes_styled_tables_and_shaded_paragraphs_is_visible() {
        let white = r#"<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>sidebar</w:t></w:r>"#;
        let shape = |sp_pr: &str| {
            format!(
                r#"<w:p><w:r><w:drawing><wps:wsp><wps:spPr>{sp_pr}</wps:spPr><wps:style><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef></wps:style><wps:txbx><w:txbxContent><w:p>{white}</w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r></w:p>"#
            )
        };
        // The theme fills a shape whose own properties name no fill...
        assert_eq!(body(&shape("")), (vec!["sidebar".to_string()], 0));
        // ... but not one whose properties say "no fill".
        assert_eq!(body(&shape("<a:noFill/>")), (vec![], 7));
        let styles = r#"<w:style w:type="table" w:styleId="GridDark"><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr></w:tblStylePr></w:style>
            <w:style w:type="table" w:styleId="Plain"><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Banner"><w:pPr><w:shd w:val="clear" w:fill="000000"/></w:pPr></w:style>"#;
        let table = |style: &str| {
            format!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr><w:tr><w:tc><w:p>{white}</w:p></w:tc></w:tr></w:tbl>"#
            )
        };
        assert_eq!(
            body_styled(&table("GridDark"), styles),
            (vec!["sidebar".to_string()], 0)
        );
        assert_eq!(body_styled(&table("Plain"), styles), (vec![], 7));
        assert_eq!(
            body_styled(
                &format!(r#"<w:p><w:pPr><w:pStyle w:val="Banner"/></w:pPr>{white}</w:p>"#),
                styles
            ),
            (vec!["sidebar".to_string()], 0)
        );
        // After the table, white text is hidden again.
        assert_eq!(
            body_styled(&format!("{}<w:p>{white}</w:p>", table("GridDark")), styles),
            (vec!["sidebar".to_string()], 7)
        );
    }

    #[test]
    fn tracked_deletions_field_codes_and_paragraph_marks_are_not_text() {
        let (lines, hidden) = body(
            r#"<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t xml:space="preserve"> text</w:t><w:tab/><w:t>2020</w:t><w:br/><w:t>next line</w:t></w:r></w:p>"#,
        );
        assert_eq!(lines, ["new text\t2020", "next line"]);
        assert_eq!(hidden, 0);
    }
}
