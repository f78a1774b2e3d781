//! `gen`: data for the platform-scale benchmarks.
//!
//! - `gen platform OUT.json`: the synthetic full platform (`synth::PlatformShape::full`:
//!   10,000 leaf categories, about 520,000 values, a few categories with thousands of brands).
//! - `gen listings --count N`: N listings of that platform as NDJSON on standard output. A
//!   pool of distinct listings (random leaf categories, 2–3 values per sale property, one in
//!   ten broken) is built once and written round-robin, so the generator costs next to
//!   nothing beside the validator reading the stream.

use shelfcheck_core::input::listing::Scalar;
use shelfcheck_core::synth::{self, PlatformShape};
use shelfcheck_core::Catalog;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const POOL: usize = 4_096;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["platform", out] => platform(out),
        ["listings", "--count", n] => match n.replace('_', "").parse::<u64>() {
            Ok(n) => listings(n),
            Err(_) => Err(format!("`{n}` is not a count / 不是数量")),
        },
        _ => Err("usage: gen platform OUT.json | gen listings --count N".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::from(2)
        }
    }
}

fn platform(out: &str) -> Result<(), String> {
    let mut snap = synth::platform(&PlatformShape::full());
    snap.seal();
    let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut w = BufWriter::new(file);
    serde_json::to_writer(&mut w, &snap).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())?;
    let leaves = snap.categories.iter().filter(|c| c.leaf).count();
    eprintln!(
        "{out}: {} categories ({leaves} leaves), {} properties, {} values",
        snap.categories.len(),
        snap.properties.len(),
        snap.values.len()
    );
    Ok(())
}

fn listings(count: u64) -> Result<(), String> {
    let catalog = Catalog::compile(synth::platform(&PlatformShape::full())).map_err(|e| e.to_string())?;
    let leaves: Vec<i64> = catalog.categories().filter(|c| c.category.leaf).map(|c| c.category.id).collect();
    let mut pool: Vec<Vec<u8>> = Vec::with_capacity(POOL);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..POOL {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let cid = leaves[(seed >> 33) as usize % leaves.len()];
        let Some(mut listing) = synth::listing_for(&catalog, cid, 2 + i % 2) else { continue };
        if i % 10 == 9 {
            if let Some(sku) = listing.skus.first_mut() {
                sku.price = Some(Scalar::Text("0".into()));
            }
        }
        let mut line = serde_json::to_vec(&listing).map_err(|e| e.to_string())?;
        line.push(b'\n');
        pool.push(line);
    }
    if pool.is_empty() {
        return Err("no listing could be generated".into());
    }
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
    for i in 0..count {
        if let Err(e) = w.write_all(&pool[i as usize % pool.len()]) {
            // A reader that stops early (`| head`) is not an error of the generator.
            return if e.kind() == io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e.to_string()) };
        }
    }
    w.flush().or_else(|e| if e.kind() == io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e.to_string()) })
}
