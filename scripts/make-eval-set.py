#!/usr/bin/env python3
"""Write the labelled evaluation set in tests/fixtures/eval (needs reportlab; output committed).

jobs/*.txt        three job descriptions
resumes/*.pdf     fourteen fictional resumes, including traps: a visible keyword dump, white
                  hidden keywords, synonyms only ("Golang", "Postgres", "k8s"), two columns
labels.tsv        job <TAB> resume file <TAB> relevance 0-3 (3 = shortlist, 0 = not a fit)
"""
from pathlib import Path

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "eval"
pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVuBold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
W, H = A4

JOBS = {
    "backend": """Senior Backend Engineer — Northwind Logistics

About us
We build the routing platform that moves two million parcels a day.

Requirements
- 5+ years building backend services in Go or Rust
- Strong PostgreSQL skills: schema design, query tuning
- Running services on Kubernetes in production
- Experience leading a small team or mentoring engineers
- Bachelor's degree in Computer Science or equivalent experience

Nice to have
- Kafka or another event streaming platform
- Terraform and AWS
""",
    "data": """Data Scientist — Woodgrove Bank

What you'll do
Build models that predict customer churn and design experiments for new products.

Requirements
- 3+ years of hands-on data science work
- Python with pandas and scikit-learn
- Solid statistics and A/B testing
- SQL for analysis on large datasets
- Master's degree in a quantitative field

Nice to have
- PyTorch or TensorFlow
- Experience with Spark
""",
    "frontend": """Frontend Engineer — Fabrikam

Requirements
- 3+ years building web applications with React and TypeScript
- Deep knowledge of CSS and responsive design
- Accessibility: you design and test for WCAG
- Writing automated tests for UI code

Nice to have
- GraphQL
- Playwright or Cypress end-to-end tests
""",
}

