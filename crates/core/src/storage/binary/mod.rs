//! The compact binary snapshot form: a compiled catalog that loads in milliseconds.
//!
//! A JSON snapshot of a whole platform (ten thousand leaf categories, hundreds of thousands of
//! values) takes hundreds of milliseconds to parse, hash and index. This form stores what
//! compiling produced, so loading only checks the file and reads a directory of categories;
//! each category's properties are decoded the first time a listing of that category is
//! validated (see [`crate::catalog::CompiledCategory`]). A CLI run over a few categories
//! never pays for the other ten thousand.
//!
//! Encoding is [`postcard`]: serde-based like the rest of the crate (no second set of derives
//! and no `unsafe`, which the workspace forbids and zero-copy formats such as `rkyv` rely on
//! for their speed), compact (variable-length integers: ids and indices take one to five
//! bytes), and with a stable, documented wire format. The lazy directory gives the start-up
//! speed a zero-copy format would, without tying the engine's types to an archived form.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 0..8 | magic `SHCKSNAP` |
//! | 8..12 | [`BINARY_VERSION`] (`u32`) |
//! | 12..20 | payload length (`u64`) |
//! | 20..52 | SHA-256 of the payload |
//! | 52.. | payload: directory length (`u64`), the directory (postcard), then one postcard body per category |
//!
//! Loading checks the magic, the version, the length and the checksum before decoding
//! anything, every offset is bounds-checked, and the category tree goes through the same
//! integrity checks as compiling JSON: corrupt bytes give a [`BinaryError`], never a panic.
//! A category's body is checked when it is decoded (it must decode whole, with no duplicate
//! property or value and no broken dependency); one that fails is never read as a category
//! with no properties: the engine reports `CATEGORY_METADATA_INCOMPLETE` as an error for its
//! listings, [`crate::Catalog::check_category`] and [`crate::Catalog::verify`] return the
//! error, and [`encode`] refuses to write it.
//! The snapshot's content hash (of its canonical JSON) is carried over, so reports from the
//! binary form are byte-identical to reports from the JSON it was compiled from.

mod decode;
mod encode;
mod model;

pub use decode::decode;
pub use encode::encode;

use crate::catalog::CompileError;
use crate::validate::options::Locale;

/// The first eight bytes of every binary snapshot.
pub const MAGIC: &[u8; 8] = b"SHCKSNAP";

/// The binary layout version this crate reads and writes.
pub const BINARY_VERSION: u32 = 4;

/// Bytes before the payload.
pub(crate) const HEADER_LEN: usize = 52;

/// Whether `bytes` start like a binary snapshot (cheap: the magic only).
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Why bytes are not a usable binary snapshot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BinaryError {
    /// The magic bytes are missing.
    #[error("not a binary shelfcheck snapshot (no `SHCKSNAP` magic)")]
    NotBinary,
    /// Written by a version of shelfcheck with another layout.
    #[error("binary snapshot version {found} is not supported (this build reads version {supported}); recompile it from the JSON snapshot")]
    UnsupportedVersion {
        /// The version the file declares.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// Shorter (or longer) than its header says.
    #[error("binary snapshot is truncated: {expected} bytes expected, {found} found")]
    Truncated {
        /// The length the header declares, in bytes.
        expected: u64,
        /// The length of the file, in bytes.
        found: u64,
    },
    /// The payload does not match its checksum.
    #[error("binary snapshot checksum mismatch: the file is corrupt")]
    ChecksumMismatch,
    /// The checksum matches but a part of the content does not decode (a forged or wrongly
    /// written file: accidents are caught by the checksum).
    #[error("binary snapshot is corrupt: {} cannot be decoded", part.describe(Locale::En))]
    Corrupt {
        /// The part that does not decode.
        part: Part,
    },
    /// The category tree fails the integrity checks.
    #[error("{0}")]
    Integrity(CompileError),
    /// The catalog could not be encoded.
    #[error("the catalog cannot be encoded: {detail}")]
    Encode {
        /// What failed to encode.
        detail: String,
    },
}

impl BinaryError {
    /// The message in a locale.
    pub fn message(&self, locale: Locale) -> String {
        if locale == Locale::En {
            return self.to_string();
        }
        match self {
            BinaryError::NotBinary => "不是 shelfcheck 二进制快照 (缺少 `SHCKSNAP` 标识)".to_owned(),
            BinaryError::UnsupportedVersion { found, supported } => {
                format!("不支持版本 {found} 的二进制快照 (本程序读取版本 {supported}), 请从 JSON 快照重新编译")
            }
            BinaryError::Truncated { expected, found } => {
                format!("二进制快照不完整: 应有 {expected} 字节, 实际 {found} 字节")
            }
            BinaryError::ChecksumMismatch => "二进制快照校验和不符, 文件已损坏".to_owned(),
            BinaryError::Corrupt { part } => format!("二进制快照已损坏: {}无法解码", part.describe(locale)),
            BinaryError::Integrity(e) => e.message(locale),
            BinaryError::Encode { detail } => format!("无法编码该目录: {detail}"),
        }
    }
}

/// The part of a binary snapshot that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// The directory of categories (or its length).
    Directory,
    /// A category's entry points outside the file.
    CategoryOffset {
        /// The category whose entry is wrong.
        category_id: crate::model::ids::Id,
    },
    /// A category's properties and values.
    Body {
        /// The category whose body does not decode.
        category_id: crate::model::ids::Id,
        /// Its name.
        name: String,
    },
    /// The seller scope.
    SellerScope,
}

impl Part {
    fn describe(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match self {
            Part::Directory if zh => "类目目录".to_owned(),
            Part::Directory => "the directory of categories".to_owned(),
            Part::CategoryOffset { category_id } if zh => format!("类目 `{category_id}` 的数据位置"),
            Part::CategoryOffset { category_id } => format!("the position of category `{category_id}`"),
            Part::Body { category_id, name } if zh => format!("类目 `{name}` ({category_id}) 的属性数据"),
            Part::Body { category_id, name } => format!("the properties of category `{name}` ({category_id})"),
            Part::SellerScope if zh => "卖家授权范围".to_owned(),
            Part::SellerScope => "the seller scope".to_owned(),
        }
    }
}

/// Where one category's encoded body lies in a loaded file.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub data: std::sync::Arc<Vec<u8>>,
    pub start: usize,
    pub len: usize,
    pub category_id: crate::model::ids::Id,
    /// The category's name, for messages about its body.
    pub name: String,
    /// Decodes the body (`Section::decode`); set by the loader, see `CompiledCategory`'s
    /// `Deref` for why it is a pointer.
    pub decode: fn(&Section) -> crate::catalog::CategoryBody,
}

#[cfg(test)]
mod tests;
