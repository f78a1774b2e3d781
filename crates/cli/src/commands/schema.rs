//! `shelfcheck schema`: the JSON Schema of a file format, generated from the core's types, or
//! with `--category` the JSON Schema of one category's listings, exported from a snapshot.

use super::load_catalog;
use crate::args::SchemaArgs;
use crate::{Env, Outcome};
use std::io;

pub fn run(args: &SchemaArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let schema = match (args.category, args.kind) {
        (Some(category), _) => {
            let catalog = match load_catalog(args.snapshot.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    e.write(env)?;
                    return Ok(Outcome::Unusable);
                }
            };
            match shelfcheck_core::forms::export::json_schema(&catalog, category) {
                Ok(s) => s,
                Err(e) => {
                    writeln!(env.err, "{}{}", crate::text::error_prefix(env.locale), e.message(env.locale))?;
                    return Ok(Outcome::Unusable);
                }
            }
        }
        (None, Some(kind)) => match shelfcheck_core::storage::schema::by_name(kind.name()) {
            Some(s) => s,
            None => {
                // Every `SchemaKind` has a schema; this is a guard against the two lists drifting.
                let msg = crate::text::tr(env.locale, "没有该格式的 Schema", "no schema for that format");
                writeln!(env.err, "{}{msg}: {}", crate::text::error_prefix(env.locale), kind.name())?;
                return Ok(Outcome::Unusable);
            }
        },
        // clap requires one of the two.
        (None, None) => return Ok(Outcome::Unusable),
    };
    serde_json::to_writer_pretty(&mut *env.out, &schema).map_err(io::Error::from)?;
    writeln!(env.out)?;
    Ok(Outcome::Valid)
}