# name, file, contact, lines (one column), labels {job: relevance}
RESUMES = [
    ("Marta Kowalczyk", "marta_go_backend", "marta.k@example.com · +48 601 200 300", [
        "# Summary", "Backend engineer, eight years of Go services at scale.",
        "# Experience",
        "Staff Engineer, Parcelly — Mar 2019 – Present",
        "- Designed the Go dispatch service handling 40k requests per second.",
        "- Tuned PostgreSQL schemas and queries; cut p99 latency by 70 %.",
        "- Run 120 services on Kubernetes with Helm; on-call lead.",
        "- Lead a team of five engineers and mentor two juniors.",
        "Backend Engineer, Shipfast — 2016 – 2019",
        "- Built event pipelines on Kafka and Go; Terraform for AWS infrastructure.",
        "# Education", "BSc Computer Science, Warsaw University of Technology, 2016",
        "# Skills", "Go, PostgreSQL, Kubernetes, Kafka, Terraform, AWS, gRPC"],
     {"backend": 3, "data": 0, "frontend": 0}),
    ("Tomás Herrera", "tomas_synonyms", "tomas.herrera@example.es · +34 600 111 222", [
        "# Experience",
        "Senior Software Engineer, Lumen Freight — Jan 2018 – Present",
        "- Wrote Golang microservices for route planning; owned the Postgres cluster.",
        "- Migrated everything to k8s (GKE) and wrote the deploy pipelines.",
        "- Tech lead for four developers; ran hiring loops and code reviews.",
        "Software Engineer, Correos Digital — 2015 – 2017",
        "- REST APIs in Golang, Postgres query optimisation, message queues.",
        "# Education", "Grado en Ingeniería Informática (Bachelor), Universidad de Sevilla, 2015"],
     {"backend": 3, "data": 0, "frontend": 0}),
    ("Ben Okafor", "ben_junior_python", "ben.okafor@example.co.uk · +44 7700 900123", [
        "# Experience",
        "Junior Developer, Stackwise — Sep 2023 – Present",
        "- Django REST endpoints and Celery jobs; some PostgreSQL migrations.",
        "- Wrote pandas scripts to clean customer data for the analytics team.",
        "Intern, Brightlab — Jun 2022 – Aug 2022",
        "- Python tooling and unit tests.",
        "# Education", "BSc Mathematics, University of Leeds, 2023"],
     {"backend": 1, "data": 1, "frontend": 0}),
    ("Sanjay Mehta", "sanjay_java", "sanjay.mehta@example.in · +91 98200 12345", [
        "# Experience",
        "Senior Java Developer, Infoway — 2019 – Present",
        "- Spring Boot microservices on AWS with MySQL and Redis.",
        "- Dockerised 30 services; moved CI to Jenkins pipelines.",
        "Java Developer, Techmatics — 2016 – 2019",
        "- Hibernate, REST APIs, Oracle Database.",
        "# Education", "B.Tech Computer Engineering, University of Mumbai, 2016"],
     {"backend": 2, "data": 0, "frontend": 0}),
    ("Aino Virtanen", "aino_rust_two_column", "aino.virtanen@example.fi · +358 40 123 4567", None,
     {"backend": 2, "data": 0, "frontend": 0}),
    ("Dr. Lena Fischer", "lena_data_scientist", "lena.fischer@example.de · +49 151 2345678", [
        "# Summary", "Data scientist with a PhD in statistics and six years in industry.",
        "# Experience",
        "Lead Data Scientist, Finanzhaus — 2020 – Present",
        "- Built churn models in Python (pandas, scikit-learn, XGBoost) for 4M customers.",
        "- Designed and analysed A/B tests for pricing; owned the experimentation platform.",
        "- Deep learning models in PyTorch for transaction fraud.",
        "Data Scientist, Versicherung AG — 2017 – 2020",
        "- SQL and Spark on the data lake; statistical models for claims.",
        "# Education", "PhD Statistics, LMU München, 2017", "MSc Mathematics, LMU München, 2013"],
     {"backend": 0, "data": 3, "frontend": 0}),
    ("Grace Liu", "grace_data_analyst", "grace.liu@example.com · (555) 201-8899", [
        "# Experience",
        "Data Analyst, Retailco — 2021 – Present",
        "- Weekly SQL reports and Tableau dashboards for merchandising.",
        "- Excel models for demand planning; some Python for automation.",
        "# Education", "BA Economics, University of Toronto, 2021"],
     {"backend": 0, "data": 1, "frontend": 0}),
    ("Omar Haddad", "omar_ml_engineer", "omar.haddad@example.ae · +971 50 123 4567", [
        "# Experience",
        "Machine Learning Engineer, Visionary AI — 2019 – Present",
        "- Trained and served TensorFlow and PyTorch models; MLOps with Kubeflow on Kubernetes.",
        "- Feature pipelines in Python and Spark; model monitoring.",
        "Software Engineer, Nomad Tech — 2017 – 2019",
        "- Python backend services and SQL.",
        "# Education", "MSc Computer Science, American University of Beirut, 2017"],
     {"backend": 1, "data": 2, "frontend": 0}),
    ("Chloé Martin", "chloe_frontend", "chloe.martin@example.fr · +33 6 12 34 56 78", [
        "# Experience",
        "Senior Frontend Engineer, Deezly — 2019 – Present",
        "- Built the React and TypeScript design system used by 30 teams.",
        "- Led the WCAG 2.1 AA accessibility audit and fixes; screen reader testing.",
        "- Responsive layouts in modern CSS; Playwright end-to-end tests in CI.",
        "- GraphQL client architecture with Apollo.",
        "Frontend Developer, Agence Web — 2016 – 2019",
        "- JavaScript, Sass, jQuery to React migration.",
        "# Education", "Licence Informatique (Bachelor), Université de Lyon, 2016"],
     {"backend": 0, "data": 0, "frontend": 3}),
    ("Lucas Silva", "lucas_vue", "lucas.silva@example.br · +55 11 91234 5678", [
        "# Experience",
        "Frontend Developer, Mercadinho — 2020 – Present",
        "- Vue.js single page apps in JavaScript; responsive CSS and Tailwind.",
        "- Unit tests with Jest; some TypeScript in newer modules.",
        "# Education", "Bachelor in Information Systems, USP, 2019"],
     {"backend": 0, "data": 0, "frontend": 2}),
    ("Hana Sato", "hana_ux_designer", "hana.sato@example.jp · +81 90 1234 5678", [
        "# Experience",
        "UX Designer, Kumo Studio — 2018 – Present",
        "- User research, wireframes and prototypes in Figma.",
        "- Accessible design reviews; basic HTML and CSS prototypes.",
        "# Education", "BA Design, Musashino Art University, 2018"],
     {"backend": 0, "data": 0, "frontend": 1}),
    ("Rick Stone", "rick_keyword_stuffer", "rick.stone@example.com · (555) 300-1000", [
        "# Experience",
        "Store Manager, Big Box Retail — 2015 – Present",
        "- Managed a store of 40 staff; scheduling, inventory and customer service.",
        "- Grew sales 12 % by reorganising the floor.",
        "# Education", "High school diploma, 2010",
        "# Skills",
        "Go, Rust, PostgreSQL, Kubernetes, Kafka, Terraform, AWS, Python, pandas, scikit-learn,",
        "statistics, A/B testing, SQL, PyTorch, TensorFlow, Spark, React, TypeScript, CSS,",
        "WCAG, GraphQL, Playwright, Cypress, Docker, Java, JavaScript, Node.js, Redis, gRPC"],
     {"backend": 0, "data": 0, "frontend": 0}),
    ("Dana Frost", "dana_hidden_text", "dana.frost@example.com · (555) 400-2000", "HIDDEN",
     {"backend": 0, "data": 0, "frontend": 0}),
    ("Kofi Mensah", "kofi_fullstack", "kofi.mensah@example.gh · +233 20 123 4567", [
        "# Experience",
        "Full-stack Engineer, Paystack-like Ltd — 2019 – Present",
        "- React and TypeScript dashboards; Node.js APIs on PostgreSQL.",
        "- Accessibility fixes and Cypress tests for the checkout flow.",
        "- Docker deployments on AWS.",
        "Web Developer, Accra Digital — 2017 – 2019",
        "- JavaScript, CSS and PHP websites.",
        "# Education", "BSc Computer Science, University of Ghana, 2017"],
     {"backend": 1, "data": 0, "frontend": 2}),
]


