//! Ranking metrics (NDCG@k, P@k, pairwise accuracy) and the baselines' arithmetic (BM25,
//! z-scores).

use std::collections::HashMap;

/// NDCG@k of a ranking, given the labels in ranked order.
pub fn ndcg_at(k: usize, ranked: &[u8]) -> f64 {
    let dcg = |labels: &[u8]| -> f64 {
        labels
            .iter()
            .take(k)
            .enumerate()
            .map(|(i, &rel)| (2f64.powi(i32::from(rel)) - 1.0) / (i as f64 + 2.0).log2())
            .sum()
    };
    let mut ideal = ranked.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&ideal);
    if best == 0.0 {
        1.0
    } else {
        dcg(ranked) / best
    }
}

/// Share of differently-labelled pairs that `scores` order the same way as `labels`.
pub fn pairwise_accuracy(scores: &[f64], labels: &[u8]) -> f64 {
    let (mut right, mut total) = (0.0, 0.0);
    for i in 0..scores.len() {
        for j in 0..scores.len() {
            if labels[i] > labels[j] {
                total += 1.0;
                if scores[i] > scores[j] {
                    right += 1.0;
                } else if scores[i] == scores[j] {
                    right += 0.5;
                }
            }
        }
    }
    if total == 0.0 {
        1.0
    } else {
        right / total
    }
}

const STOPWORDS: [&str; 40] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "our", "that", "the", "this", "to", "we", "with", "you", "your", "will", "have", "has",
    "who", "what", "can", "all", "not", "but", "into", "their", "they", "us", "about", "more",
];

fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|t| !t.is_empty() && !STOPWORDS.contains(t))
        .map(str::to_owned)
        .collect()
}

/// BM25 scores of `query` against each of `docs`.
pub fn bm25(query: &str, docs: &[String]) -> Vec<f64> {
    let (k1, b) = (1.2, 0.75);
    let docs: Vec<Vec<String>> = docs.iter().map(|d| tokens(d)).collect();
    let n = docs.len() as f64;
    let avg = docs.iter().map(Vec::len).sum::<usize>() as f64 / n.max(1.0);
    let mut df: HashMap<&str, usize> = HashMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    let query = tokens(query);
    docs.iter()
        .map(|d| {
            let len = d.len() as f64;
            query
                .iter()
                .map(|q| {
                    let f = d.iter().filter(|t| *t == q).count() as f64;
                    let n_q = *df.get(q.as_str()).unwrap_or(&0) as f64;
                    let idf = ((n - n_q + 0.5) / (n_q + 0.5) + 1.0).ln();
                    idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / avg.max(1.0)))
                })
                .sum()
        })
        .collect()
}

/// Scores standardised over the set (mean 0, deviation 1; all zero when they do not vary).
pub fn z_scores(scores: &[f64]) -> Vec<f64> {
    let n = scores.len().max(1) as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let sd = (scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n).sqrt();
    scores
        .iter()
        .map(|s| if sd > 0.0 { (s - mean) / sd } else { 0.0 })
        .collect()
}

/// Precision at `k`: the share of the first `k` whose label is the highest label present.
pub fn precision_at(k: usize, ranked: &[u8]) -> f64 {
    let top = ranked.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return 1.0;
    }
    ranked.iter().take(k).filter(|&&r| r == top).count() as f64 / k as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        assert!((ndcg_at(10, &[3, 2, 1, 0]) - 1.0).abs() < 1e-12);
        assert!(ndcg_at(10, &[0, 1, 2, 3]) < 0.7);
        assert!((ndcg_at(10, &[0, 0]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn pairwise_counts_ties_as_half() {
        assert!((pairwise_accuracy(&[3.0, 2.0, 1.0], &[2, 1, 0]) - 1.0).abs() < 1e-12);
        assert!((pairwise_accuracy(&[1.0, 2.0, 3.0], &[2, 1, 0])).abs() < 1e-12);
        assert!((pairwise_accuracy(&[1.0, 1.0], &[1, 0]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bm25_prefers_documents_with_rare_query_terms() {
        let docs = vec![
            "rust postgres kubernetes".to_owned(),
            "excel sales retail".to_owned(),
            "rust".to_owned(),
        ];
        let s = bm25("Rust and Kubernetes", &docs);
        assert!(s[0] > s[2] && s[2] > s[1], "{s:?}");
    }
}
