//! `QUALIFICATION_MISSING`: every required proof needs one document among its alternatives.

use super::Rule;
use crate::input::normalize::normalize;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::QualificationMissing], check };

/// Each proof the category requires, as its alternatives, and whether the listing supplies a
/// document for one of them.
pub(crate) fn proofs<'c, 'a>(ctx: &'c Ctx<'a>) -> impl Iterator<Item = (&'c [String], bool)> + use<'c, 'a> {
    // Only documents that reference an upload count: a name with an empty document is a
    // form field the seller has not filled yet. (No proofs, the usual case: nothing to read.)
    let supplied: Vec<String> = if ctx.cat.proofs.is_empty() {
        Vec::new()
    } else {
        ctx.listing
            .qualifications
            .iter()
            .filter(|q| !q.document.trim().is_empty())
            .map(|q| normalize(&q.name))
            .collect()
    };
    ctx.cat
        .proofs
        .iter()
        .zip(&ctx.cat.category.qualifications)
        .map(move |(proof, raw)| (raw.alternatives.as_slice(), proof.iter().any(|alt| supplied.contains(alt))))
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (alternatives, supplied) in proofs(ctx) {
        if !supplied {
            let kind = IssueKind::QualificationMissing {
                category_id: ctx.cat.category.id,
                alternatives: alternatives.to_vec(),
            };
            sink.error(kind, "/qualifications");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn legal(quals: serde_json::Value) -> Vec<String> {
        paths_of(
            json!({"category_id": 50023000, "title": "合同审查服务", "props": [{"pid": 1000, "vids": [1]}], "qualifications": quals}),
            "QUALIFICATION_MISSING",
        )
    }

    #[test]
    fn any_alternative_satisfies_a_proof() {
        let q = json!([{"name": "《律师事务所执业许可证》", "document": "media:1"}, {"name": "营业执照", "document": "media:2"}]);
        assert!(legal(q).is_empty());
    }

    #[test]
    fn each_unmet_proof_is_reported() {
        assert_eq!(legal(json!([])), vec!["/qualifications", "/qualifications"]);
        let empty_doc = json!([{"name": "律师执业资格证", "document": " "}, {"name": "营业执照", "document": "m"}]);
        assert_eq!(legal(empty_doc), vec!["/qualifications"]);
    }
}
