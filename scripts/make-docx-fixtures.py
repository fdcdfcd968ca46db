#!/usr/bin/env python3
"""Regenerate the committed Word fixtures in tests/fixtures/docx (Python standard library only).

    python3 scripts/make-docx-fixtures.py

good/  resumes as Word writes them (hand-written WordprocessingML: styles, tables, text boxes
       with their VML fallback, headers, footers, fields, hidden runs). Every person is fictional;
       emails are @example.*, phone numbers are from the ranges kept for drama.
bad/   one hostile or unreadable file per error kind of crates/shortlist-core/src/docx.

Output is deterministic: fixed timestamps and attributes on every zip entry, entries in a fixed
order, no randomness (the filler of the big files comes from a fixed hash chain), so running it
again gives the same bytes with the same zlib. The tests (crates/shortlist-core/tests/it/docx.rs)
assert on the text written here.
"""
import hashlib
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "docx"
STAMP = (1980, 1, 1, 0, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --- WordprocessingML -------------------------------------------------------------------------

def run(text, props=""):
    """A run; `\\t` and `\\n` in text become w:tab and w:br."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def para(*runs, style=None, ppr=""):
    """A paragraph of runs (plain strings are runs without properties)."""
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
    return f"<w:p>{props}{body}</w:p>"


def cell(*paras, fill=None, width=3000):
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>{"".join(paras)}</w:tc>'


def table(*rows):
    grid = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>'
    body = "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>{grid}{body}</w:tbl>'


def text_box(*paras):
    """A floating text box as Word 2010+ writes it: the shape, and a VML copy as fallback."""
    content = f"<w:txbxContent>{''.join(paras)}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:extent cx="2000000" cy="900000"/>'
        '<wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        '<a:ln><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="tb1" style="width:160pt;height:70pt" filled="f">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def page_field():
    """A PAGE field: its code is not text, its last result (1) is."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def document(body, sect=""):
    return (
        f"{XML_DECL}<w:document {NAMESPACES}><w:body>{body}"
        f'<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )


def story(tag, body):
    return f"{XML_DECL}<w:{tag} {NAMESPACES}>{body}</w:{tag}>"


def style(kind, style_id, name, based_on=None, ppr="", rpr="", default=False):
    d = ' w:default="1"' if default else ""
    b = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    p = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    r = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"{d}><w:name w:val="{name}"/>{b}{p}{r}</w:style>'


BASE_STYLES = [
    style("paragraph", "Normal", "Normal", default=True, rpr='<w:sz w:val="22"/>'),
    style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True),
    style("paragraph", "Title", "Title", "Normal", rpr='<w:sz w:val="48"/>'),
    style("paragraph", "Heading1", "heading 1", "Normal", ppr='<w:outlineLvl w:val="0"/>',
          rpr='<w:b/><w:sz w:val="28"/>'),
    style("paragraph", "Heading2", "heading 2", "Normal", ppr='<w:outlineLvl w:val="1"/>',
          rpr='<w:b/><w:sz w:val="24"/>'),
    style("paragraph", "ListBullet", "List Bullet", "Normal"),
]


def styles(*extra):
    defaults = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"/><w:sz w:val="22"/>'
        "</w:rPr></w:rPrDefault></w:docDefaults>"
    )
    return f"{XML_DECL}<w:styles {NAMESPACES}>{defaults}{''.join(BASE_STYLES + list(extra))}</w:styles>"


# --- the package ------------------------------------------------------------------------------

def content_types(overrides, defaults=()):
    d = [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
         ("xml", "application/xml"), *defaults]
    parts = [f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in d]
    parts += [f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides]
    return (f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f"{''.join(parts)}</Types>")


