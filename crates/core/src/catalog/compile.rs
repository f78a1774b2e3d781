//! Snapshot → [`Catalog`]: integrity checks and indexing.
//!
//! Every walk here is iterative: a hostile snapshot may hold a parent chain or a dependency
//! chain hundreds of thousands long, which recursion would turn into a stack overflow.

use super::IdMap;
use super::{Catalog, CategoryBody, CompileError, CompiledCategory, CompiledProperty, Problem, SellerIndex};
use crate::input::normalize::normalize;
use crate::model::ids::Id;
use crate::model::snapshot::{Category, PropValue, Property};
use crate::model::snapshot::{SellerScope, Snapshot, FORMAT_VERSION};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

pub(super) fn compile(snapshot: Snapshot) -> Result<Catalog, CompileError> {
    let mut problems = Vec::new();
    if snapshot.format != FORMAT_VERSION {
        // Nothing else can be trusted in a format we do not know.
        return Err(CompileError {
            problems: vec![Problem::UnsupportedFormat { found: snapshot.format, supported: FORMAT_VERSION }],
        });
    }
    let computed = snapshot.content_hash();
    if let Some(declared) = &snapshot.hash {
        if *declared != computed && !snapshot.has_legacy_hash(declared) {
            problems.push(Problem::HashMismatch { declared: declared.clone(), computed: computed.clone() });
        }
    }
    let Snapshot { platform, limits, categories, properties, values, seller, built_at, source, .. } = snapshot;

    let (mut cats, by_id) = index_categories(categories, &mut problems);
    unknown_required_fields(None, &limits.required_fields, &mut problems);
    for cat in &cats {
        unknown_required_fields(Some(cat.category.id), &cat.category.required_fields, &mut problems);
    }
    let mut bodies: Vec<CategoryBody> = vec![CategoryBody::default(); cats.len()];

    for property in properties {
        let Some(&ci) = by_id.get(&property.category_id) else {
            problems.push(Problem::PropertyOfUnknownCategory { category_id: property.category_id, pid: property.pid });
            continue;
        };
        if !cats[ci as usize].category.leaf {
            problems.push(Problem::PropertyOfNonLeaf { category_id: property.category_id, pid: property.pid });
            continue;
        }
        let (category_id, pid) = (property.category_id, property.pid);
        if !bodies[ci as usize].add_property(property) {
            problems.push(Problem::DuplicateProperty { category_id, pid });
        }
    }

    for value in values {
        let body = by_id.get(&value.category_id).and_then(|&ci| bodies.get_mut(ci as usize));
        let (category_id, pid, vid) = (value.category_id, value.pid, value.vid);
        match body.map(|b| b.add_value(value)) {
            Some(Ok(())) => {}
            Some(Err(AddValue::Duplicate)) => problems.push(Problem::DuplicateValue { category_id, pid, vid }),
            None | Some(Err(AddValue::UnknownProperty)) => {
                problems.push(Problem::ValueOfUnknownProperty { category_id, pid, vid })
            }
        }
    }

    for (cat, mut body) in cats.iter_mut().zip(bodies) {
        problems.extend(body.finish(cat.category.id));
        cat.body = OnceLock::from(body);
    }

    if !problems.is_empty() {
        return Err(CompileError { problems });
    }
    let seller_scope = seller.clone();
    Ok(Catalog {
        hash: computed,
        platform,
        limits,
        built_at,
        source,
        categories: cats,
        by_id,
        seller: seller.map(index_seller),
        seller_scope,
    })
}

/// Reports each name in `fields` that is not an item field: a misspelt one would otherwise
/// never be required.
fn unknown_required_fields(category_id: Option<Id>, fields: &[String], problems: &mut Vec<Problem>) {
    use crate::model::rule_model::ITEM_FIELDS;
    for field in fields.iter().filter(|f| !ITEM_FIELDS.contains(&f.as_str())) {
        let suggestions = crate::input::suggest::closest(field, ITEM_FIELDS.iter().copied());
        problems.push(Problem::RequiredFieldUnknown { category_id, field: field.clone(), suggestions });
    }
}

