//! Human-readable drift output.

use std::fmt::Write;

use shelfcheck_core::Locale;

use crate::impact::DriftReport;

impl DriftReport {
    /// Terminal text: the changes, then each listing the change breaks with its new errors.
    pub fn render_human(&self, locale: Locale) -> String {
        let zh = matches!(locale, Locale::ZhCn);
        let mut out = String::new();
        let _ = writeln!(out, "{} {} → {}", if zh { "快照" } else { "snapshot" }, self.old_hash, self.new_hash);
        for e in &self.snapshot_errors {
            let _ = writeln!(out, "! {e}");
        }
        if self.changes.is_empty() {
            let _ = writeln!(out, "{}", if zh { "没有影响商品的变化" } else { "no changes that affect listings" });
        } else {
            let _ = writeln!(out, "{} {}", self.changes.len(), if zh { "处变化:" } else { "change(s):" });
            for c in &self.changes {
                let _ = writeln!(out, "  - {}", c.message(locale));
            }
        }
        let broken: Vec<_> = self.listings.iter().filter(|l| l.is_broken()).collect();
        if !self.listings.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if zh {
                    format!("{} 个商品中有 {} 个因此出错", self.listings.len(), broken.len())
                } else {
                    format!("{} of {} listing(s) broken", broken.len(), self.listings.len())
                }
            );
        }
        for l in broken {
            let _ = writeln!(out, "{}:", l.source);
            for i in &l.new_errors {
                let _ = writeln!(out, "  {} {} {}", i.code, i.path, i.message);
            }
        }
        out
    }
}
