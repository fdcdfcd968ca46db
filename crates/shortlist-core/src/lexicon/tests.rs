//! The lexicon on hand-made and real resume lines.

use super::*;

fn skills(text: &str) -> Vec<String> {
    Lexicon::shipped().skills_in(text)
}

fn names(skills: &[&Skill]) -> Vec<String> {
    skills.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn ships_thousands_of_skills() {
    assert!(
        Lexicon::shipped().len() >= 2500,
        "{}",
        Lexicon::shipped().len()
    );
}

#[test]
fn aliases_map_to_canonical_names() {
    assert_eq!(skills("JS and k8s"), ["JavaScript", "Kubernetes"]);
    assert_eq!(skills("Postgres, Golang"), ["Go", "PostgreSQL"]);
    assert_eq!(skills("ML engineer"), ["Machine learning"]);
    assert_eq!(skills("machine learning"), ["Machine learning"]);
    assert_eq!(skills("React.js / ReactJS"), ["React"]);
}

#[test]
fn case_matters_where_it_should() {
    assert_eq!(skills("Services in Go and Rust"), ["Go", "Rust"]);
    assert!(skills("ready to go live").is_empty());
    // "excel" the verb is not Excel (negotiation is a skill of its own now).
    assert_eq!(skills("I excel at negotiation"), ["Negotiation"]);
    assert_eq!(skills("Advanced Excel"), ["Excel"]);
    assert!(skills("Go-to-market plans").is_empty());
}

#[test]
fn word_boundaries_and_symbols() {
    assert_eq!(skills("C++ and C#"), ["C#", "C++"]);
    assert_eq!(skills("C, C++"), ["C", "C++"]);
    assert!(skills("R&D budget").is_empty());
    assert!(skills("javascripting").is_empty());
    assert!(skills("Scalability").contains(&"Scalability".to_owned()));
    assert!(!skills("Scalability").contains(&"Scala".to_owned()));
    assert_eq!(skills("Node.js"), ["Node.js"]);
    assert_eq!(skills(".NET Core"), [".NET"]);
}

#[test]
fn counts_every_occurrence_once() {
    let hits = Lexicon::shipped().find("Kubernetes, k8s and more Kubernetes");
    assert_eq!(
        hits,
        [SkillHit {
            skill: "Kubernetes".into(),
            count: 3
        }]
    );
}

#[test]
fn longest_alias_wins_and_matches_do_not_overlap() {
    let lex = Lexicon::parse("[x]\nApache Spark | Spark\nSpark Streaming\n");
    assert_eq!(lex.skills_in("Apache Spark"), ["Apache Spark"]);
    assert_eq!(
        lex.skills_in("Spark Streaming and Spark"),
        ["Apache Spark", "Spark Streaming"]
    );
    assert_eq!(lex.find("Apache Spark")[0].count, 1);
}

#[test]
fn a_plural_of_the_last_word_matches() {
    let lex = Lexicon::parse("[x]\nGood manufacturing practice | =GMP\nLead generation\n=Go\n");
    assert_eq!(
        lex.skills_in("Good Manufacturing Practices"),
        ["Good manufacturing practice"]
    );
    assert_eq!(lex.skills_in("lead generations"), ["Lead generation"]);
    assert!(lex.skills_in("GMPs and Gos").is_empty());
    assert!(lex.skills_in("lead generationss").is_empty());
}

#[test]
fn shipped_file_starts_with_the_curated_one() {
    // skills.txt is generated: the curated file is copied into it as is, so an edit of
    // curated-skills.txt without re-running scripts/make-lexicon.py fails here.
    let curated = include_str!("../../data/curated-skills.txt");
    assert!(SKILLS.contains(curated.trim()));
}

#[test]
fn no_alias_names_two_skills() {
    let lex = Lexicon::shipped();
    let mut owner: HashMap<(bool, &[String], &[bool]), usize> = HashMap::new();
    let mut shared = Vec::new();
    for p in &lex.skill_patterns.patterns {
        let key = (p.exact, p.words.as_slice(), &p.spaced[1..]);
        if let Some(&other) = owner.get(&key) {
            if other != p.target {
                shared.push(format!(
                    "{:?}: {} / {}",
                    p.words, lex.skills[other].name, lex.skills[p.target].name
                ));
            }
        } else {
            owner.insert(key, p.target);
        }
    }
    assert!(shared.is_empty(), "{shared:#?}");
}

#[test]
fn spacing_inside_an_alias_must_agree() {
    let lex = Lexicon::parse("[x]\nNode.js\nMachine learning\n");
    assert_eq!(lex.skills_in("machine\n  learning"), ["Machine learning"]);
    assert!(lex.skills_in("node. js").is_empty());
    assert!(lex.skills_in("machinelearning").is_empty());
}

#[test]
fn non_software_resume_lines() {
    assert_eq!(
        skills(
            "Achieved sales targets through lead generation, key account management and Salesforce"
        ),
        [
            "Key account management",
            "Lead generation",
            "Sales targets",
            "Salesforce"
        ]
    );
    assert_eq!(
        skills("Handled payroll processing, onboarding and PF/ESI compliance on Tally ERP 9"),
        [
            "Compliance",
            "Labour law compliance",
            "Onboarding",
            "Payroll",
            "Tally"
        ]
    );
    assert_eq!(
        skills(
            "Drafted plaints and written statements; civil litigation before the District Court"
        ),
        ["Civil litigation", "Plaints", "Written statements"]
    );
    assert_eq!(
        skills("Staff nurse in the ICU: IV cannulation, wound care, BLS certified"),
        [
            "Basic life support",
            "Critical care",
            "IV therapy",
            "Nursing",
            "Wound care"
        ]
    );
    assert_eq!(
        skills("Site engineer: AutoCAD drawings, BOQ preparation, STAAD Pro structural analysis"),
        [
            "AutoCAD",
            "Construction management",
            "Quantity surveying",
            "STAAD Pro",
            "Structural engineering"
        ]
    );
    assert_eq!(
        skills("SAP FICO and SAP MM consultant, ABAP on HANA"),
        ["ABAP", "Consulting", "SAP FICO", "SAP MM"]
    );
}

#[test]
fn tally_the_verb_is_not_tally_the_software() {
    assert!(!skills("tally the stock counts").contains(&"Tally".to_owned()));
    assert!(skills("Tally Prime").contains(&"Tally".to_owned()));
}

#[test]
fn skills_know_their_category_and_genericity() {
    let lex = Lexicon::shipped();
    let tally = lex.skill("tally").expect("Tally");
    assert_eq!(tally.category, "accounting software");
    assert!(!tally.generic);
    assert_eq!(
        lex.skill("PyTorch").expect("PyTorch").category,
        "deep learning frameworks"
    );
    assert_eq!(lex.skill("Salesforce").expect("Salesforce").category, "crm");
    assert!(
        lex.skill("Communication skills")
            .expect("communication")
            .generic
    );
    assert!(lex.skill("Sales").expect("sales").generic);
    assert!(lex.skill("no such skill").is_none());
}

#[test]
fn generic_marker_and_generic_categories() {
    let lex = Lexicon::parse("[tools]\n~Management\nExcel\n[generic soft skills]\nTeamwork\n");
    let generic: Vec<bool> = lex.skills().iter().map(|s| s.generic).collect();
    assert_eq!(generic, [true, false, true]);
    assert_eq!(lex.skill("management").expect("parsed").name, "Management");
}

#[test]
fn categories_named_in_questions() {
    let lex = Lexicon::shipped();
    assert_eq!(
        lex.categories_in("Which deep learning frameworks has the candidate used?"),
        ["deep learning frameworks"]
    );
    assert_eq!(lex.categories_in("which CRM does she know"), ["crm"]);
    assert_eq!(
        lex.categories_in("Any cloud platform experience?"),
        ["cloud platforms"]
    );
    assert!(lex
        .categories_in("What accounting software has he used?")
        .contains(&"accounting software"));
    assert!(lex
        .categories_in("Which CAD tools?")
        .contains(&"cad software"));
    assert_eq!(
        lex.categories_in("What nursing skills does she have?"),
        ["healthcare"]
    );
    assert_eq!(lex.categories_in("Any legal expertise?"), ["legal"]);
    assert!(lex.categories_in("How many years in total?").is_empty());
}

#[test]
fn category_aliases_from_the_file() {
    let lex = Lexicon::parse(
        "[deep learning frameworks | deep learning | neural network frameworks]\nPyTorch\n",
    );
    assert_eq!(
        lex.categories()[0].aliases,
        ["deep learning", "neural network frameworks"]
    );
    assert_eq!(
        lex.categories_in("neural network framework?"),
        ["deep learning frameworks"]
    );
    assert_eq!(
        lex.categories_in("any deep learning"),
        ["deep learning frameworks"]
    );
    assert_eq!(names(&lex.skills_of_category("Deep Learning")), ["PyTorch"]);
}

#[test]
fn skills_of_a_category() {
    let lex = Lexicon::shipped();
    let dl = names(&lex.skills_of_category("deep learning frameworks"));
    for want in ["PyTorch", "TensorFlow", "Keras"] {
        assert!(dl.contains(&want.to_owned()), "{dl:?}");
    }
    let ml = names(&lex.skills_of_category("machine learning libraries"));
    for want in ["scikit-learn", "XGBoost", "LightGBM"] {
        assert!(ml.contains(&want.to_owned()), "{ml:?}");
    }
    let crm = names(&lex.skills_of_category("CRM"));
    for want in ["Salesforce", "HubSpot", "Zoho CRM"] {
        assert!(crm.contains(&want.to_owned()), "{crm:?}");
    }
    let accounting = names(&lex.skills_of_category("accounting software"));
    for want in ["Tally", "QuickBooks"] {
        assert!(accounting.contains(&want.to_owned()), "{accounting:?}");
    }
    assert!(lex.skills_of_category("no such category").is_empty());
}

#[test]
fn the_machine_learning_line_answers_a_deep_learning_question() {
    let lex = Lexicon::shipped();
    let line = "Machine Learning: scikit-learn, TensorFlow, PyTorch, XGBoost, LightGBM, Keras";
    let category = lex.categories_in("Which deep learning frameworks has the candidate used?");
    let wanted: Vec<String> = names(&lex.skills_of_category(category[0]));
    let found: Vec<String> = lex
        .skills_in(line)
        .into_iter()
        .filter(|s| wanted.contains(s))
        .collect();
    assert_eq!(found, ["Keras", "PyTorch", "TensorFlow"]);
}

#[test]
fn singular_and_plural_of_category_names() {
    assert_eq!(
        number_variant("cloud platforms").as_deref(),
        Some("cloud platform")
    );
    assert_eq!(number_variant("crm").as_deref(), Some("crms"));
    assert_eq!(number_variant("hr policy").as_deref(), Some("hr policies"));
    assert_eq!(number_variant("business"), None);
}
