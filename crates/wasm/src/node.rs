//! Bindings of [`crate::tools`] and of binary snapshots, for the Node build only (feature
//! `node-tools`; see `tools.rs` for why the browser module leaves them out).

use crate::api::{Api, ApiError};
use crate::{from_json, js_error, locale_arg, Catalog};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Catalog {
    /// Loads a binary snapshot (`shelfcheck snapshot compile`). Node build only. Throws a
    /// `ShelfcheckError` (`SNAPSHOT_INVALID`, `SNAPSHOT_BROKEN`) when the bytes are not one.
    #[wasm_bindgen(js_name = fromBinary)]
    pub fn from_binary(
        bytes: Vec<u8>,
        #[wasm_bindgen(unchecked_param_type = "LocaleName")] locale: Option<String>,
    ) -> Result<Catalog, JsValue> {
        let loc = locale_arg(locale.clone()).unwrap_or_default();
        let run = || -> Result<Catalog, ApiError> {
            locale_arg(locale)?;
            Ok(Catalog { api: Api::from_binary(bytes)? })
        };
        run().map_err(|e| js_error(&e, loc))
    }
}

/// `snapshot check`: counts, content hash, integrity problems, incomplete and unsatisfiable
/// categories of a JSON snapshot, as the CLI's `--format json` prints them (without `file`).
/// Node build only.
#[wasm_bindgen(js_name = checkSnapshot, skip_typescript)]
pub fn check_snapshot(snapshot_json: &str, locale: Option<String>) -> Result<JsValue, JsValue> {
    let loc = locale_arg(locale.clone()).unwrap_or_default();
    let run = || -> Result<JsValue, ApiError> {
        let l = locale_arg(locale)?;
        from_json(&crate::tools::check_json(snapshot_json, l)?)
    };
    run().map_err(|e| js_error(&e, loc))
}

/// `snapshot shard`: `{ index, shards: [{ file, text }] }`, the text of every file the CLI
/// writes. Node build only.
#[wasm_bindgen(js_name = shardSnapshot, skip_typescript)]
pub fn shard_snapshot(snapshot_json: &str, locale: Option<String>) -> Result<JsValue, JsValue> {
    let loc = locale_arg(locale).unwrap_or_default();
    let (index, files) = crate::tools::shard(snapshot_json).map_err(|e| js_error(&e, loc))?;
    let shards = js_sys::Array::new();
    for (file, text) in files {
        let entry = js_sys::Object::new();
        // `Reflect.set` on a fresh plain object cannot fail (as in `js_error`).
        let _ = js_sys::Reflect::set(&entry, &"file".into(), &file.into());
        let _ = js_sys::Reflect::set(&entry, &"text".into(), &text.into());
        shards.push(&entry);
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"index".into(), &index.into());
    let _ = js_sys::Reflect::set(&out, &"shards".into(), &shards);
    Ok(out.into())
}
