//! Questions about a resume find the line that answers them, with the real model: concept
//! questions through the lexicon's categories, rare words through their weight.

use shortlist_core::analysis::Passage;
use shortlist_core::lexical::TermStats;
use shortlist_core::lexicon::Lexicon;
use shortlist_core::profile::Section;
use shortlist_core::qa;

use crate::embedder;

fn best_answer(question: &str, lines: &[(&str, Section)]) -> String {
    let passages: Vec<Passage> = lines
        .iter()
        .map(|(t, s)| Passage {
            section: *s,
            text: (*t).to_owned(),
        })
        .collect();
    let texts: Vec<&str> = lines.iter().map(|(t, _)| *t).collect();
    let vectors = embedder().embed(&texts).unwrap();
    let q = embedder().embed_one(question).unwrap();
    let ranked = qa::rank(
        question,
        &q,
        &passages,
        &vectors,
        3,
        Lexicon::shipped(),
        &TermStats::default(),
    );
    ranked.first().map(|a| a.text.clone()).unwrap_or_default()
}

#[test]
fn a_framework_question_finds_the_skills_line_not_the_courses() {
    let ml = "Machine Learning: scikit-learn, TensorFlow, PyTorch, XGBoost, LightGBM, Keras";
    let lines = [
        (
            "Completed the Deep Learning Specialization course",
            Section::Other,
        ),
        (
            "Attended a workshop on deep learning for computer vision",
            Section::Other,
        ),
        (
            "Coursework: Introduction to Deep Learning, Statistics, Linear Algebra",
            Section::Education,
        ),
        (ml, Section::Skills),
        (
            "Built dashboards in Tableau for the sales team",
            Section::Experience,
        ),
    ];
    assert_eq!(
        best_answer(
            "Which deep learning frameworks has the candidate used?",
            &lines
        ),
        ml
    );
}

#[test]
fn a_crm_question_finds_the_tools_line() {
    let crm = "Managed the whole sales pipeline in Salesforce and HubSpot";
    let lines = [
        (
            "Built strong customer relationships with key clients",
            Section::Experience,
        ),
        (
            "Handled customer complaints over the phone",
            Section::Experience,
        ),
        (crm, Section::Experience),
        ("Exceeded quarterly targets by 20 %", Section::Experience),
    ];
    assert_eq!(best_answer("Which CRM has she worked with?", &lines), crm);
}

#[test]
fn a_payroll_question_finds_the_payroll_line() {
    let payroll = "Ran monthly payroll for 500+ employees and filed statutory returns";
    let lines = [
        (
            "Managed onboarding of new employees and their induction",
            Section::Experience,
        ),
        (
            "Organised the annual staff party and team events",
            Section::Experience,
        ),
        (payroll, Section::Experience),
        (
            "Handled employee grievances and exit interviews",
            Section::Experience,
        ),
    ];
    assert_eq!(best_answer("Has he processed payroll?", &lines), payroll);
}
