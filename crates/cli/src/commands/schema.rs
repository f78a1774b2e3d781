//! `shelfcheck schema`: the JSON Schema of a file format, generated from the core's types.

use crate::args::SchemaArgs;
use crate::{Env, Outcome};
use std::io;

pub fn run(args: &SchemaArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let Some(schema) = shelfcheck_core::schema::by_name(args.kind.name()) else {
        // Every `SchemaKind` has a schema; this is a guard against the two lists drifting.
        let msg = crate::text::tr(env.locale, "没有该格式的 Schema", "no schema for that format");
        writeln!(env.err, "{}{msg}: {}", crate::text::error_prefix(env.locale), args.kind.name())?;
        return Ok(Outcome::Unusable);
    };
    serde_json::to_writer_pretty(&mut *env.out, &schema).map_err(io::Error::from)?;
    writeln!(env.out)?;
    Ok(Outcome::Valid)
}
