//! Bytes → catalog: checks first, then the directory; category bodies on first use.

use super::model::{BinBody, Directory};
use super::{BinaryError, Section, BINARY_VERSION, HEADER_LEN, MAGIC};
use crate::catalog::{compile, Catalog, CategoryBody, CompileError};
use crate::snapshot::SellerScope;
use sha2::{Digest, Sha256};
use std::sync::Arc;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).and_then(|s| s.try_into().ok()).map(u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).and_then(|s| s.try_into().ok()).map(u64::from_le_bytes)
}

fn corrupt(detail: impl Into<String>) -> BinaryError {
    BinaryError::Corrupt { detail: detail.into() }
}

/// Loads a binary snapshot. The bytes are kept (shared) for the category bodies, which are
/// decoded when first used.
pub fn decode(bytes: Vec<u8>) -> Result<Catalog, BinaryError> {
    if !bytes.starts_with(MAGIC) {
        return Err(BinaryError::NotBinary);
    }
    let version =
        u32_at(&bytes, 8).ok_or(BinaryError::Truncated { expected: HEADER_LEN as u64, found: bytes.len() as u64 })?;
    if version != BINARY_VERSION {
        return Err(BinaryError::UnsupportedVersion { found: version, supported: BINARY_VERSION });
    }
    let payload_len =
        u64_at(&bytes, 12).ok_or(BinaryError::Truncated { expected: HEADER_LEN as u64, found: bytes.len() as u64 })?;
    let expected = (HEADER_LEN as u64).saturating_add(payload_len);
    if bytes.len() < HEADER_LEN || expected != bytes.len() as u64 {
        return Err(BinaryError::Truncated { expected, found: bytes.len() as u64 });
    }
    let payload = &bytes[HEADER_LEN..];
    if Sha256::digest(payload).as_slice() != &bytes[20..HEADER_LEN] {
        return Err(BinaryError::ChecksumMismatch);
    }
    let dir_len = u64_at(payload, 0).ok_or_else(|| corrupt("no directory length"))?;
    let dir_end = usize::try_from(dir_len).ok().and_then(|l| l.checked_add(8)).filter(|&e| e <= payload.len());
    let dir_end = dir_end.ok_or_else(|| corrupt("directory length past the end"))?;
    let directory: Directory = postcard::from_bytes(&payload[8..dir_end]).map_err(|e| corrupt(e.to_string()))?;
    let bodies_start = HEADER_LEN + dir_end;
    let bodies_len = bytes.len() - bodies_start;

    let Directory { platform, hash, built_at, source, limits, seller, categories: bin_categories } = directory;
    let mut sections = Vec::with_capacity(bin_categories.len());
    let mut categories = Vec::with_capacity(bin_categories.len());
    for c in bin_categories {
        let (offset, len) = (usize::try_from(c.offset).ok(), usize::try_from(c.len).ok());
        let range = offset.zip(len).and_then(|(o, l)| o.checked_add(l).map(|e| (o, l, e)));
        let Some((offset, len, _)) = range.filter(|&(_, _, end)| end <= bodies_len) else {
            return Err(corrupt(format!("category `{}` points past the end", c.id)));
        };
        sections.push((c.id, bodies_start + offset, len));
        categories.push(c.into_category());
    }
    let mut problems = Vec::new();
    let (mut cats, by_id) = compile::index_categories(categories, &mut problems);
    if !problems.is_empty() {
        return Err(BinaryError::Integrity(CompileError { problems }));
    }
    let data = Arc::new(bytes);
    // `index_categories` drops nothing once it reported no problem, so the lists line up.
    for (cat, (category_id, start, len)) in cats.iter_mut().zip(sections) {
        if cat.category.leaf {
            cat.encoded = Some(Section { data: Arc::clone(&data), start, len, category_id });
        } else {
            cat.body = std::sync::OnceLock::from(CategoryBody::default());
        }
    }
    let seller_scope: Option<SellerScope> = match seller {
        Some(json) => Some(serde_json::from_str(&json).map_err(|e| corrupt(format!("seller scope: {e}")))?),
        None => None,
    };
    Ok(Catalog {
        hash,
        platform,
        limits,
        built_at,
        source,
        categories: cats,
        by_id,
        seller: seller_scope.clone().map(compile::index_seller),
        seller_scope,
    })
}

impl Section {
    /// Decodes and indexes the body. The file's checksum was verified when it was loaded, so
    /// this fails only for a file written wrongly; such a category then has no properties
    /// (every listing property is reported unknown) rather than bringing the process down.
    pub(crate) fn decode(&self) -> CategoryBody {
        let mut body = CategoryBody::default();
        let Some(bytes) = self.data.get(self.start..self.start + self.len) else { return body };
        let Ok(bin) = postcard::from_bytes::<BinBody>(bytes) else { return body };
        for p in bin.props {
            let (property, values) = p.into_parts(self.category_id);
            if body.add_property(property) {
                for v in values {
                    // Duplicates were refused when the JSON was compiled; a forged file's
                    // duplicates are dropped the same way.
                    let _ = body.add_value(v);
                }
            }
        }
        // Dependency problems were reported when the JSON was compiled.
        let _ = body.finish(self.category_id);
        body
    }
}
