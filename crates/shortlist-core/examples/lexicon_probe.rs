// Temporary probe (not committed): one document per input line (\t-separated id, text); prints
// id \t skill \t count, and the time spent in find().
use shortlist_core::lexicon::Lexicon;
use std::io::BufRead;
use std::time::Instant;
fn main() {
    let lex = Lexicon::shipped();
    let docs: Vec<String> = std::io::stdin().lock().lines().map(|l| l.unwrap()).collect();
    let started = Instant::now();
    let mut bytes = 0;
    let mut out = Vec::new();
    for d in &docs {
        let (id, text) = d.split_once('\t').unwrap_or(("?", d));
        bytes += text.len();
        for h in lex.find(text) {
            out.push(format!("{id}\t{}\t{}\t{}", h.skill, h.count, lex.skill(&h.skill).map(|s| s.category.as_str()).unwrap_or("")));
        }
    }
    let t = started.elapsed();
    for o in out { println!("{o}"); }
    eprintln!("{} docs, {} bytes, {} skills, find() took {:.1} ms ({:.1} MB/s)", docs.len(), bytes, lex.len(), t.as_secs_f64()*1e3, bytes as f64/1e6/t.as_secs_f64());
}
