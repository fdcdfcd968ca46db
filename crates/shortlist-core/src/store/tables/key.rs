//! Typed key codecs of the store's tables (as arroy's `key.rs`): each key type encodes to the
//! exact bytes earlier versions wrote, so existing data folders and backups open unchanged,
//! and decodes back with its parts validated (a damaged key is a decoding error, never a
//! silently wrong ID).
//!
//! | table                  | key bytes                             |
//! |------------------------|---------------------------------------|
//! | jobs                   | `<job id>`                            |
//! | resumes, passages, …   | `<resume id>`                         |
//! | analyses               | `<analysis id>`                       |
//! | analyses-by-job        | `<job id>/<100 - score, 3 digits>/<analysis id>` |
//! | analysis-by-pair       | `<job id>/<resume id>`                |
//! | feedback, vectors, …   | `<feedback id>`                       |
//! | feedback-by-analysis   | `<analysis id>/<feedback id>`         |

use std::borrow::Cow;

use heed::{BoxedError, BytesDecode, BytesEncode};

use crate::id::{AnalysisId, FeedbackId, JobId, ResumeId};

fn utf8(bytes: &[u8]) -> Result<&str, BoxedError> {
    Ok(std::str::from_utf8(bytes)?)
}

macro_rules! id_codec {
    ($(#[$doc:meta])* $codec:ident, $id:ty) => {
        $(#[$doc])*
        pub(crate) enum $codec {}

        impl<'a> BytesEncode<'a> for $codec {
            type EItem = $id;

            fn bytes_encode(id: &'a $id) -> Result<Cow<'a, [u8]>, BoxedError> {
                Ok(Cow::Borrowed(id.as_str().as_bytes()))
            }
        }

        impl<'a> BytesDecode<'a> for $codec {
            type DItem = $id;

            fn bytes_decode(bytes: &'a [u8]) -> Result<$id, BoxedError> {
                Ok(<$id>::parse(utf8(bytes)?)?)
            }
        }
    };
}

id_codec!(
    /// A job ID as its 8 hex characters.
    JobKey, JobId
);
id_codec!(
    /// A resume ID as `resume_` + 12 hex characters.
    ResumeKey, ResumeId
);
id_codec!(
    /// An analysis ID as its 12 hex characters.
    AnalysisKey, AnalysisId
);
id_codec!(
    /// A feedback ID as `fb_` + 12 hex characters.
    FeedbackKey, FeedbackId
);

/// A row of a job's ranking: the best score sorts first within the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rank {
    pub job: JobId,
    /// 0–100 (higher is stored lower, so that it sorts first).
    pub score: u8,
    pub analysis: AnalysisId,
}

/// `<job>/<100 - score as 3 digits>/<analysis>`.
pub(crate) enum RankKey {}

impl<'a> BytesEncode<'a> for RankKey {
    type EItem = Rank;

    fn bytes_encode(r: &'a Rank) -> Result<Cow<'a, [u8]>, BoxedError> {
        let inverted = 100 - u32::from(r.score.min(100));
        Ok(Cow::Owned(
            format!("{}/{inverted:03}/{}", r.job, r.analysis).into_bytes(),
        ))
    }
}

impl<'a> BytesDecode<'a> for RankKey {
    type DItem = Rank;

    fn bytes_decode(bytes: &'a [u8]) -> Result<Rank, BoxedError> {
        let mut parts = utf8(bytes)?.splitn(3, '/');
        let (Some(job), Some(inverted), Some(analysis)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err("a ranking key has three parts".into());
        };
        let inverted: u8 = inverted.parse()?;
        if inverted > 100 || inverted_len_wrong(bytes, job.len()) {
            return Err("a ranking key's score is out of range".into());
        }
        Ok(Rank {
            job: JobId::parse(job)?,
            score: 100 - inverted,
            analysis: AnalysisId::parse(analysis)?,
        })
    }
}

/// The score part is always three digits.
fn inverted_len_wrong(bytes: &[u8], job_len: usize) -> bool {
    bytes.get(job_len + 4) != Some(&b'/')
}

/// The analysis of one (job, resume) pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub job: JobId,
    pub resume: ResumeId,
}

/// `<job>/<resume>`.
pub(crate) enum PairKey {}

impl<'a> BytesEncode<'a> for PairKey {
    type EItem = Pair;

    fn bytes_encode(p: &'a Pair) -> Result<Cow<'a, [u8]>, BoxedError> {
        Ok(Cow::Owned(format!("{}/{}", p.job, p.resume).into_bytes()))
    }
}

impl<'a> BytesDecode<'a> for PairKey {
    type DItem = Pair;

    fn bytes_decode(bytes: &'a [u8]) -> Result<Pair, BoxedError> {
        let (job, resume) = utf8(bytes)?
            .split_once('/')
            .ok_or("a pair key has two parts")?;
        Ok(Pair {
            job: JobId::parse(job)?,
            resume: ResumeId::parse(resume)?,
        })
    }
}

/// One feedback record of an analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Given {
    pub analysis: AnalysisId,
    pub feedback: FeedbackId,
}

/// `<analysis>/<feedback>`.
pub(crate) enum GivenKey {}

impl<'a> BytesEncode<'a> for GivenKey {
    type EItem = Given;

    fn bytes_encode(g: &'a Given) -> Result<Cow<'a, [u8]>, BoxedError> {
        Ok(Cow::Owned(
            format!("{}/{}", g.analysis, g.feedback).into_bytes(),
        ))
    }
}

impl<'a> BytesDecode<'a> for GivenKey {
    type DItem = Given;

    fn bytes_decode(bytes: &'a [u8]) -> Result<Given, BoxedError> {
        let (analysis, feedback) = utf8(bytes)?
            .split_once('/')
            .ok_or("a feedback key has two parts")?;
        Ok(Given {
            analysis: AnalysisId::parse(analysis)?,
            feedback: FeedbackId::parse(feedback)?,
        })
    }
}

/// The prefix of every key that starts with an ID and a `/` (a job's ranking rows, an
/// analysis's feedback): for prefix scans.
pub(crate) enum Under {}

impl<'a> BytesEncode<'a> for Under {
    type EItem = str;

    fn bytes_encode(id: &'a str) -> Result<Cow<'a, [u8]>, BoxedError> {
        let mut bytes = Vec::with_capacity(id.len() + 1);
        bytes.extend_from_slice(id.as_bytes());
        bytes.push(b'/');
        Ok(Cow::Owned(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<'a, C>(
        item: &'a <C as BytesEncode<'a>>::EItem,
    ) -> (Vec<u8>, <C as BytesDecode<'static>>::DItem)
    where
        C: BytesEncode<'a> + BytesDecode<'static>,
    {
        let bytes = C::bytes_encode(item).unwrap().into_owned();
        // Decoded from a leaked copy: the decoded item owns its parts anyway.
        let leaked: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
        (bytes, C::bytes_decode(leaked).unwrap())
    }

    fn ids() -> (JobId, ResumeId, AnalysisId, FeedbackId) {
        (
            JobId::parse("1a2b3c4d").unwrap(),
            ResumeId::parse("resume_0123456789ab").unwrap(),
            AnalysisId::parse("00112233aabb").unwrap(),
            FeedbackId::parse("fb_ffeeddccbbaa").unwrap(),
        )
    }

    #[test]
    fn keys_keep_the_bytes_earlier_versions_wrote() {
        let (job, resume, analysis, feedback) = ids();
        for (score, text) in [(87u8, "013"), (100, "000"), (0, "100"), (5, "095")] {
            let rank = Rank {
                job: job.clone(),
                score,
                analysis: analysis.clone(),
            };
            let (bytes, back) = round_trip::<RankKey>(&rank);
            assert_eq!(bytes, format!("1a2b3c4d/{text}/00112233aabb").into_bytes());
            assert_eq!(back, rank);
        }
        let pair = Pair {
            job: job.clone(),
            resume: resume.clone(),
        };
        let (bytes, back) = round_trip::<PairKey>(&pair);
        assert_eq!(bytes, b"1a2b3c4d/resume_0123456789ab");
        assert_eq!(back, pair);
        let given = Given {
            analysis: analysis.clone(),
            feedback: feedback.clone(),
        };
        let (bytes, back) = round_trip::<GivenKey>(&given);
        assert_eq!(bytes, b"00112233aabb/fb_ffeeddccbbaa");
        assert_eq!(back, given);
        assert_eq!(
            round_trip::<JobKey>(&job),
            (b"1a2b3c4d".to_vec(), job.clone())
        );
        assert_eq!(round_trip::<ResumeKey>(&resume).1, resume);
        assert_eq!(round_trip::<AnalysisKey>(&analysis).1, analysis);
        assert_eq!(round_trip::<FeedbackKey>(&feedback).1, feedback);
        assert_eq!(&*Under::bytes_encode(job.as_str()).unwrap(), b"1a2b3c4d/");
    }

    #[test]
    fn damaged_keys_do_not_decode() {
        for bad in [
            &b"1a2b3c4d/013"[..],
            b"1a2b3c4d/13/00112233aabb",
            b"1a2b3c4d/101/00112233aabb",
            b"1a2b3c4d/0x3/00112233aabb",
            b"1A2B3C4D/013/00112233aabb",
            b"1a2b3c4d/013/00112233aabb/x",
            b"\xff/013/00112233aabb",
        ] {
            assert!(RankKey::bytes_decode(bad).is_err(), "{bad:?}");
        }
        assert!(PairKey::bytes_decode(b"1a2b3c4d").is_err());
        assert!(PairKey::bytes_decode(b"1a2b3c4d/resume_x").is_err());
        assert!(GivenKey::bytes_decode(b"00112233aabb/fb_").is_err());
        assert!(JobKey::bytes_decode(b"../etc").is_err());
    }
}
