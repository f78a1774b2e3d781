//! Writes the JSON Schemas of every type the npm package takes or returns, which
//! `scripts/schemas-to-ts.mjs` turns into the package's TypeScript declarations.
//!
//!     cargo run -p shelfcheck-wasm --example ts-schemas -- OUT_DIR
//!
//! Inputs are described as they are deserialised (members with defaults are optional) and
//! outputs as they are serialised (members that are always written are required).

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use shelfcheck_core::forms::completeness::Completeness;
use shelfcheck_core::forms::form::FormDescriptor;
use shelfcheck_core::{Listing, Report, Snapshot, ValidateOptions};
use shelfcheck_wasm::api::{SkuMatrix, SkuSelection};
use std::path::PathBuf;
use std::process::ExitCode;

/// Everything the package accepts.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "only its schema is read")]
struct Inputs {
    snapshot: Snapshot,
    listing: Listing,
    validate_options: ValidateOptions,
    sku_selection: SkuSelection,
}

/// Everything the package returns.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "only its schema is read")]
struct Outputs {
    report: Report,
    form_descriptor: FormDescriptor,
    completeness: Completeness,
    sku_matrix: SkuMatrix,
}

fn write(dir: &std::path::Path, name: &str, value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(name), text).map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage / 用法: ts-schemas OUT_DIR");
        return ExitCode::from(2);
    };
    let inputs = SchemaSettings::draft2020_12().for_deserialize().into_generator().into_root_schema_for::<Inputs>();
    let outputs = SchemaSettings::draft2020_12().for_serialize().into_generator().into_root_schema_for::<Outputs>();
    let result = std::fs::create_dir_all(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))
        .and_then(|()| write(&dir, "inputs.json", &inputs))
        .and_then(|()| write(&dir, "outputs.json", &outputs));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error / 错误: {e}");
            ExitCode::from(1)
        }
    }
}
