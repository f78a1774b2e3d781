//! Catalog → bytes.

use super::model::{BinBody, BinCategory, BinProperty, Directory};
use super::{BinaryError, BINARY_VERSION, HEADER_LEN, MAGIC};
use crate::catalog::Catalog;
use sha2::{Digest, Sha256};

fn encode_err(e: impl std::fmt::Display) -> BinaryError {
    BinaryError::Encode { detail: e.to_string() }
}

/// Encodes a compiled catalog in the binary form. The catalog has passed the integrity checks,
/// so loading the result needs none of the work compiling did.
pub fn encode(catalog: &Catalog) -> Result<Vec<u8>, BinaryError> {
    let mut bodies: Vec<u8> = Vec::new();
    let mut categories = Vec::with_capacity(catalog.categories.len());
    for cat in &catalog.categories {
        let start = bodies.len() as u64;
        if cat.category.leaf {
            // A body that did not decode from the binary form it was loaded from is not
            // written out as an empty one.
            if let Some(e) = &cat.broken {
                return Err(e.clone());
            }
            let body = BinBody {
                props: cat.props.iter().map(|p| BinProperty::from_property(&p.property, &p.values)).collect(),
            };
            bodies = postcard::to_extend(&body, bodies).map_err(encode_err)?;
        }
        let len = bodies.len() as u64 - start;
        categories.push(BinCategory::from_category(&cat.category, start, len));
    }
    let seller = match &catalog.seller_scope {
        Some(s) => Some(serde_json::to_string(s).map_err(encode_err)?),
        None => None,
    };
    let directory = Directory {
        platform: catalog.platform,
        hash: catalog.hash.clone(),
        built_at: catalog.built_at.clone(),
        source: catalog.source.clone(),
        limits: serde_json::to_string(&catalog.limits).map_err(encode_err)?,
        seller,
        categories,
    };
    let dir = postcard::to_allocvec(&directory).map_err(encode_err)?;
    let payload_len = 8 + dir.len() + bodies.len();
    let mut out = Vec::with_capacity(HEADER_LEN + payload_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&BINARY_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload_len as u64).to_le_bytes());
    out.extend_from_slice(&[0u8; 32]);
    out.extend_from_slice(&(dir.len() as u64).to_le_bytes());
    out.extend_from_slice(&dir);
    out.extend_from_slice(&bodies);
    let digest = Sha256::digest(&out[HEADER_LEN..]);
    out[20..HEADER_LEN].copy_from_slice(&digest);
    Ok(out)
}
