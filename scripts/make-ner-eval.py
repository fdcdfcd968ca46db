#!/usr/bin/env python3
"""Build the ranking and parsing eval sets from the real resumes in shared/data/ner-resumes (CC0).

    scripts/make-ner-eval.py [--data DIR]      (default: ../shared/data/ner-resumes)

Writes tests/fixtures/ner-eval/{dev,final}/ (output committed; the tests do not need Python):
  jobs/<occupation>.txt    one job description per occupation, written as a recruiter would
  resumes/<file>.txt       the resume's plain text (labels stripped); one in three is flattened
                           into a single paragraph, as many real resumes arrive (no line breaks,
                           headings run into the text)
  labels.tsv               job <TAB> resume file <TAB> relevance (2 same occupation, 1 a close
                           neighbour, 0 otherwise); every resume is labelled for every job
  occupations.tsv          resume file <TAB> occupation (or "other": a distractor no job is for)
  parse.tsv                resume file <TAB> name <TAB> email <TAB> degree <TAB> graduation year
                           <TAB> designation, from the dataset's own labels

dev   = the 310 files of 545_cvs_train_v2.zip: tune on this.
final = the 50 files of set_aside_test_v2_50cvs.zip: its occupations differ (HR, hospitality,
        accounting, industrial and civil engineering); run it once for a final check, never tune.

The occupation of each resume was read from its `Designation` labels (the dataset authors'),
not from anything the engine computes.
"""
import argparse
import hashlib
import html
import re
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "ner-eval"

# Occupation of each dev file (by number), read from its Designation labels. Files not listed are
# distractors ("other"): occupations with too few resumes for a job of their own, or unclear.
# Corrected after a review of the designations left as "other": 95 (Substitute Teacher), 221
# (Postdoctoral Scientist), 265 (lecturer), 114 (Marketing Senior Manager), 179 (Web and
# Application Developer), 192 (analyst programmer), 215 (Game Programmer) had been left out; 249 is
# a primary-education graduate's CV (practicum placements; "Sales Assistant" is its student job),
# not an office administrator's.
DEV = {
    "software_engineer": [1, 2, 4, 13, 17, 23, 25, 31, 34, 36, 39, 43, 50, 57, 143, 146, 147, 149,
                          150, 151, 152, 153, 155, 156, 157, 158, 160, 168, 170, 171, 172, 174,
                          180, 182, 188, 192, 200, 207, 208, 215, 216, 223],
    "web_developer": [22, 138, 139, 144, 148, 159, 166, 169, 179, 181, 194, 198, 201, 202, 217, 220],
    "java_developer": [10, 145, 161, 195, 196, 203, 210, 212],
    "sap_consultant": [7, 11, 20, 21, 35, 45, 63],
    "qa_tester": [6, 32, 61, 69, 77, 140, 142, 193],
    "it_support": [8, 9, 18, 27, 28, 29, 46, 48, 51, 64, 71, 75, 76, 80, 162, 163, 165, 199, 206,
                   225],
    "teacher": [95, 227, 230, 231, 232, 234, 235, 236, 237, 238, 242, 243, 244, 249, 250, 252, 253,
                254, 257, 258, 261, 262, 263, 266, 268, 269, 270, 272, 273, 277, 278, 280, 282, 283,
                286, 288, 289],
    "student_services": [224, 229, 246, 251, 255, 256, 267, 281, 285],
    "academic": [137, 141, 191, 209, 213, 221, 222, 264, 265, 271, 279],
    "legal": [291, 292, 293, 295, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307,
              308, 309, 310],
    "sales": [5, 38, 68, 97, 101, 107, 125, 177, 228, 239],
    "marketing": [16, 84, 86, 88, 91, 92, 99, 100, 104, 106, 109, 110, 111, 114, 136],
    "arts_media": [82, 83, 87, 89, 93, 98, 102, 105, 115, 245, 287],
    "mechanical_automotive": [70, 119, 120, 121, 128, 129, 130, 132, 218],
    "project_management": [3, 14, 54, 58, 112, 126, 127, 135, 185, 259, 284],
    "office_admin": [59, 79, 133, 274],
}
FINAL = {
    "software_engineer": ["Indeed_1", "Indeed_2", "Indeed_3", "Indeed_5", "Indeed_9", "Indeed_12",
                          "Kaggle_24", "Kaggle_26", "Kaggle_27", "Kaggle_30", "Kaggle_34"],
    "human_resources": ["Kaggle_1", "Kaggle_2", "Kaggle_3", "Kaggle_4", "Kaggle_5", "Kaggle_6",
                        "Kaggle_8"],
    "sales": ["Kaggle_7", "Kaggle_13", "Kaggle_14", "Kaggle_15", "Kaggle_16", "Kaggle_17",
              "Kaggle_19"],
    "hospitality": ["Kaggle_10", "Kaggle_21", "Kaggle_22", "Kaggle_23"],
    "engineering": ["Kaggle_25", "Kaggle_28", "Kaggle_29", "Kaggle_31", "Kaggle_32", "Kaggle_33"],
    "finance_banking": ["Kaggle_9", "Kaggle_35", "Kaggle_36", "Kaggle_37", "Kaggle_38"],
    "operations_management": ["Kaggle_11", "Kaggle_12", "Kaggle_18"],
}
# Close neighbours: a resume of one is partly relevant (1) to a job for the other.
NEIGHBOURS = [
    {"software_engineer", "web_developer", "java_developer", "qa_tester"},
    {"sales", "marketing"},
    {"teacher", "student_services", "academic"},
    {"marketing", "arts_media"},
    {"software_engineer", "it_support"},
]

