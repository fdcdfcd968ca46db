//! Filling a store with synthetic passage vectors for `shortlist bench library-search` (only
//! the benchmark calls these).

use super::super::tables;
use super::super::Store;
use crate::analysis::Passage;
use crate::error::Result;
use crate::id::ResumeId;
use crate::profile::Section;

impl Store {
    /// Every stored passage vector (the seed of the benchmark's synthetic vectors).
    #[doc(hidden)]
    pub fn passage_vectors_for_bench(&self) -> Result<Vec<Vec<f32>>> {
        self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            for item in dbs.passage_vectors.iter(rtxn)? {
                out.extend(item?.1);
            }
            Ok(out)
        })
    }

    /// Stores passages (empty texts) with these vectors under each resume ID, in one write
    /// transaction, marked for the index as any import's are.
    #[doc(hidden)]
    pub fn put_passages_for_bench(&self, resumes: &[(ResumeId, Vec<Vec<f32>>)]) -> Result<()> {
        self.write(|wtxn, dbs| {
            for (id, vectors) in resumes {
                let passages = vec![
                    Passage {
                        section: Section::Experience,
                        text: String::new(),
                    };
                    vectors.len()
                ];
                tables::passages::put(wtxn, dbs, id, &passages, vectors)?;
            }
            Ok(())
        })
    }

    /// Stores passages with these texts (and no vectors) under each resume ID, in one write
    /// transaction: the words half of library search reads only the texts.
    #[doc(hidden)]
    pub fn put_text_passages_for_bench(&self, resumes: &[(ResumeId, Vec<String>)]) -> Result<()> {
        self.write(|wtxn, dbs| {
            for (id, texts) in resumes {
                let passages: Vec<Passage> = texts
                    .iter()
                    .map(|text| Passage {
                        section: Section::Experience,
                        text: text.clone(),
                    })
                    .collect();
                tables::passages::put(wtxn, dbs, id, &passages, &[])?;
            }
            Ok(())
        })
    }

    /// The words half of library search alone: the `k` best passages for `query` as
    /// (resume, passage number, BM25 score), best first, among `among` when given, from the
    /// inverted index or (`scan`) from the reference scan of every passage.
    #[doc(hidden)]
    pub fn words_search_for_bench(
        &self,
        query: &str,
        k: usize,
        scan: bool,
        among: Option<&[ResumeId]>,
    ) -> Result<Vec<(ResumeId, u32, f32)>> {
        let terms = super::words::query_terms(query);
        let allowed: Option<std::collections::HashSet<ResumeId>> =
            among.map(|a| a.iter().cloned().collect());
        self.read(|rtxn, dbs| {
            let hits = if scan {
                super::words::scan(rtxn, dbs, &terms, k, allowed.as_ref())?
            } else {
                super::words::search(rtxn, dbs, &terms, k, allowed.as_ref())?
            };
            Ok(hits
                .into_iter()
                .map(|h| (h.resume, h.passage, h.score))
                .collect())
        })
    }

    /// Deletes the passages of these resumes (the benchmark's erase).
    #[doc(hidden)]
    pub fn delete_passages_for_bench(&self, resumes: &[ResumeId]) -> Result<()> {
        self.write(|wtxn, dbs| {
            for id in resumes {
                tables::passages::delete(wtxn, dbs, id)?;
            }
            Ok(())
        })
    }
}
