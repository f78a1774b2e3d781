//! "Did you mean" suggestions for unknown names.

use crate::input::normalize::normalize;

/// Up to three candidates close to `query`, best first. A candidate qualifies when one name
/// contains the other (`颜色` → `颜色分类`) or their normalised Levenshtein similarity is at
/// least 0.5; both are cheap enough for the error path, which is the only caller.
pub fn closest<'a>(query: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let q = normalize(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            let n = normalize(c);
            let sim = strsim::normalized_levenshtein(&q, &n);
            let contains = n.contains(&q) || q.contains(&n);
            let score = if contains { sim.max(0.5) + 0.01 } else { sim };
            (score >= 0.5 && n != q).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, c) in scored {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_owned());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested_best_first() {
        let names = ["颜色分类", "尺码", "材质", "适用季节"];
        assert_eq!(closest("颜色", names.iter().copied()), vec!["颜色分类"]);
        assert_eq!(closest("尺吗", names.iter().copied()), vec!["尺码"]);
        assert!(closest("品牌", names.iter().copied()).is_empty());
    }
}
