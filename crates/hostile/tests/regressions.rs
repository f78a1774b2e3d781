//! Replays every committed seed and every input a fuzz campaign found a crash with
//! (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`) through the same entry points the
//! fuzz targets call, on stable Rust, so a fixed crash stays fixed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::path::PathBuf;

#[test]
fn seeds_and_regressions_replay_without_panicking() {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for target in shelfcheck_hostile::TARGETS {
        for folder in ["seeds", "regressions"] {
            let dir = fuzz.join(folder).join(target.name);
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for file in files {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| (target.run)(&data));
                assert!(outcome.is_ok(), "{} panics on {}", target.name, file.display());
                replayed += 1;
            }
        }
    }
    assert!(replayed > 100, "only {replayed} inputs replayed: are the seed corpora there?");
}

#[test]
fn every_target_has_seeds() {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    for target in shelfcheck_hostile::TARGETS {
        let n = std::fs::read_dir(fuzz.join(target.name)).map(|d| d.count()).unwrap_or(0);
        assert!(n > 0, "no seeds for {}", target.name);
    }
}
