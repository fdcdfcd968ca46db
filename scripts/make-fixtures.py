#!/usr/bin/env python3
"""Regenerate the committed PDF fixtures in tests/fixtures/pdfs (needs reportlab from PyPI).

    python3 -m venv ~/.cache/shortlist/venv-fixtures
    ~/.cache/shortlist/venv-fixtures/bin/pip install reportlab==5.1.0
    ~/.cache/shortlist/venv-fixtures/bin/python scripts/make-fixtures.py

The PDFs are committed, so tests never need reportlab. Every resume here is fictional.
Output is deterministic (reportlab's invariant mode), so regenerating gives the same bytes.
"""
import io
import random
from pathlib import Path

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "pdfs"
pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVuBold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Droid", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))
W, H = A4


def lines_block(c, x, y, lines, font="DejaVu", size=10, leading=13, width=None):
    for line in lines:
        if line.startswith("# "):
            c.setFont("DejaVuBold", size + 2)
            y -= 4
            c.drawString(x, y, line[2:])
            y -= leading + 2
            continue
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= leading
    return y


def one_column(path, name, contact, sections, pages=1, font="DejaVu", encrypt=None):
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setTitle("Resume")
    for page in range(pages):
        y = H - 25 * mm
        if page == 0:
            c.setFont("DejaVuBold" if font == "DejaVu" else font, 18)
            c.drawString(20 * mm, y, name)
            y -= 8 * mm
            c.setFont(font, 10)
            c.drawString(20 * mm, y, contact)
            y -= 10 * mm
        y = lines_block(c, 20 * mm, y, sections[page], font=font)
        c.drawString(W - 40 * mm, 12 * mm, f"Page {page + 1} of {pages}")
        c.showPage()
    c.save()


def two_column(path):
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuBold", 20)
    c.drawString(20 * mm, H - 25 * mm, "Priya Raman")
    c.setFont("DejaVu", 10)
    c.drawString(20 * mm, H - 32 * mm, "priya.raman@example.org · +44 20 7946 0958 · github.com/praman")
    left = [
        "# Skills", "Python, Go, Kubernetes", "PostgreSQL, Redis, Kafka", "Terraform, AWS, GCP",
        "", "# Education", "MSc Computer Science", "University of Edinburgh, 2014",
        "", "# Languages", "English, Tamil, German",
    ]
    right = [
        "# Experience",
        "Staff Engineer, Northwind Logistics", "Jan 2019 – Present",
        "Led a team of six building the routing platform.",
        "Cut p99 latency of the dispatch API by 60 %.",
        "",
        "Senior Engineer, Contoso Payments", "2015 – 2018",
        "Designed the ledger service on PostgreSQL.",
        "Introduced Kubernetes and on-call runbooks.",
        "",
        "# Summary",
        "Backend engineer with ten years in distributed",
        "systems, data pipelines and developer tooling.",
    ]
    lines_block(c, 20 * mm, H - 45 * mm, left)
    lines_block(c, 85 * mm, H - 45 * mm, right)
    c.line(80 * mm, H - 40 * mm, 80 * mm, 40 * mm)
    c.showPage()
    c.save()


