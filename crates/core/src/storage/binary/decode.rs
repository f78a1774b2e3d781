//! Bytes → catalog: checks first, then the directory; category bodies on first use.

use super::model::{BinBody, Directory};
use super::{BinaryError, Part, Section, BINARY_VERSION, HEADER_LEN, MAGIC};
use crate::catalog::{compile, Catalog, CategoryBody, CompileError, Problem};
use crate::model::snapshot::SellerScope;
use sha2::{Digest, Sha256};
use std::sync::Arc;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).and_then(|s| s.try_into().ok()).map(u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).and_then(|s| s.try_into().ok()).map(u64::from_le_bytes)
}

fn corrupt(part: Part) -> BinaryError {
    BinaryError::Corrupt { part }
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
    let dir_len = u64_at(payload, 0).ok_or_else(|| corrupt(Part::Directory))?;
    let dir_end = usize::try_from(dir_len).ok().and_then(|l| l.checked_add(8)).filter(|&e| e <= payload.len());
    let dir_end = dir_end.ok_or_else(|| corrupt(Part::Directory))?;
    // postcard's own error ("Serde Deserialization Error") tells a seller nothing; the part
    // that failed does.
    let directory: Directory = match postcard::take_from_bytes(&payload[8..dir_end]) {
        Ok((directory, [])) => directory,
        _ => return Err(corrupt(Part::Directory)),
    };
    let bodies_start = HEADER_LEN + dir_end;
    let bodies_len = bytes.len() - bodies_start;

    let Directory { platform, hash, built_at, source, limits, seller, categories: bin_categories } = directory;
    let mut sections = Vec::with_capacity(bin_categories.len());
    let mut categories = Vec::with_capacity(bin_categories.len());
    for c in bin_categories {
        let (offset, len) = (usize::try_from(c.offset).ok(), usize::try_from(c.len).ok());
        let range = offset.zip(len).and_then(|(o, l)| o.checked_add(l).map(|e| (o, l, e)));
        let Some((offset, len, _)) = range.filter(|&(_, _, end)| end <= bodies_len) else {
            return Err(corrupt(Part::CategoryOffset { category_id: c.id }));
        };
        sections.push((c.id, c.name.clone(), bodies_start + offset, len));
        categories.push(c.into_category().map_err(|_| corrupt(Part::Directory))?);
    }
    let mut problems = Vec::new();
    let (mut cats, by_id) = compile::index_categories(categories, &mut problems);
    if !problems.is_empty() {
        return Err(BinaryError::Integrity(CompileError { problems }));
    }
    let data = Arc::new(bytes);
    // `index_categories` drops nothing once it reported no problem, so the lists line up.
    for (cat, (category_id, name, start, len)) in cats.iter_mut().zip(sections) {
        if cat.category.leaf {
            cat.encoded =
                Some(Section { data: Arc::clone(&data), start, len, category_id, name, decode: Section::decode });
        } else {
            cat.body = std::sync::OnceLock::from(CategoryBody::default());
        }
    }
    let limits = serde_json::from_str(&limits).map_err(|_| corrupt(Part::Directory))?;
    let seller_scope: Option<SellerScope> = match seller {
        Some(json) => Some(serde_json::from_str(&json).map_err(|_| corrupt(Part::SellerScope))?),
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
    /// this fails only for a forged or wrongly written file: the body must decode whole and
    /// pass the checks compiling JSON applies to properties and values. A body that does not
    /// comes back empty and marked broken, never passing for a category with no properties.
    pub(crate) fn decode(&self) -> CategoryBody {
        let mut body = CategoryBody::default();
        let broken =
            || BinaryError::Corrupt { part: Part::Body { category_id: self.category_id, name: self.name.clone() } };
        let bin = match self.data.get(self.start..self.start + self.len).map(postcard::take_from_bytes::<BinBody>) {
            Some(Ok((bin, []))) => bin,
            _ => {
                body.broken = Some(broken());
                return body;
            }
        };
        let mut problems = Vec::new();
        for p in bin.props {
            let Ok((property, values)) = p.into_parts(self.category_id) else {
                body.broken = Some(broken());
                return CategoryBody { broken: body.broken, ..CategoryBody::default() };
            };
            let pid = property.pid;
            if !body.add_property(property) {
                problems.push(Problem::DuplicateProperty { category_id: self.category_id, pid });
                continue;
            }
            for v in values {
                let vid = v.vid;
                if body.add_value(v).is_err() {
                    problems.push(Problem::DuplicateValue { category_id: self.category_id, pid, vid });
                }
            }
        }
        problems.extend(body.finish(self.category_id));
        if !problems.is_empty() {
            body =
                CategoryBody { broken: Some(BinaryError::Integrity(CompileError { problems })), ..Default::default() };
        }
        body
    }
}
