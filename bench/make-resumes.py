#!/usr/bin/env python3
"""Write N fictional two-page resumes (about 1,000 words each) for the benchmarks.

Deterministic for a given N and seed; every file differs (names, employers, skills, bullets),
so nothing is a duplicate. Usage: make-resumes.py OUT_DIR [N]
"""
import random
import sys
from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

FIRST = "Ana Ben Chloe Dmitri Elif Farah Goran Hana Ivan Jana Kofi Lena Mateo Nia Omar Pia Quinn Rosa Sami Tara Umar Vera Wen Xenia Yusuf Zara".split()
LAST = "Novak Okafor Petrov Quispe Rahman Silva Tanaka Usman Varga Weber Xu Yilmaz Zhou Andersen Brennan Costa Dubois Eriksen Fischer Garcia".split()
COMPANIES = "Northwind Contoso Fabrikam Tailspin Litware Adatum Woodgrove Proseware Wingtip Fourth-Coffee Alpine-Ski Blue-Yonder Coho-Vineyard Lucerne Margie".split()
ROLES = ["Backend Engineer", "Senior Software Engineer", "Data Engineer", "Platform Engineer",
         "Site Reliability Engineer", "Software Developer", "Staff Engineer", "Tech Lead"]
SKILLS = ["Go", "Rust", "Python", "Java", "Kotlin", "TypeScript", "PostgreSQL", "MySQL", "Redis",
          "Kafka", "RabbitMQ", "Kubernetes", "Docker", "Terraform", "AWS", "GCP", "Azure", "gRPC",
          "GraphQL", "Spark", "Airflow", "Prometheus", "Grafana", "Elasticsearch", "Linux", "CI/CD",
          "React", "Django", "Flask", "Spring Boot", "pandas", "scikit-learn", "Snowflake", "dbt"]
VERBS = ["Built", "Designed", "Led", "Migrated", "Scaled", "Rewrote", "Automated", "Owned",
         "Introduced", "Optimised", "Mentored", "Shipped"]
THINGS = ["the order routing service", "a billing pipeline", "the customer data platform",
          "an internal deployment tool", "the search backend", "a fraud detection service",
          "the event ingestion layer", "a reporting warehouse", "the public REST API",
          "the mobile backend", "a feature store", "the notification system"]
RESULTS = ["cutting p99 latency by {n} %", "serving {n} million requests a day",
           "reducing cloud cost by {n} %", "with zero downtime across {n} releases",
           "raising test coverage to {n} %", "for a team of {n} engineers",
           "processing {n} TB of data per week", "halving incident count over {n} months"]


def bullet(rng):
    skills = rng.sample(SKILLS, 2)
    return (f"{rng.choice(VERBS)} {rng.choice(THINGS)} in {skills[0]} with {skills[1]}, "
            f"{rng.choice(RESULTS).format(n=rng.randint(2, 90))}, working closely with product "
            f"and operations to keep the system reliable and easy to change.")


def resume(rng, i):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    lines = [("title", name),
             ("text", f"{name.split()[0].lower()}.{i}@example.org · +44 20 7946 {i % 10000:04d} · London"),
             ("head", "Summary"),
             ("text", f"Engineer with {rng.randint(2, 15)} years of experience building reliable "
                      f"backend systems. Comfortable across {', '.join(rng.sample(SKILLS, 4))} "
                      f"and happiest when owning a service from design to production."),
             ("head", "Experience")]
    year = 2025
    for _ in range(rng.randint(4, 5)):
        span = rng.randint(1, 4)
        lines.append(("role", f"{rng.choice(ROLES)} — {rng.choice(COMPANIES)}   {year - span}–{year}"))
        year -= span
        for _ in range(rng.randint(5, 7)):
            lines.append(("bullet", bullet(rng)))
    lines += [("head", "Projects")]
    for _ in range(3):
        lines.append(("bullet", bullet(rng)))
    lines += [("head", "Education"),
              ("text", f"{rng.choice(['BSc', 'MSc', 'BEng'])} Computer Science, University of "
                       f"{rng.choice(['Leeds', 'Porto', 'Delft', 'Warsaw', 'Toronto'])}, {year - 4}–{year}"),
              ("head", "Skills"),
              ("text", ", ".join(rng.sample(SKILLS, 12)))]
    return lines


def draw(path, lines):
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 60
    for kind, text in lines:
        font, size, indent = {"title": ("Helvetica-Bold", 18, 0), "head": ("Helvetica-Bold", 12, 0),
                              "role": ("Helvetica-Bold", 10, 0), "bullet": ("Helvetica", 10, 12),
                              "text": ("Helvetica", 10, 0)}[kind]
        if kind == "head":
            y -= 8
        wrapped = simpleSplit(text, font, size, width - 120 - indent)
        for j, part in enumerate(wrapped):
            if y < 60:
                c.showPage()
                y = height - 60
            c.setFont(font, size)
            prefix = "• " if kind == "bullet" and j == 0 else ""
            c.drawString(60 + (indent if not prefix else 0), y, prefix + part)
            y -= size + 4
    c.showPage()
    c.save()


def main():
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    for i in range(n):
        draw(out / f"resume_{i:04d}.pdf", resume(rng, i))


if __name__ == "__main__":
    main()
