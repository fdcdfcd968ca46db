//! The zip layer of a Word file (an OPC package): the container checks, the part list, and
//! reads of single parts that are bounded while they inflate.
//!
//! Nothing here trusts a size written in the file. The number of parts is counted from the
//! central-directory signatures in the bytes before the zip reader builds its index, and every
//! part is inflated into a buffer that stops at the per-part and whole-document caps and at the
//! compression-ratio limit, whatever its header says.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{DocxError, DocxLimits};

/// The OLE compound-file signature (legacy `.doc`, and the wrapper of an encrypted `.docx`).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// A zip central-directory file header.
const CENTRAL_HEADER: [u8; 4] = *b"PK\x01\x02";

/// What the first bytes say the file is.
pub(crate) fn check_container(bytes: &[u8]) -> Result<(), DocxError> {
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(if cfb_is_encrypted_package(bytes) {
            DocxError::Encrypted
        } else {
            DocxError::LegacyDoc
        });
    }
    // A package starts with a local file header (or, empty, with the end record).
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Err(DocxError::NotZip);
    }
    Ok(())
}

/// Whether an OLE compound file is an encrypted OOXML package: Office wraps a password-protected
/// `.docx` in a compound file with an `EncryptionInfo` and an `EncryptedPackage` stream. A
/// compound file without them (or one too damaged to list) is a legacy binary document.
fn cfb_is_encrypted_package(bytes: &[u8]) -> bool {
    match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(file) => file.is_stream("/EncryptionInfo") || file.is_stream("/EncryptedPackage"),
        Err(_) => false,
    }
}

/// Central-directory records in the bytes: an upper bound on the parts the zip reader will
/// index (it cannot index a record that is not there), found without trusting the count the
/// end record declares.
fn central_records(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = bytes;
    while let Some(at) = memchr_pk(rest) {
        if rest[at..].starts_with(&CENTRAL_HEADER) {
            count += 1;
        }
        rest = &rest[at + 2..];
    }
    count
}

/// The next `PK` in `bytes`.
fn memchr_pk(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| w == b"PK")
}

/// An opened package: the zip index and what has been inflated so far.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name (without a leading `/`) → zip index. OPC part names compare
    /// case-insensitively.
    names: HashMap<String, usize>,
    limits: DocxLimits,
    /// Bytes inflated so far, all parts together.
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip index after the container and part-count checks.
    pub(crate) fn open(bytes: &'a [u8], limits: DocxLimits) -> Result<Package<'a>, DocxError> {
        check_container(bytes)?;
        let records = central_records(bytes);
        if records > limits.max_parts {
            return Err(DocxError::TooManyParts {
                count: records as u64,
                limit: limits.max_parts as u64,
            });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => DocxError::Encrypted,
            _ => DocxError::Damaged {
                what: "its zip directory is invalid",
            },
        })?;
        if archive.len() > limits.max_parts {
            return Err(DocxError::TooManyParts {
                count: archive.len() as u64,
                limit: limits.max_parts as u64,
            });
        }
        let mut names = HashMap::with_capacity(archive.len());
        for (index, raw) in archive.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(raw);
            names.insert(name.trim_start_matches('/').to_ascii_lowercase(), index);
        }
        Ok(Package {
            archive,
            names,
            limits,
            inflated: 0,
        })
    }

    /// Whether the package has a part of this name (case-insensitive).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_ascii_lowercase())
    }

    /// Whether any part's name ends with `suffix` (lower case).
    pub(crate) fn any_ends_with(&self, suffix: &str) -> bool {
        self.names.keys().any(|n| n.ends_with(suffix))
    }

    /// The inflated bytes of a part, or `None` when there is no such part. Stops with a typed
    /// error as soon as the part grows past the per-part cap, the whole document past its cap,
    /// or the output past `max_ratio` times the compressed input.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(&index) = self.names.get(&name.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let limits = self.limits;
        let mut file = self.archive.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => DocxError::Encrypted,
            _ => DocxError::Damaged {
                what: "one of its parts cannot be unpacked",
            },
        })?;
        let compressed = file.compressed_size().max(1);
        let mut out = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut chunk).map_err(|_| DocxError::Damaged {
                what: "one of its parts is truncated or fails its checksum",
            })?;
            if n == 0 {
                break;
            }
            let total = out.len() as u64 + n as u64;
            if total > limits.max_part_bytes || self.inflated + total > limits.max_total_bytes {
                return Err(DocxError::ExpandsTooLarge {
                    limit: limits.max_part_bytes.min(limits.max_total_bytes),
                });
            }
            // A bomb by its ratio AND its size: small parts compress 200:1 harmlessly.
            if total > limits.bomb_floor && total / compressed > u64::from(limits.max_ratio) {
                return Err(DocxError::ZipBomb {
                    limit: limits.max_ratio,
                });
            }
            out.extend_from_slice(&chunk[..n]);
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_central_records_without_trusting_the_end_record() {
        let mut bytes = b"PK\x03\x04xxPKPK\x01\x02....PK\x01\x02".to_vec();
        assert_eq!(central_records(&bytes), 2);
        bytes.extend_from_slice(b"P");
        assert_eq!(central_records(&bytes), 2);
        assert_eq!(central_records(b""), 0);
    }

    #[test]
    fn container_kinds() {
        assert_eq!(check_container(b""), Err(DocxError::NotZip));
        assert_eq!(check_container(b"%PDF-1.7"), Err(DocxError::NotZip));
        assert_eq!(check_container(b"PK\x03\x04"), Ok(()));
        // A compound file too short to list: still an Office binary file, never a crash.
        assert_eq!(check_container(&CFB_MAGIC), Err(DocxError::LegacyDoc));
    }
}