/// Categories without their properties, indexed by id, parents linked, cycles reported.
pub(crate) fn index_categories(
    categories: Vec<Category>,
    problems: &mut Vec<Problem>,
) -> (Vec<CompiledCategory>, IdMap) {
    let mut by_id = IdMap::default();
    by_id.reserve(categories.len());
    let mut cats: Vec<CompiledCategory> = Vec::with_capacity(categories.len());
    for category in categories {
        if by_id.contains_key(&category.id) {
            problems.push(Problem::DuplicateCategory { id: category.id });
            continue;
        }
        by_id.insert(category.id, cats.len() as u32);
        let proofs =
            category.qualifications.iter().map(|q| q.alternatives.iter().map(|a| normalize(a)).collect()).collect();
        cats.push(CompiledCategory { category, parent: None, proofs, body: OnceLock::new(), encoded: None });
    }
    link_parents(&mut cats, &by_id, problems);
    find_category_cycles(&cats, problems);
    (cats, by_id)
}

/// Why a value could not be added to a category body.
pub(crate) enum AddValue {
    UnknownProperty,
    Duplicate,
}

impl CategoryBody {
    /// Adds a property; `false` when the category already has its pid.
    pub(crate) fn add_property(&mut self, property: Property) -> bool {
        if self.by_pid.contains_key(&property.pid) {
            return false;
        }
        let idx = self.props.len() as u32;
        self.by_pid.insert(property.pid, idx);
        self.by_name.entry(normalize(&property.name)).or_default().push(idx);
        self.props.push(CompiledProperty {
            property,
            values: Vec::new(),
            by_vid: IdMap::default(),
            by_name: FxHashMap::default(),
            rules: None,
        });
        true
    }

    /// Adds a value to its property.
    pub(crate) fn add_value(&mut self, value: PropValue) -> Result<(), AddValue> {
        let Some(&pi) = self.by_pid.get(&value.pid) else { return Err(AddValue::UnknownProperty) };
        let prop = &mut self.props[pi as usize];
        if prop.by_vid.contains_key(&value.vid) {
            return Err(AddValue::Duplicate);
        }
        let idx = prop.values.len() as u32;
        prop.by_vid.insert(value.vid, idx);
        let name = normalize(&value.name);
        if let Some(alias) = value.alias.as_deref().map(normalize).filter(|a| *a != name) {
            prop.by_name.entry(alias).or_default().push(idx);
        }
        prop.by_name.entry(name).or_default().push(idx);
        prop.values.push(value);
        Ok(())
    }

    /// Checks dependencies and builds the required and sale lists: the last step of building a
    /// body, whichever form it came from. Returns the problems found.
    pub(crate) fn finish(&mut self, category_id: Id) -> Vec<Problem> {
        let mut problems = Vec::new();
        check_dependencies(category_id, self, &mut problems);
        compile_rules(category_id, self, &mut problems);
        order_lists(self);
        problems
    }
}

/// Compiles each property's constraints against the finished body (conditions name other
/// properties and their values).
fn compile_rules(category_id: Id, body: &mut CategoryBody, problems: &mut Vec<Problem>) {
    let compiled: Vec<(usize, super::prop_rules::PropRules)> = body
        .props
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let c = p.property.constraints.as_deref()?;
            Some((i, super::prop_rules::compile(category_id, p.property.pid, c, body, problems)))
        })
        .collect();
    for (i, rules) in compiled {
        if rules.required_when.is_some() && !body.props[i].property.must {
            body.conditional.push(i as u32);
        }
        if let Some(c) = body.props[i].property.constraints.as_deref() {
            body.constraint_kinds.add(c, &rules);
        }
        body.props[i].rules = Some(Box::new(rules));
    }
}

fn link_parents(cats: &mut [CompiledCategory], by_id: &IdMap, problems: &mut Vec<Problem>) {
    for cat in cats.iter_mut() {
        match cat.category.parent_id {
            None | Some(0) => {}
            Some(p) => match by_id.get(&p) {
                Some(&pi) => cat.parent = Some(pi),
                None => problems.push(Problem::MissingParent { id: cat.category.id, parent_id: p }),
            },
        }
    }
}

