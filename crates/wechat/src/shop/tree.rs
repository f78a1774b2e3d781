//! The shop's three-level category tree, from `channels.ec.category.all` or `shop.cat.get`.

use shelfcheck_core::model::snapshot::{Category, Qualification};

use super::model::{CatChain, ProductQua, ThirdCat};

/// Mandatory product qualifications, one proof each.
pub(crate) fn qualifications(list: &[ProductQua]) -> Vec<Qualification> {
    list.iter()
        .filter(|q| q.mandatory && !q.name.trim().is_empty())
        .map(|q| Qualification {
            alternatives: vec![q.name.clone()],
            remark: (!q.tips.is_empty()).then(|| q.tips.clone()),
        })
        .collect()
}

/// The categories of one chain of `channels.ec.category.all`. Shop categories have exactly
/// three levels: a chain whose levels are not 3, 2, 1 from the leaf up, each the parent of the
/// one before, is refused with the category named.
pub fn chain_categories(chain: &CatChain) -> Result<Vec<Category>, String> {
    let mut out = Vec::new();
    for (i, entry) in chain.cat_and_qua.iter().enumerate() {
        let c = &entry.cat;
        let expected = 3 - i as i64;
        let parent_ok = match chain.cat_and_qua.get(i + 1) {
            Some(up) => c.f_cat_id == up.cat.cat_id,
            None => c.f_cat_id == 0,
        };
        if c.level != expected || !parent_ok || c.leaf.is_some_and(|leaf| leaf != (expected == 3)) {
            return Err(format!(
                "category {} ({}) is at level {} under {}, but WeChat shop categories have exactly three levels, listed from the leaf up",
                c.name, c.cat_id, c.level, c.f_cat_id
            ));
        }
        let mut cat = Category::new(c.cat_id, Some(c.f_cat_id), c.name.clone(), expected == 3);
        cat.qualifications = qualifications(&entry.product_qua_list);
        out.push(cat);
    }
    if out.len() != 3 {
        return Err(format!("a category chain has {} levels; WeChat shop categories have exactly three", out.len()));
    }
    Ok(out)
}

/// The three categories of one `shop.cat.get` entry; the required category and product
/// qualifications (type 1) are the leaf's proofs.
pub fn third_cat_categories(t: &ThirdCat) -> [Category; 3] {
    let first = Category::new(t.first_cat_id, None, t.first_cat_name.clone(), false);
    let second = Category::new(t.second_cat_id, Some(t.first_cat_id), t.second_cat_name.clone(), false);
    let mut third = Category::new(t.third_cat_id, Some(t.second_cat_id), t.third_cat_name.clone(), true);
    for (text, kind) in
        [(&t.qualification, t.qualification_type), (&t.product_qualification, t.product_qualification_type)]
    {
        if kind == 1 && !text.trim().is_empty() {
            third.qualifications.push(Qualification { alternatives: vec![text.clone()], remark: None });
        }
    }
    [first, second, third]
}
