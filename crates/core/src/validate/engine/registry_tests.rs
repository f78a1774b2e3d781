//! The rule registry against what validation raises: every code an issue carries is declared
//! by the rule (or the resolution step) that raised it, and every declared code is raised by
//! some fixture, so the declarations can neither fall behind the rules nor overstate them.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use super::{resolved, Ctx, RESOLUTION_CODES};
use crate::report::{Code, Sink};
use crate::validate::rules::testkit::fixtures;
use crate::validate::rules::RULES;
use std::collections::BTreeSet;

/// Who raised an issue: resolution (`None`) or the rule at this index of [`RULES`].
type Raiser = Option<usize>;

/// Validates as `engine::run` does, noting for each issue which step raised it.
fn traced(ctx: &Ctx<'_>, sink: &mut Sink) -> Vec<(Raiser, Code)> {
    let mut raised: Vec<(Raiser, Code)> = sink.issues.iter().map(|(kind, _, _)| (None, kind.code())).collect();
    for (i, rule) in RULES.iter().enumerate() {
        let before = sink.issues.len();
        (rule.check)(ctx, sink);
        raised.extend(sink.issues[before..].iter().map(|(kind, _, _)| (Some(i), kind.code())));
    }
    raised
}

fn declared(raiser: Raiser) -> BTreeSet<Code> {
    match raiser {
        None => RESOLUTION_CODES.iter().flat_map(|codes| codes.iter().copied()).collect(),
        Some(i) => RULES[i].codes.iter().copied().collect(),
    }
}

#[test]
fn every_raised_code_is_declared_by_its_raiser_and_every_declared_code_is_raised() {
    let (catalogs, cases) = fixtures();
    assert!(cases.len() > 100, "only {} fixtures", cases.len());
    let mut seen: BTreeSet<(Raiser, Code)> = BTreeSet::new();
    for case in &cases {
        let mut sink = Sink::new(false, usize::MAX);
        let catalog = &catalogs[&case.snapshot];
        let raised = resolved(catalog, &case.listing, &case.options, &mut sink, traced).unwrap_or_else(|| {
            // The category could not be checked: only the category step raised anything.
            sink.issues.iter().map(|(kind, _, _)| (None, kind.code())).collect()
        });
        for &(raiser, code) in &raised {
            assert!(
                declared(raiser).contains(&code),
                "{}: {} raised {code:?}, which it does not declare",
                case.file,
                raiser.map_or("resolution".to_owned(), |i| format!("rule {i}"))
            );
        }
        seen.extend(raised);
    }
    let steps = std::iter::once(None).chain((0..RULES.len()).map(Some));
    for raiser in steps {
        for code in declared(raiser) {
            let raised_somewhere = match raiser {
                // Resolution steps share codes (an unknown property in `props` or in a SKU).
                None => seen.iter().any(|&(r, c)| r.is_none() && c == code),
                Some(_) => seen.contains(&(raiser, code)),
            };
            assert!(raised_somewhere, "{raiser:?} declares {code:?}, which no fixture raises");
        }
    }
}
