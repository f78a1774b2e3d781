//! Runs every self-describing case under `fixtures/cases/` and checks that the cases, taken
//! together, cover every issue code both ways.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use shelfcheck_core::{Code, Locale, Report, ValidateOptions};
use shelfcheck_tests::case::{compile, load_cases};
use shelfcheck_tests::{fixtures_dir, LoadedCase, Snapshots};
use std::collections::BTreeSet;

fn cases() -> Vec<LoadedCase> {
    let (cases, errors) = load_cases(&fixtures_dir());
    assert!(errors.is_empty(), "unreadable fixture cases:\n{}", errors.join("\n"));
    assert!(!cases.is_empty(), "no fixture cases under {}", fixtures_dir().display());
    cases
}

fn expects(case: &LoadedCase, code: Code) -> bool {
    case.case.expect.issues.iter().any(|i| i.code == code.as_str())
}

/// The one runner: every case is validated and compared, and all failures are reported
/// together, each with a diff of expected and reported issues.
#[test]
fn every_case_gives_its_expected_report() {
    let dir = fixtures_dir();
    let cases = cases();
    let mut snapshots = Snapshots::default();
    let mut failures = Vec::new();
    for c in &cases {
        let outcome = snapshots
            .get(&dir, &c.case.snapshot)
            .and_then(|catalog| c.case.run(catalog))
            .and_then(|report| c.case.check(&report));
        if let Err(diff) = outcome {
            failures.push(format!("{} ({})\n{}", c.file, c.case.description, diff));
        }
    }
    if !failures.is_empty() {
        panic!("{} of {} fixture cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n"));
    }
}

/// The locale changes messages only; every message is filled in; reports survive a JSON round
/// trip unchanged (what the CLI and the wasm package hand out is the same report).
#[test]
fn reports_do_not_depend_on_the_locale_and_round_trip() {
    let dir = fixtures_dir();
    let mut snapshots = Snapshots::default();
    let mut problems = Vec::new();
    for c in &cases() {
        let catalog = snapshots.get(&dir, &c.case.snapshot).unwrap();
        let listing = c.case.listing().unwrap();
        let options = c.case.options().unwrap();
        let reports: Vec<Report> = [Locale::ZhCn, Locale::En]
            .into_iter()
            .map(|locale| catalog.validate(&listing, &ValidateOptions { locale, ..options.clone() }))
            .collect();
        let strip =
            |r: &Report| -> Vec<_> { r.issues.iter().map(|i| (i.kind.clone(), i.severity, i.path.clone())).collect() };
        if strip(&reports[0]) != strip(&reports[1]) {
            problems.push(format!("{}: issues differ between zh-CN and en", c.file));
        }
        for r in &reports {
            if let Some(i) = r.issues.iter().find(|i| i.message.trim().is_empty()) {
                problems.push(format!("{}: empty message for {}", c.file, i.code().as_str()));
            }
            let back: Report = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
            if &back != r {
                problems.push(format!("{}: the report does not survive a JSON round trip", c.file));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A failing and a passing case per code, in the code's own folder: `fails-*` cases expect
/// the code, `passes-*` cases exercise the same rule and expect no such issue.
#[test]
fn every_code_has_a_failing_and_a_passing_case() {
    let cases = cases();
    let mut missing = Vec::new();
    for &code in Code::ALL {
        let own: Vec<&LoadedCase> = cases.iter().filter(|c| c.group == code.as_str()).collect();
        if !own.iter().any(|c| expects(c, code)) {
            missing.push(format!("{}: no failing case in cases/{}/", code.as_str(), code.as_str()));
        }
        if !own.iter().any(|c| !expects(c, code)) {
            missing.push(format!("{}: no passing case in cases/{}/", code.as_str(), code.as_str()));
        }
    }
    assert!(missing.is_empty(), "codes without fixture coverage:\n{}", missing.join("\n"));
}

/// Folder and file names say what a case is about, so they must not drift from its content.
#[test]
fn case_names_match_their_expectations() {
    let mut wrong = Vec::new();
    for c in &cases() {
        let expected: Vec<&str> = c.case.expect.issues.iter().map(|i| i.code.as_str()).collect();
        if let Some(bad) = expected.iter().find(|code| Code::parse(code).is_none()) {
            wrong.push(format!("{}: `{bad}` is not an issue code", c.file));
        }
        if c.case.description.trim().is_empty() {
            wrong.push(format!("{}: empty description", c.file));
        }
        // Upper-case folders are issue codes; anything else is a topic with free file names.
        if c.group.chars().any(|ch| ch.is_ascii_uppercase()) {
            let Some(code) = Code::parse(&c.group) else {
                wrong.push(format!("{}: folder `{}` is not an issue code", c.file, c.group));
                continue;
            };
            let fails = expects(c, code);
            match (c.name.starts_with("fails-"), c.name.starts_with("passes-")) {
                (true, _) if !fails => {
                    wrong.push(format!("{}: a `fails-` case that does not expect {}", c.file, c.group))
                }
                (_, true) if fails => wrong.push(format!("{}: a `passes-` case that expects {}", c.file, c.group)),
                (false, false) => wrong.push(format!("{}: name must start with `fails-` or `passes-`", c.file)),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "misnamed fixture cases:\n{}", wrong.join("\n"));
}

/// Every snapshot under `fixtures/snapshots/` compiles and is used by at least one case.
#[test]
fn every_fixture_snapshot_compiles_and_is_used() {
    let dir = fixtures_dir();
    let used: BTreeSet<String> = cases().into_iter().map(|c| c.case.snapshot).collect();
    let mut problems = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("snapshots")).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let reference = format!("snapshots/{}", path.file_name().unwrap().to_string_lossy());
        if let Err(e) = compile(&dir, &reference) {
            problems.push(e);
        }
        if !used.contains(&reference) {
            problems.push(format!("{reference} is used by no case"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