JOBS_DEV = {
"software_engineer": """Software Engineer — Contoso Payments

We are growing the team that builds our payment processing platform.

Requirements
- 3+ years of professional software development
- Strong programming skills in at least one of Java, C#, C++ or Python
- Experience designing and building scalable services, APIs and databases (SQL)
- Good understanding of data structures, algorithms and object-oriented design
- Bachelor's degree in Computer Science or a related field

Nice to have
- Cloud experience (AWS or Azure); Docker
- Agile / Scrum teams, code reviews, unit testing
""",
"web_developer": """Web Developer (PHP) — Bright Agency

You will build and maintain websites and web applications for our clients.

What we're looking for:
- 2+ years building websites with PHP and MySQL
- HTML5, CSS3, JavaScript and jQuery; responsive design
- Experience with a CMS or framework such as WordPress, Drupal, Laravel or CodeIgniter
- Comfortable working with designers and turning mock-ups into pages
- Bootstrap, AJAX and basic SEO are a plus
""",
"java_developer": """Java Developer

Our banking client needs a Java developer for its core systems team. You should have 2+ years of
hands-on Java development, including Core Java, J2EE, Spring and Hibernate, and experience writing
REST web services. You know SQL (Oracle or MySQL) and use tools such as Eclipse, Maven and Git.
Experience with JSP/Servlets and application servers (Tomcat, WebLogic) is a plus. A degree in
engineering or computer science is expected.
""",
"sap_consultant": """SAP Consultant

Requirements
- 4+ years as an SAP functional or technical consultant
- Hands-on experience in one or more SAP modules: FI/CO, SD, MM, WM/EWM, CRM, or ABAP development
- At least one full life-cycle implementation, plus support projects (tickets, change requests)
- Configuration, testing, cutover and end-user training
- Bachelor's degree; SAP certification preferred
""",
"qa_tester": """QA Engineer / Software Tester

Requirements:
- 3+ years in software testing: manual and automation testing
- Writing test plans, test cases and defect reports; regression and functional testing
- Test automation with Selenium, QTP/UFT or similar; scripting
- Experience with defect tracking tools such as JIRA, Quality Center (ALM)
- Agile/Scrum experience
Nice to have: ISTQB certification, performance testing (LoadRunner, JMeter).
""",
"it_support": """IT Support Engineer

We need a technical support engineer to keep our offices running.
- Troubleshoot hardware, software and network issues for end users (desktop support, help desk)
- Install and configure Windows, Office and printers; manage user accounts in Active Directory
- Networking basics: LAN/WAN, TCP/IP, routers and switches; CCNA is a plus
- Log and resolve tickets within SLA; escalate incidents
- 1+ years in IT support or a service desk
""",
"teacher": """Elementary / Secondary School Teacher

Lincoln School District is hiring classroom teachers for the new school year.

Requirements
- Bachelor's degree in Education or in the subject taught
- State teaching certification or license (or eligible)
- Student teaching or classroom teaching experience
- Lesson planning, classroom management and differentiated instruction
- Experience with students with special needs or IEPs is a plus
- Coaching or leading after-school activities is welcome
""",
"student_services": """Admissions and Career Services Advisor — Westbridge College

We are looking for an advisor who helps prospective and current students. You will counsel students
on admissions, enrolment and financial aid, run career counseling sessions and workshops, help
students with resumes and interviews, and coordinate with alumni mentors. You have a bachelor's
degree (a master's in counseling or higher education is preferred), experience in advising,
counseling or student services, and strong interpersonal skills.
""",
"academic": """Assistant Professor / Lecturer

The Faculty of Social Sciences invites applications for a lecturer position.
Requirements
- PhD in a relevant discipline
- Record of research and peer-reviewed publications
- University teaching experience: lectures, seminars, supervising students
- Ability to obtain research grants and to present at conferences
- Service to the department and the academic community
""",
"legal": """Attorney / Legal Counsel

Requirements:
- Law degree (LLB or JD) and admission to the bar
- 3+ years of legal practice: litigation, drafting contracts and pleadings, legal research
- Representing clients in court and in negotiations
- Advising management on compliance and regulatory matters
Paralegals with extensive litigation support experience will also be considered.
""",
"sales": """Sales Executive — Northwind Traders

Requirements
- 2+ years in B2B or retail sales
- Proven record of meeting sales targets and growing revenue
- Lead generation, cold calling, client meetings and closing deals
- Key account management and building customer relationships
- CRM experience (e.g. Salesforce); good negotiation skills
Nice to have
- Graduate in any discipline; MBA in Marketing preferred
""",
"marketing": """Marketing Manager

We want someone who can plan and run our marketing: digital marketing campaigns, social media
(Facebook, Instagram, Twitter, LinkedIn), content and copywriting, SEO/SEM and online advertising,
brand management, market research and events. You should have 3+ years of marketing experience,
be comfortable with analytics and reporting, and have a degree in marketing, communications or
business.
""",
"arts_media": """Creative Media Producer (Video, Editorial, Design)

Requirements
- Portfolio of creative work in video, music, print or broadcast media
- Video editing and production: camera operation, editing software (Adobe Premiere, Final Cut)
- Editorial skills: writing, editing, proofreading, layout (Adobe InDesign, Photoshop)
- Experience in a newsroom, studio, publishing house or production crew
- Degree in media, journalism, film or fine arts preferred
""",
"mechanical_automotive": """Automotive / Mechanical Technician

Requirements
- Diploma or associate degree in automotive technology or mechanical engineering
- 2+ years diagnosing and repairing vehicles, engines or mechanical equipment
- Use of diagnostic tools, preventive maintenance, hydraulic and electrical systems
- Reading technical drawings; AutoCAD or CNC programming is a plus
- ASE certification preferred; valid driving licence
""",
"project_management": """Project Manager

Requirements
- 5+ years managing projects or programs end to end: scope, schedule, budget, risks
- Leading cross-functional teams and reporting to stakeholders and executives
- Planning with MS Project; waterfall and Agile methods
- Vendor management and process improvement
- PMP or PRINCE2 certification preferred
""",
"office_admin": """Office Administrator

We are looking for an organised office administrator. Duties: answering phones and greeting
visitors, scheduling appointments, data entry and filing, maintaining records, handling
correspondence, ordering supplies and supporting the office manager. Requirements: 1+ years of
administrative or clerical experience, MS Office (Word, Excel), typing skills and a friendly
manner. High school diploma required.
""",
}
JOBS_FINAL = {
"software_engineer": """Software Engineer

Requirements
- 2+ years developing software in Java, Python or C++
- Writing, testing and debugging code; SQL databases
- Working in an Agile team with version control (Git)
- Bachelor's degree in computer science or engineering
""",
"human_resources": """HR Generalist / HR Manager

Requirements
- 3+ years in human resources
- Recruitment and onboarding, employee relations, performance management
- Payroll, benefits administration, HR policies and compliance with labour law
- Training and development programmes
- Degree in HR or business; PHR/SHRM certification a plus
""",
"sales": """Sales Representative

We need a driven sales representative to grow our territory: prospecting, cold calling, product
presentations and closing deals, account management, meeting quarterly quotas. 2+ years of sales
experience, strong negotiation skills and a CRM habit required.
""",
"hospitality": """Restaurant Manager / Head Chef

Requirements
- 3+ years in restaurant, kitchen or food service management
- Menu planning, food preparation and food safety (HACCP)
- Staff scheduling, training and supervision of front and back of house
- Customer service, cost control and inventory
""",
"engineering": """Industrial / Civil Engineer

Requirements
- Bachelor's degree in industrial, civil or mechanical engineering
- 3+ years of engineering experience in manufacturing or construction
- Process improvement, time studies, lean manufacturing, or site supervision
- AutoCAD and project planning; quality and safety standards
""",
"finance_banking": """Accounts and Banking Officer

Requirements
- Experience in accounting, banking or insurance
- Bookkeeping, accounts payable and receivable, reconciliations
- Customer accounts, cash handling, loans or policies
- Excel and accounting software
- Degree in accounting, finance or business
""",
"operations_management": """Operations Manager

You will run day-to-day business operations: managing teams, budgets and P&L, improving
processes, vendor relations and reporting to senior management. 5+ years of management
experience and a business degree required.
""",
}