/// Finds parent cycles in O(n): each walk stops at the first category already settled.
fn find_category_cycles(cats: &[CompiledCategory], problems: &mut Vec<Problem>) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; cats.len()];
    let mut path = Vec::new();
    for start in 0..cats.len() {
        path.clear();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                DONE => break,
                ON_PATH => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let ids = path[from..].iter().map(|&p: &usize| cats[p].category.id).collect();
                    problems.push(Problem::CategoryCycle { ids });
                    break;
                }
                _ => {
                    state[i] = ON_PATH;
                    path.push(i);
                    cur = cats[i].parent.map(|p| p as usize);
                }
            }
        }
        for &p in &path {
            state[p] = DONE;
        }
    }
}

/// Dependencies must point at a property (and value) of the same category, without cycles.
fn check_dependencies(cid: Id, cat: &CategoryBody, problems: &mut Vec<Problem>) {
    let mut parent_of: Vec<Option<usize>> = vec![None; cat.props.len()];
    for (i, p) in cat.props.iter().enumerate() {
        let Some((ppid, pvid)) = p.property.parent() else { continue };
        match cat.by_pid.get(&ppid) {
            None => problems.push(Problem::DependencyOnUnknownProperty {
                category_id: cid,
                pid: p.property.pid,
                parent_pid: ppid,
            }),
            Some(&pi) => {
                parent_of[i] = Some(pi as usize);
                let parent = &cat.props[pi as usize];
                // A parent recorded without values (partial metadata) cannot be checked.
                if !parent.values.is_empty() && !parent.by_vid.contains_key(&pvid) {
                    problems.push(Problem::DependencyOnUnknownValue {
                        category_id: cid,
                        pid: p.property.pid,
                        parent_pid: ppid,
                        parent_vid: pvid,
                    });
                }
            }
        }
    }
    let mut state = vec![0u8; parent_of.len()];
    let mut path = Vec::new();
    for start in 0..parent_of.len() {
        path.clear();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let pids = path[from..].iter().map(|&p: &usize| cat.props[p].property.pid).collect();
                    problems.push(Problem::DependencyCycle { category_id: cid, pids });
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    cur = parent_of[i];
                }
            }
        }
        for &p in &path {
            state[p] = 2;
        }
    }
}

/// Required and sale lists. The sale order is the one every part of the engine shows sale
/// properties in (SKU combinations, reports, the form descriptor): as the platform sorts them
/// (then snapshot order, never by id), each followed by the sale properties that depend on
/// it, so that matrix building always sees a parent before its dependants and a form shows a
/// dependant right after its parent.
fn order_lists(cat: &mut CategoryBody) {
    use crate::model::snapshot::Status;
    let live = |p: &CompiledProperty| p.property.status == Status::Normal;
    cat.required = (0..cat.props.len() as u32)
        .filter(|&i| cat.props[i as usize].property.must && live(&cat.props[i as usize]))
        .collect();
    let mut sorted: Vec<u32> = (0..cat.props.len() as u32)
        .filter(|&i| cat.props[i as usize].property.sale && live(&cat.props[i as usize]))
        .collect();
    sorted.sort_by_key(|&i| (cat.props[i as usize].property.sort_order, i));
    // Where each sale property is in `sorted`, and the sale properties depending on each, in
    // sorted order: built once, so ordering stays linear in the number of properties.
    let mut at: Vec<Option<usize>> = vec![None; cat.props.len()];
    for (k, &i) in sorted.iter().enumerate() {
        at[i as usize] = Some(k);
    }
    let sale_parent = |i: u32| {
        let (ppid, _) = cat.props[i as usize].property.parent()?;
        cat.by_pid.get(&ppid).and_then(|&pi| at[pi as usize])
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); sorted.len()];
    let mut is_root = vec![true; sorted.len()];
    for (k, &i) in sorted.iter().enumerate() {
        if let Some(p) = sale_parent(i) {
            children[p].push(k);
            is_root[k] = false;
        }
    }
    let mut placed = vec![false; sorted.len()];
    let mut sale = Vec::with_capacity(sorted.len());
    // Depth-first from each root, without recursion; a property is placed once, so the walk
    // ends even on a cycle (which compiling reports anyway).
    for root in (0..sorted.len()).filter(|&k| is_root[k]) {
        let mut stack = vec![root];
        while let Some(k) = stack.pop() {
            if std::mem::replace(&mut placed[k], true) {
                continue;
            }
            sale.push(sorted[k]);
            // Pushed in reverse, so they come out in sorted order.
            stack.extend(children[k].iter().rev().copied().filter(|&c| !placed[c]));
        }
    }
    // Properties on a dependency cycle have no root: they keep their sorted order, last.
    sale.extend(sorted.iter().zip(&placed).filter(|(_, &p)| !p).map(|(&i, _)| i));
    cat.sale_pos = vec![u32::MAX; cat.props.len()];
    for (r, &i) in sale.iter().enumerate() {
        cat.sale_pos[i as usize] = r as u32;
    }
    cat.sale = sale;
}