def rels(items):
    body = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/{t}" Target="{target}"/>'
                   for i, (t, target) in enumerate(items))
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def write_zip(path, entries, method=zipfile.ZIP_DEFLATED):
    """Entries in order, each with the same fixed date and attributes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = method
            info.create_system = 0
            info.external_attr = 0
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(info, data, compress_type=method, compresslevel=9)


def docx(path, body, extra_styles=(), headers=(), footers=(), main_type=MAIN_TYPE, extra=()):
    """A complete package: content types, relationships, styles, the body, headers, footers."""
    overrides = [("word/document.xml", main_type),
                 ("word/styles.xml",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")]
    doc_rels = [("styles", "styles.xml")]
    parts = []
    for kind, stories in (("header", headers), ("footer", footers)):
        for i, xml in enumerate(stories, 1):
            name = f"{kind}{i}.xml"
            overrides.append((f"word/{name}",
                              f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"))
            doc_rels.append((kind, name))
            parts.append((f"word/{name}", xml))
    entries = [
        ("[Content_Types].xml", content_types(overrides)),
        ("_rels/.rels", rels([("officeDocument", "word/document.xml")])),
        ("word/document.xml", body),
        ("word/_rels/document.xml.rels", rels(doc_rels)),
        ("word/styles.xml", styles(*extra_styles)),
        *parts,
        *extra,
    ]
    write_zip(path, entries)


def filler(n):
    """n deterministic bytes that do not compress (a SHA-256 chain)."""
    out = bytearray()
    block = b"shortlist docx fixtures"
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:n])


# --- good resumes -----------------------------------------------------------------------------

def plain():
    body = "".join([
        para("Nadia Varga", style="Title"),
        para("nadia.varga@example.com | +44 20 7946 0321 | Leeds, United Kingdom"),
        para("Summary", style="Heading1"),
        para("Payroll specialist with nine years of UK payroll for 500+ employees across three "
             "sites, month-end close & HMRC RTI submissions."),
        para("Experience", style="Heading1"),
        para("Senior Payroll Analyst, Calder Foods Ltd\tMarch 2019 – Present"),
        para("Ran weekly and monthly payroll for 640 employees; cut correction runs by 40%.",
             style="ListBullet"),
        para("Led the move from Sage 50 to Sage Payroll Cloud.", style="ListBullet"),
        para("Payroll Officer, Wharfe Logistics\tJune 2015 – February 2019"),
        para("Processed starters, leavers and statutory sick pay.", style="ListBullet"),
        para("Education", style="Heading1"),
        para("BA (Hons) Accounting and Finance, University of Leeds, 2015"),
        para("Skills", style="Heading1"),
        para("Sage Payroll, Excel (pivot tables, XLOOKUP), HMRC RTI,\npensions auto-enrolment, "
             "CIPP Foundation Degree"),
    ])
    docx(OUT / "good" / "plain.docx", document(body))


def two_column():
    # A layout table: section headings on the left (a custom style based on Heading 2, and a
    # Dutch "Kop1" named "heading 1"), content on the right; the first row is a dark banner
    # with white text, which is visible.
    white = '<w:color w:val="FFFFFF"/>'
    rows = [
        [cell(para(run("Tomasz Ilunga", white), style="Title"), fill="1F3864"),
         cell(para(run("tomasz.ilunga@example.net · 0161 496 0734 · Manchester", white)),
              fill="1F3864", width=6000)],
        [cell(para("Profile", style="SectionHead")),
         cell(para("Warehouse operations lead with nine years in high-volume distribution."),
              width=6000)],
        [cell(para("Experience", style="SectionHead")),
         cell(para("Shift Manager, Northgate Distribution"),
              para("January 2020 – Present"),
              para("Led a team of 24 pickers and 6 drivers; on-time dispatch up from 91% to 98%."),
              para("Team Leader, Harbour Freight"),
              para("2016 – 2019"),
              width=6000)],
        [cell(para("Education", style="SectionHead")),
         cell(para("NVQ Level 4 in Logistics Operations Management, 2015"), width=6000)],
        [cell(para("Skills", style="Kop1")),
         cell(para("Manhattan WMS, SAP EWM, counterbalance forklift licence, lean, 5S"),
              width=6000)],
    ]
    extra_styles = [
        style("paragraph", "SectionHead", "Section Head", "Heading2", rpr='<w:caps/>'),
        style("paragraph", "Kop1", "heading 1", "Normal"),
    ]
    body = table(*rows) + para("Available from March 2027.")
    docx(OUT / "good" / "two-column.docx", document(body), extra_styles)


def textbox_header_footer():
    header = story("hdr", para("Amara Castellanos", style="Title")
                   + para("amara.castellanos@example.org · +1 555 0142 · Austin, TX"))
    footer = story("ftr", para("References available on request · Page ", page_field()))
    body = "".join([
        para("Summary", style="Heading1"),
        para("Registered nurse with seven years in emergency and urgent care."),
        para(text_box(para("Skills", style="Heading2"),
                      para("Triage, Epic EHR, IV therapy, ACLS, patient education"))),
        para("Experience", style="Heading1"),
        para("Charge Nurse, St. Brigid Medical Center\t2021 – Present"),
        para("Staff Nurse, Lakeview Urgent Care\t2017 – 2021"),
        para("Education", style="Heading1"),
        para("BSN, University of Texas at Austin, 2017"),
    ])
    sect = '<w:headerReference w:type="default" r:id="rId2"/><w:headerReference w:type="first" r:id="rId3"/>'
    # The first-page header repeats the default one: read once.
    docx(OUT / "good" / "textbox-header-footer.docx", document(body, sect),
         headers=[header, header], footers=[footer])


HIDDEN_VANISH = "Python Kubernetes Terraform AWS"
HIDDEN_WHITE = "machine learning expert"
HIDDEN_TINY = "Stanford MIT Google"
HIDDEN_STYLED = "CEO founder Harvard"


def hidden_text():
    body = "".join([
        para("Jonah Whitfield-Osei", style="Title"),
        para("jonah.whitfield@example.com · +44 113 496 0288"),
        para("Experience", style="Heading1"),
        para("Junior Data Analyst, Aire Insurance\tSeptember 2023 – Present",
             run(" " + HIDDEN_VANISH, "<w:vanish/>")),
        para("Built weekly claims dashboards in Power BI.",
             run(" " + HIDDEN_WHITE, '<w:color w:val="FFFFFF"/>')),
        para("Education", style="Heading1"),
        para("BSc Mathematics, University of Hull, 2023", run(" " + HIDDEN_TINY, '<w:sz w:val="2"/>')),
        para(HIDDEN_STYLED, style="Keywords"),
        # Shown despite a hiding style: the run switches vanish off.
        para(run("Skills: SQL, Power BI, Excel", '<w:vanish w:val="0"/>'), style="Keywords"),
    ])
    extra = [style("paragraph", "Keywords", "Keywords", "Normal", rpr="<w:vanish/>")]
    docx(OUT / "good" / "hidden-text.docx", document(body), extra)


# --- hostile and unreadable files -------------------------------------------------------------

def cfb(path, streams):
    """A minimal OLE compound file (version 3, 512-byte sectors) holding `streams` (name, data)
    under the root, each stream at least 4096 bytes so it lives in the regular FAT."""
    assert len(streams) == 2
    sector = 512
    datas = [d + b"\0" * (-len(d) % sector) for _, d in streams]
    for d in datas:
        assert len(d) >= 4096
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0: the FAT itself; sector 1: the directory
    starts = []
    for d in datas:
        n = len(d) // sector
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name, kind, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<IQ", start, size))

    none = 0xFFFFFFFF
    # Children of the root form a (trivially balanced) tree: the shorter name on the left.
    (n1, _), (n2, _) = sorted(streams, key=lambda s: (len(s[0]), s[0].upper()))
    by_name = dict(zip([s[0] for s in streams], zip(starts, [len(s[1]) for s in streams])))
    directory = (
        entry("Root Entry", 5, none, none, 1, 0xFFFFFFFE, 0)
        + entry(n1, 2, none, 2, none, *by_name[n1])
        + entry(n2, 2, none, none, none, *by_name[n2])
        + entry("", 0, none, none, none, 0, 0)
    )
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    )
    assert len(header) == sector and len(directory) == sector
    out = header + struct.pack("<128I", *fat) + directory + b"".join(datas)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out)


def minimal_document(text="A short resume."):
    return document(para(text))


def bad():
    b = OUT / "bad"
    # Not a zip at all: a text file renamed.
    b.mkdir(parents=True, exist_ok=True)
    (b / "not-a-zip.docx").write_bytes(b"Curriculum vitae\nThis was never a Word file.\n")
    # A real package cut in half: no central directory.
    whole = (OUT / "good" / "plain.docx").read_bytes()
    (b / "truncated.docx").write_bytes(whole[: len(whole) // 2])

    # Password-protected .docx: Office's encrypted package inside a compound file.
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/>'
        b"</encryption>")
    cfb(b / "encrypted.docx", [("EncryptionInfo", info.ljust(4096, b"\0")),
                               ("EncryptedPackage", struct.pack("<Q", 8000) + filler(8000))])
    # A legacy binary Word file.
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + b"\0" * 60
    cfb(b / "legacy.doc", [("WordDocument", fib.ljust(4096, b"\0")),
                           ("1Table", b"\0" * 4096)])

    # Macro-enabled: a .docm with text and a VBA project.
    vba_default = [("bin", "application/vnd.ms-office.vbaProject")]
    macro_doc = [
        ("[Content_Types].xml",
         content_types([("word/document.xml", MACRO_MAIN_TYPE)], vba_default)),
        ("_rels/.rels", rels([("officeDocument", "word/document.xml")])),
        ("word/document.xml", minimal_document("Open me and enable content.")),
        ("word/_rels/document.xml.rels",
         '<?xml version="1.0"?><Relationships xmlns="' + PKG_REL + '"><Relationship Id="rId1" '
         'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
         'Target="vbaProject.bin"/></Relationships>'),
        ("word/vbaProject.bin", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504),
    ]
    write_zip(b / "macros.docm", macro_doc)
    # Macros and nothing else (no main document).
    write_zip(b / "macros-only.docx", [
        ("[Content_Types].xml", content_types([], vba_default)),
        ("word/vbaProject.bin", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504),
    ])

    # A zip package that is not a Word document.
    write_zip(b / "missing-document.docx", [
        ("[Content_Types].xml", content_types([])),
        ("_rels/.rels", rels([])),
        ("docProps/app.xml", f"{XML_DECL}<Properties/>"),
    ])

    # Entity expansion ("billion laughs") behind a DOCTYPE.
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    laughs = (f'{XML_DECL}<!DOCTYPE w:document [{"".join(lol)}]>'
              f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
              "</w:body></w:document>")
    docx(b / "entities.docx", laughs)

    # XML nested 20,000 deep (under 1 MiB, so it reaches the XML reader).
    deep = (f"<w:document {NAMESPACES}><w:body>" + "<w:sdt><w:sdtContent>" * 10_000
            + "</w:sdtContent></w:sdt>" * 10_000 + "</w:body></w:document>")
    docx(b / "deep-nesting.docx", deep)

    # Over a thousand parts (1,200 empty stored entries beside a real document).
    entries = [("[Content_Types].xml", content_types([("word/document.xml", MAIN_TYPE)])),
               ("_rels/.rels", rels([("officeDocument", "word/document.xml")])),
               ("word/document.xml", minimal_document())]
    entries += [(f"p/{i}", b"") for i in range(1200)]
    write_zip(b / "many-parts.docx", entries, method=zipfile.ZIP_STORED)
    # The same, with an end record that claims 3 entries: the parts are counted in the bytes.
    raw = bytearray((b / "many-parts.docx").read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, end + 8, 3, 3)
    (b / "many-parts-lying-count.docx").write_bytes(bytes(raw))

    # Compression-ratio bomb: 16 MiB of spaces (about 1000:1) behind a valid start. Any size
    # would do: the reader stops at the first MiB past the ratio limit.
    start = f"{XML_DECL}<w:document {NAMESPACES}><w:body>".encode()
    bomb_xml = start + b" " * (16 << 20) + b"</w:body></w:document>"
    docx(b / "bomb-ratio.docx", bomb_xml)

    # The same bomb whose headers claim 2,000 bytes: inflating stops there (a checksum error).
    lying = b / "bomb-lying-size.docx"
    docx(lying, bomb_xml)
    raw = bytearray(lying.read_bytes())
    patch_sizes(raw, b"word/document.xml", 2000)
    lying.write_bytes(bytes(raw))

    # More than a million characters of text, compressible enough to stay small (here about
    # 35:1) but under the ratio limit: refused by the text cap.
    words = [hashlib.sha256(str(i).encode()).hexdigest()[:6] for i in range(64)]
    paras = []
    size = 0
    i = 0
    while size < 1_100_000:
        line = " ".join(words[(i * 7 + k * 13) % 64] for k in range(12)) * 6
        paras.append(para(line))
        size += len(line)
        i += 1
    docx(b / "huge-text.docx", document("".join(paras)))

    # A document without any text (a picture-only resume, here an empty drawing).
    docx(b / "no-text.docx", document(para() + para(run("\t"))))


def patch_sizes(raw, name, size):
    """Writes `size` as the uncompressed size of entry `name` in its local and central headers."""
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                               (b"PK\x01\x02", 24, 28, 46)):
        at = 0
        while (at := raw.find(sig, at)) >= 0:
            n = struct.unpack_from("<H", raw, at + name_len_at)[0]
            if raw[at + name_at: at + name_at + n] == name:
                struct.pack_into("<I", raw, at + size_at, size)
            at += 4


def main():
    plain()
    two_column()
    textbox_header_footer()
    hidden_text()
    bad()
    for p in sorted(OUT.rglob("*")):
        if p.is_file():
            print(f"{p.relative_to(ROOT)}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