def two_column_rowwise(path):
    """Two columns drawn row by row, as many resume builders do: PDFium merges each row."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuBold", 20)
    c.drawString(20 * mm, H - 25 * mm, "Jonas Berg")
    c.setFont("DejaVu", 10)
    c.drawString(20 * mm, H - 32 * mm, "jonas.berg@example.se · +46 70 123 45 67 · Göteborg, Sweden")
    left = ["Skills", "Rust, Go, Python", "PostgreSQL, Redis", "Kubernetes, Terraform", "",
            "Education", "MSc Software Engineering", "Chalmers, 2013", "", "Languages",
            "Swedish, English"]
    right = ["Experience", "Staff Engineer, Fjord Freight", "Jan 2019 – Present",
             "Led a team of five building the booking API.", "Moved 60 services to Kubernetes.",
             "", "Backend Engineer, Nordpay", "2013 – 2018",
             "Payment ledger in Go on PostgreSQL.", "On-call lead for the core platform.", ""]
    y = H - 45 * mm
    for l, r in zip(left, right):
        for x, t in ((20 * mm, l), (80 * mm, r)):
            bold = t in ("Skills", "Education", "Languages", "Experience")
            c.setFont("DejaVuBold" if bold else "DejaVu", 11 if bold else 10)
            c.drawString(x, y, t)
        y -= 14
    c.showPage()
    c.save()


def image_only(path):
    rnd = random.Random(7)
    from PIL import Image
    img = Image.new("L", (400, 560), 255)
    px = img.load()
    for y in range(40, 520, 14):
        for x in range(40, rnd.randint(200, 360)):
            if rnd.random() < 0.8:
                px[x, y] = 0
                px[x, y + 1] = 0
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(buf), 15 * mm, 15 * mm, W - 30 * mm, H - 30 * mm)
    c.showPage()
    c.save()


def zero_pages(path):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def main():
    good, bad = OUT / "good", OUT / "bad"
    good.mkdir(parents=True, exist_ok=True)
    bad.mkdir(parents=True, exist_ok=True)
    one_column(good / "carol_nguyen.pdf", "Carol Nguyen",
               "carol.nguyen@example.com · (555) 010-4477 · linkedin.com/in/carolnguyen",
               [["# Summary", "Frontend engineer who ships accessible, fast web apps.", "",
                 "# Experience", "Senior Frontend Engineer, Fabrikam — Mar 2020 – Present",
                 "Built the design system in TypeScript and React used by 40 teams.",
                 "Frontend Engineer, Tailspin Toys — 2016 – 2020",
                 "Moved the storefront from jQuery to React; Lighthouse score 55 → 96.", "",
                 "# Education", "BSc Software Engineering, University of Waterloo, 2016", "",
                 "# Skills", "TypeScript, JavaScript, React, CSS, Node.js, GraphQL, Playwright"]])
    one_column(good / "bob_schmidt_multipage.pdf", "Bob Schmidt",
               "bob.schmidt@example.net · +49 30 901820 · Berlin",
               [["# Summary", "Data engineer, eight years of batch and streaming pipelines.", "",
                 "# Experience", "Lead Data Engineer, Woodgrove Bank — 2021 – Present",
                 "Owns the Spark and Airflow platform; 3 PB of data a month."],
                ["# Experience (continued)", "Data Engineer, Litware — 2016 – 2021",
                 "Kafka streaming ingestion, dbt models, Snowflake warehouse.", "",
                 "# Education", "Diplom-Informatiker, TU München, 2015"],
                ["# Skills", "Python, Scala, SQL, Spark, Airflow, Kafka, dbt, Snowflake, AWS",
                 "", "# Certifications", "AWS Certified Data Analytics – Specialty"]],
               pages=3)
    one_column(good / "zoe_lukasiewicz_non_latin.pdf", "Zoë Łukasiewicz-Ødegård",
               "zoe.lukasiewicz@example.pl · +48 22 123 45 67",
               [["# Experience", "Inżynier oprogramowania, Żabka Tech — 2018 – obecnie",
                 "Team member alongside Дмитрий Иванов and Σωκράτης Παπαδόπουλος.",
                 "Rust, C++, embedded Linux, CAN bus.", "",
                 "# Education", "Magister inżynier, Politechnika Warszawska, 2017"]])
    one_column(good / "wei_zhang_cjk.pdf", "张伟 (Wei Zhang)",
               "wei.zhang@example.cn · +86 10 5555 0199",
               [["# 工作经历", "高级软件工程师 — 2019 – 至今", "Java, Spring Boot, MySQL, Kubernetes", "",
                 "# 教育背景", "清华大学 计算机科学 硕士 2018"]], font="Droid")
    two_column(good / "priya_raman_two_column.pdf")
    two_column_rowwise(good / "jonas_berg_two_column_rowwise.pdf")

    one_column(bad / "encrypted.pdf", "Locked Person", "locked@example.com",
               [["# Experience", "This file needs a password."]], encrypt="secret-password")
    image_only(bad / "image_only_scan.pdf")
    zero_pages(bad / "zero_pages.pdf")
    (bad / "not_a_pdf.pdf").write_text("Dear hiring manager, this is a cover letter in plain text.\n")
    (bad / "empty.pdf").write_bytes(b"")
    full = (good / "carol_nguyen.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(full[: len(full) // 3])
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