def draw_lines(c, x, y, lines, size=10, leading=13.5):
    for line in lines:
        if line.startswith("# "):
            y -= 5
            c.setFont("DejaVuBold", size + 2)
            c.drawString(x, y, line[2:])
            y -= leading + 2
        else:
            c.setFont("DejaVu", size)
            c.drawString(x, y, line)
            y -= leading
    return y


def resume_pdf(path, name, contact, lines):
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuBold", 18)
    c.drawString(20 * mm, H - 25 * mm, name)
    c.setFont("DejaVu", 10)
    c.drawString(20 * mm, H - 32 * mm, contact)
    if lines == "HIDDEN":
        y = draw_lines(c, 20 * mm, H - 45 * mm, [
            "# Experience", "Barista, Corner Coffee — 2020 – Present",
            "- Prepared drinks, trained new staff, handled the till.",
            "# Education", "High school diploma, 2019"])
        # The trap: keywords in white and in 1-point text, invisible on the page.
        c.setFillColorRGB(1, 1, 1)
        c.setFont("DejaVu", 9)
        words = ("Go Rust PostgreSQL Kubernetes Kafka Terraform Python pandas scikit-learn statistics "
                 "A/B testing SQL PyTorch React TypeScript CSS WCAG GraphQL Playwright ")
        for i in range(12):
            c.drawString(20 * mm, 60 * mm + i * 11, words)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("DejaVu", 1)
        c.drawString(20 * mm, 30 * mm, words * 2)
    elif lines is None:
        left = ["# Skills", "Rust, C, Go", "PostgreSQL, SQLite", "Kubernetes, Docker", "Linux, embedded",
                "", "# Education", "MSc Computer Science", "Aalto University, 2015"]
        right = ["# Experience",
                 "Senior Systems Engineer, Nordic Rail", "Jan 2018 – Present",
                 "Rust services for train telemetry.", "PostgreSQL time-series storage.",
                 "Moved edge services to Kubernetes.", "",
                 "Embedded Developer, Sensorix", "2015 – 2017",
                 "C firmware and CAN bus drivers."]
        draw_lines(c, 20 * mm, H - 45 * mm, left)
        draw_lines(c, 85 * mm, H - 45 * mm, right)
    else:
        draw_lines(c, 20 * mm, H - 45 * mm, lines)
    c.showPage()
    c.save()


def main():
    (OUT / "jobs").mkdir(parents=True, exist_ok=True)
    (OUT / "resumes").mkdir(parents=True, exist_ok=True)
    for key, text in JOBS.items():
        (OUT / "jobs" / f"{key}.txt").write_text(text)
    rows = ["# job\tresume\trelevance (0 = not a fit ... 3 = shortlist)"]
    for name, file, contact, lines, labels in RESUMES:
        resume_pdf(OUT / "resumes" / f"{file}.pdf", name, contact, lines)
        for job, rel in labels.items():
            rows.append(f"{job}\t{file}.pdf\t{rel}")
    (OUT / "labels.tsv").write_text("\n".join(rows) + "\n")
    print("eval set written to", OUT)


if __name__ == "__main__":
    main()