pub(crate) fn index_seller(s: SellerScope) -> SellerIndex {
    let mut brand_pids: FxHashSet<Id> = FxHashSet::default();
    brand_pids.insert(s.brand_pid);
    let brands = s.brands.map(|b| {
        b.iter()
            .map(|g| {
                brand_pids.insert(g.pid);
                (g.pid, g.vid)
            })
            .collect()
    });
    SellerIndex {
        categories: s.categories.map(|c| c.into_iter().collect()),
        brand_pids,
        brands,
        account: s.account_categories.map(|a| a.into_iter().map(|c| (c.second, (c.audit_status, c.reason))).collect()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::catalog::{Catalog, Problem};
    use crate::model::snapshot::Snapshot;
    use serde_json::json;

    fn snap(v: serde_json::Value) -> Snapshot {
        serde_json::from_value(v).unwrap()
    }

    fn problems(v: serde_json::Value) -> Vec<Problem> {
        Catalog::compile(snap(v)).unwrap_err().problems
    }

    #[test]
    fn a_category_knows_which_kinds_of_constraint_its_properties_have() {
        use crate::catalog::prop_rules::ConstraintKinds;
        use crate::model::rule_model::{Constraints, Pattern, ValueType};
        const TEE: crate::model::ids::Id = 50010850;
        // From JSON and from the binary form alike.
        let kinds = |s: &Snapshot| {
            let catalog = Catalog::compile(s.clone()).unwrap();
            let loaded = crate::storage::binary::decode(crate::storage::binary::encode(&catalog).unwrap()).unwrap();
            let (a, b) =
                (catalog.category(TEE).unwrap().constraint_kinds, loaded.category(TEE).unwrap().constraint_kinds);
            assert_eq!(a, b);
            a
        };
        let mut s: Snapshot = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        let plain = kinds(&s);
        assert_eq!(plain, ConstraintKinds::default());
        let mut tee = s.properties.iter_mut().filter(|p| p.category_id == TEE);
        let text_only = Constraints { max_length: Some(5), value_type: Some(ValueType::Text), ..Default::default() };
        tee.next().unwrap().constraints = Some(Box::new(text_only));
        let pattern = Pattern { regex: "^A".into(), must_match: true, hint: None };
        tee.next().unwrap().constraints = Some(Box::new(Constraints { patterns: vec![pattern], ..Default::default() }));
        assert_eq!(kinds(&s), ConstraintKinds { length: true, pattern: true, ..ConstraintKinds::default() });
    }

    #[test]
    fn a_sound_snapshot_compiles_and_indexes() {
        let c = Catalog::compile(snap(json!({"format":1,"platform":"taobao","categories":[
            {"id":1,"name":"女装","leaf":false},{"id":2,"parent_id":1,"name":"T恤","leaf":true}],
            "properties":[{"category_id":2,"pid":20509,"name":"尺码","sale":true,"must":true}],
            "values":[{"category_id":2,"pid":20509,"vid":28383,"name":"M","alias":"中码"}]})))
        .unwrap();
        let cat = c.category(2).unwrap();
        assert_eq!(c.path(2).len(), 2);
        assert_eq!(cat.props_named(" 尺码 "), &[0]);
        assert_eq!(cat.property(20509).unwrap().values_named("中码").len(), 1);
        assert_eq!(cat.required_properties().count(), 1);
        assert!(c.hash().starts_with("sha256:"));
    }

    #[test]
    fn sale_order_is_the_platforms_with_each_dependant_after_its_parent() {
        // 版本 (sort 1) and 颜色 (sort 2) are roots; 容量 depends on a 版本 value, 套餐 on a 容量
        // value. Ids would give another order (容量 < 套餐 < 颜色 < 版本), and so would depth.
        let prop = |pid: i64, name: &str, sort: i64, parent: Option<(i64, i64)>| {
            let mut p = json!({"category_id":1,"pid":pid,"name":name,"sale":true,"sort_order":sort});
            if let Some((pp, pv)) = parent {
                p["parent_pid"] = json!(pp);
                p["parent_vid"] = json!(pv);
            }
            p
        };
        let c = Catalog::compile(snap(json!({"format":1,"platform":"taobao",
            "categories":[{"id":1,"name":"手机","leaf":true}],
            "properties":[prop(40,"版本",1,None), prop(30,"颜色",2,None), prop(10,"容量",1,Some((40,1))),
                          prop(20,"套餐",1,Some((10,2))), prop(35,"尺寸",2,None)],
            "values":[{"category_id":1,"pid":40,"vid":1,"name":"国行"},{"category_id":1,"pid":10,"vid":2,"name":"256G"}]})))
        .unwrap();
        let cat = c.category(1).unwrap();
        let order: Vec<_> = cat.sale_properties().map(|p| p.property.pid).collect();
        // Equal sort orders keep the snapshot's order (颜色 before 尺寸), never the ids'.
        assert_eq!(order, [40, 10, 20, 30, 35]);
        let ranks: Vec<usize> = (0..5).map(|i| cat.sale_rank(i)).collect();
        assert_eq!(ranks, [0, 3, 1, 2, 4]);
        assert_eq!(cat.sale_rank(99), usize::MAX);
    }

    #[test]
    fn every_dangling_reference_is_named() {
        let p = problems(json!({"format":1,"platform":"taobao","categories":[
            {"id":1,"name":"a","leaf":false},{"id":1,"name":"dup","leaf":true},
            {"id":2,"parent_id":9,"name":"b","leaf":true}],
            "properties":[{"category_id":1,"pid":5,"name":"x"},{"category_id":7,"pid":6,"name":"y"},
                          {"category_id":2,"pid":8,"name":"z","parent_pid":77,"parent_vid":1}],
            "values":[{"category_id":2,"pid":99,"vid":3,"name":"v"}]}));
        assert!(p.contains(&Problem::DuplicateCategory { id: 1 }));
        assert!(p.contains(&Problem::MissingParent { id: 2, parent_id: 9 }));
        assert!(p.contains(&Problem::PropertyOfNonLeaf { category_id: 1, pid: 5 }));
        assert!(p.contains(&Problem::PropertyOfUnknownCategory { category_id: 7, pid: 6 }));
        assert!(p.contains(&Problem::ValueOfUnknownProperty { category_id: 2, pid: 99, vid: 3 }));
        assert!(p.contains(&Problem::DependencyOnUnknownProperty { category_id: 2, pid: 8, parent_pid: 77 }));
    }

    #[test]
    fn cycles_are_found_without_recursion() {
        let p = problems(json!({"format":1,"platform":"taobao","categories":[
            {"id":1,"parent_id":3,"name":"a","leaf":false},{"id":2,"parent_id":1,"name":"b","leaf":false},
            {"id":3,"parent_id":2,"name":"c","leaf":false}]}));
        assert!(matches!(&p[0], Problem::CategoryCycle { ids } if ids.len() == 3));

        let n = 100_000i64;
        let props: Vec<_> = (1..=n)
            .map(|i| json!({"category_id":1,"pid":i,"name":"p","parent_pid": if i == 1 { n } else { i - 1 },"parent_vid":1}))
            .collect();
        let err = Catalog::compile(snap(
            json!({"format":1,"platform":"taobao","categories":[{"id":1,"name":"a","leaf":true}],"properties":props}),
        ));
        let p = err.map(|_| ()).unwrap_err().problems;
        assert!(p.iter().any(|p| matches!(p, Problem::DependencyCycle { pids, .. } if pids.len() == n as usize)));
    }

    #[test]
    fn a_tampered_file_fails_its_hash() {
        let mut s = snap(json!({"format":1,"platform":"wechat","categories":[{"id":1,"name":"a","leaf":true}]}));
        s.seal();
        s.categories[0].name = "b".into();
        assert!(matches!(&Catalog::compile(s).unwrap_err().problems[0], Problem::HashMismatch { .. }));
    }

    #[test]
    fn unknown_format_is_refused() {
        let p = problems(json!({"format":2,"platform":"taobao","categories":[]}));
        assert_eq!(p, vec![Problem::UnsupportedFormat { found: 2, supported: 1 }]);
    }
}