def plain(xml: str) -> str:
    text = re.sub(r"<\?xml[^>]*\?>", "", xml)
    text = re.sub(r"</?cv>", "", text)
    text = re.sub(r"<label[^>]*>|</label>", "", text)
    text = html.unescape(text)
    return text.strip() + "\n"


def labels(xml: str, kind: str) -> list[str]:
    return [html.unescape(re.sub(r"\s+", " ", m)).strip()
            for m in re.findall(rf'<label type="{kind}">(.*?)</label>', xml, re.S)]


def flattened(name: str) -> bool:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0


def write_set(out: Path, files: dict[str, str], groups: dict[str, list], jobs: dict[str, str]):
    if out.exists():
        shutil.rmtree(out)
    (out / "jobs").mkdir(parents=True)
    (out / "resumes").mkdir()
    occupation = {}
    for group, members in groups.items():
        for m in members:
            key = f"{m}.xml" if isinstance(m, int) else f"{m}.xml"
            assert key in files, key
            assert key not in occupation, key
            occupation[key] = group
    for key, text in jobs.items():
        (out / "jobs" / f"{key}.txt").write_text(text)
    rows, occ_rows, parse_rows = [], [], []
    for key in sorted(files, key=lambda k: (len(k), k)):
        xml = files[key]
        name = key.removesuffix(".xml") + ".txt"
        text = plain(xml)
        if flattened(name):
            text = " ".join(text.split()) + "\n"
        (out / "resumes" / name).write_text(text)
        group = occupation.get(key, "other")
        occ_rows.append(f"{name}\t{group}")
        for job in jobs:
            if group == job:
                rel = 2
            elif any(group in n and job in n for n in NEIGHBOURS):
                rel = 1
            else:
                rel = 0
            rows.append(f"{job}\t{name}\t{rel}")
        first = lambda kind: (labels(xml, kind) or [""])[0]
        parse_rows.append("\t".join([name, first("Name"), first("Email Address"), first("Degree"),
                                     first("Graduation Year"), first("Designation")]))
    header = "# job\tresume\trelevance (2 same occupation, 1 close neighbour, 0 other)\n"
    (out / "labels.tsv").write_text(header + "\n".join(rows) + "\n")
    (out / "occupations.tsv").write_text("\n".join(occ_rows) + "\n")
    (out / "parse.tsv").write_text("# resume\tname\temail\tdegree\tgraduation year\tdesignation\n"
                                   + "\n".join(parse_rows) + "\n")
    print(f"{out.relative_to(ROOT)}: {len(files)} resumes, {len(jobs)} jobs, "
          f"{sum(1 for k in files if k in occupation)} labelled, "
          f"{sum(1 for k in files if flattened(k.removesuffix('.xml') + '.txt'))} flattened")


def read_zip(path: Path) -> dict[str, str]:
    out = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith(".xml"):
                out[Path(info.filename).name] = z.read(info).decode("utf-8", errors="replace")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner-resumes"))
    args = ap.parse_args()
    data = Path(args.data)
    write_set(OUT / "dev", read_zip(data / "545_cvs_train_v2.zip"), DEV, JOBS_DEV)
    write_set(OUT / "final", read_zip(data / "set_aside_test_v2_50cvs.zip"), FINAL, JOBS_FINAL)


if __name__ == "__main__":
    main()
