//! Name → id matching against one category of a snapshot.

use shelfcheck_core::input::normalize::normalize;
use shelfcheck_core::model::snapshot::{Property, Snapshot};

pub enum Resolved<'a> {
    One(&'a Property),
    Many(Vec<i64>),
    None,
}

pub struct Resolver<'a> {
    snapshot: &'a Snapshot,
    cid: i64,
    props: Vec<&'a Property>,
}

impl<'a> Resolver<'a> {
    pub fn new(snapshot: &'a Snapshot, cid: i64) -> Self {
        let props = snapshot.properties.iter().filter(|p| p.category_id == cid).collect();
        Self { snapshot, cid, props }
    }

    pub fn category_known(&self) -> bool {
        self.snapshot.categories.iter().any(|c| c.id == self.cid)
    }

    /// Matches the property name after normalisation (width, case, spaces).
    pub fn property(&self, name: &str) -> Resolved<'a> {
        let n = normalize(name);
        let hits: Vec<&'a Property> = self.props.iter().copied().filter(|p| normalize(&p.name) == n).collect();
        match hits.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(one),
            many => Resolved::Many(many.iter().map(|p| p.pid).collect()),
        }
    }

    /// A value of `pid` whose name or alias matches.
    pub fn value(&self, pid: i64, name: &str) -> Option<i64> {
        let n = normalize(name);
        self.snapshot
            .values
            .iter()
            .filter(|v| v.category_id == self.cid && v.pid == pid)
            .find(|v| normalize(&v.name) == n || v.alias.as_deref().is_some_and(|a| normalize(a) == n))
            .map(|v| v.vid)
    }
}
