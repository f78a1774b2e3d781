//! Localised issue messages (Simplified Chinese and English).
//!
//! Messages are built from the typed parameters only, so the two languages always say the
//! same thing and a code is never inferred from text.

use crate::options::Locale;
use crate::report::{AliasProblem, IssueKind, Pair, When};
use crate::rule_model::{Bound, LengthUnit, Op, ValueType};

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn hint(suggestions: &[String], locale: Locale) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    match locale {
        Locale::ZhCn => format!("; 您是不是要找 {}?", list(suggestions)),
        Locale::En => format!("; did you mean {}?", list(suggestions)),
    }
}

fn value_ref(vid: &Option<i64>, value: &Option<String>) -> String {
    match (vid, value) {
        (_, Some(v)) => v.clone(),
        (Some(id), None) => id.to_string(),
        (None, None) => String::new(),
    }
}

fn combo(pairs: &[Pair], names: &[String]) -> String {
    if !names.is_empty() {
        return names.join(" / ");
    }
    pairs.iter().map(|p| format!("{}:{}", p.pid, p.vid)).collect::<Vec<_>>().join(";")
}

fn unit_name(unit: LengthUnit, zh: bool) -> &'static str {
    match (unit, zh) {
        (LengthUnit::Characters, true) => "个字",
        (LengthUnit::Bytes, true) => "字节 (一个汉字算 2 字节)",
        (LengthUnit::Characters, false) => "characters",
        (LengthUnit::Bytes, false) => "bytes (a Chinese character counts 2)",
    }
}

/// An item field's label for a form: its name in Chinese, or in English capitalised without
/// the article (`Main images`).
pub(crate) fn field_label(field: &str, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let name = field_name(field, zh);
    if zh {
        return name;
    }
    let bare = name.strip_prefix("the ").unwrap_or(&name);
    let mut chars = bare.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// How an item field is called.
fn field_name(field: &str, zh: bool) -> String {
    let (z, e) = match field {
        "title" => ("标题", "the title"),
        "price" => ("价格", "the price"),
        "quantity" => ("库存", "the quantity"),
        "description" => ("商品描述", "the description"),
        "images" => ("主图", "the main images"),
        "location" => ("所在地", "the location"),
        "outer_id" => ("商家编码", "the outer id"),
        "barcode" => ("条形码", "the barcode"),
        "stuff_status" => ("新旧程度", "the condition (new or used)"),
        "price_ranges" => ("阶梯价格", "the quantity price ranges"),
        "min_order_quantity" => ("起批量", "the minimum order quantity"),
        "unit" => ("计量单位", "the unit"),
        "typed_input" => ("自行输入的文字 (合计)", "the typed input (all together)"),
        "aliases" => ("属性值别名 (合计)", "the alias string (all aliases together)"),
        other => return format!("`{other}`"),
    };
    if zh { z } else { e }.to_owned()
}

/// What a value belongs to: a property by name, or an item field.
fn subject(pid: Option<i64>, prop: &str, field: Option<&str>, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    match (field, pid, zh) {
        (Some(f), _, _) => field_name(f, zh),
        (None, Some(p), true) => format!("属性 `{prop}` ({p})"),
        (None, Some(p), false) => format!("property `{prop}` ({p})"),
        (None, None, true) => format!("属性 `{prop}`"),
        (None, None, false) => format!("property `{prop}`"),
    }
}

/// A bound in plain decimal (`100000000`, `0.01`): Rust's `Display` for `f64` never uses an
/// exponent.
fn num(x: f64) -> String {
    format!("{x}")
}

/// A numeric range in words: "大于 0 且小于 100000000" / "above 0 and below 100000000".
fn range(min: &Option<Bound>, max: &Option<Bound>, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let lo = min.map(|b| match (b.exclusive, zh) {
        (true, true) => format!("大于 {}", num(b.value)),
        (false, true) => format!("不小于 {}", num(b.value)),
        (true, false) => format!("above {}", num(b.value)),
        (false, false) => format!("at least {}", num(b.value)),
    });
    let hi = max.map(|b| match (b.exclusive, zh) {
        (true, true) => format!("小于 {}", num(b.value)),
        (false, true) => format!("不大于 {}", num(b.value)),
        (true, false) => format!("below {}", num(b.value)),
        (false, false) => format!("at most {}", num(b.value)),
    });
    match (lo, hi) {
        (Some(l), Some(h)) if zh => format!("{l}且{h}"),
        (Some(l), Some(h)) => format!("{l} and {h}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => String::new(),
    }
}

/// A condition in words. English uses a property's English name where there is one.
fn when(w: &When, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let join = |parts: &[When], sep: &str| {
        parts
            .iter()
            .map(|p| match p {
                When::All(_) | When::Any(_) => format!("({})", when(p, locale)),
                _ => when(p, locale),
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    match w {
        When::All(parts) => join(parts, if zh { " 且 " } else { " and " }),
        When::Any(parts) => join(parts, if zh { " 或 " } else { " or " }),
        When::Not(inner) if zh => format!("并非 ({})", when(inner, locale)),
        When::Not(inner) => format!("not ({})", when(inner, locale)),
        When::Test { subject, subject_en, field, op, values, .. } => {
            let who = match (field, zh) {
                (Some(f), _) => field_name(f, zh),
                (None, false) => format!("`{}`", subject_en.as_deref().unwrap_or(subject)),
                (None, true) => format!("`{subject}`"),
            };
            let vals = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(if zh { "、" } else { ", " });
            let (z, e) = match op {
                Op::Eq => ("为", "is"),
                Op::Ne => ("不为", "is not"),
                Op::Contains => ("包含", "contains"),
                Op::NotContains => ("不包含", "does not contain"),
                Op::IsNull => ("未填写", "is empty"),
                Op::In => ("为以下之一:", "is one of"),
                Op::Lt => ("小于", "is below"),
                Op::Gt => ("大于", "is above"),
                Op::Le => ("不大于", "is at most"),
                Op::Ge => ("不小于", "is at least"),
            };
            let verb = if zh { z } else { e };
            if vals.is_empty() {
                format!("{who} {verb}")
            } else {
                format!("{who} {verb} {vals}")
            }
        }
    }
}

/// The message for one issue in the given locale.
pub fn message(kind: &IssueKind, locale: Locale) -> String {
    use IssueKind as K;
    let zh = locale == Locale::ZhCn;
    match kind {
        K::CategoryNotFound { category_id } => {
            if zh {
                format!("类目 `{category_id}` 不存在")
            } else {
                format!("category `{category_id}` does not exist")
            }
        }
        K::CategoryNotLeaf { category_id, name } => {
            if zh {
                format!("类目 `{name}` ({category_id}) 不是叶子类目, 商品只能发布在叶子类目下")
            } else {
                format!("category `{name}` ({category_id}) is not a leaf: listings go in leaf categories only")
            }
        }
        K::CategoryDeleted { category_id, name } => {
            if zh {
                format!("类目 `{name}` ({category_id}) 已删除")
            } else {
                format!("category `{name}` ({category_id}) has been deleted")
            }
        }
        K::CategoryPublishFrozen { category_id, name } => {
            if zh {
                format!("类目 `{name}` ({category_id}) 已冻结, 禁止发布商品")
            } else {
                format!("category `{name}` ({category_id}) is frozen: publishing is forbidden")
            }
        }
        K::CategoryNotAuthorized { category_id, name } => {
            if zh {
                format!("卖家未获得类目 `{name}` ({category_id}) 的发布授权")
            } else {
                format!("the seller is not authorised to publish in category `{name}` ({category_id})")
            }
        }
        K::CategoryAuditPending { category_id, name } => {
            if zh {
                format!("类目 `{name}` ({category_id}) 仍在审核中")
            } else {
                format!("category `{name}` ({category_id}) is still under review")
            }
        }
        K::CategoryAuditRejected { category_id, name, reason } => {
            let r = reason.as_deref().unwrap_or("");
            match (zh, r.is_empty()) {
                (true, true) => format!("类目 `{name}` ({category_id}) 审核未通过"),
                (true, false) => format!("类目 `{name}` ({category_id}) 审核未通过: {r}"),
                (false, true) => format!("category `{name}` ({category_id}) was rejected in review"),
                (false, false) => format!("category `{name}` ({category_id}) was rejected in review: {r}"),
            }
        }
        K::QualificationMissing { alternatives, .. } => {
            if zh {
                format!("缺少资质证明, 请提供以下任一文件: {}", list(alternatives))
            } else {
                format!("a required qualification is missing: provide one of {}", list(alternatives))
            }
        }
        K::TitleMissing {} => {
            if zh {
                "标题不能为空".into()
            } else {
                "the title is empty".into()
            }
        }
        K::TitleTooLong { chars, bytes, max_chars, max_bytes, unit } => {
            // The platform counts in one unit; the message speaks in it.
            let (n, max) = match unit {
                LengthUnit::Bytes => (*bytes, *max_bytes),
                LengthUnit::Characters => (*chars, *max_chars),
            };
            if zh {
                format!("标题过长: {n} {u}, 上限 {max} {u}", u = unit_name(*unit, true))
            } else {
                format!("the title is too long: {n} {}, the limit is {max}", unit_name(*unit, false))
            }
        }
        K::PropRequired { pid, prop, condition } => match (zh, condition) {
            (true, None) => format!("缺少必填属性 `{prop}` ({pid})"),
            (false, None) => format!("required property `{prop}` ({pid}) is missing"),
            (true, Some(c)) => format!("当 {} 时, 属性 `{prop}` ({pid}) 为必填, 但未填写", when(c, locale)),
            (false, Some(c)) => {
                format!("property `{prop}` ({pid}) is required when {}, and it is missing", when(c, locale))
            }
        },
        K::PropDisabled { pid, prop, condition } => {
            if zh {
                format!("当 {} 时, 属性 `{prop}` ({pid}) 不可填写, 请删除它的值", when(condition, locale))
            } else {
                format!("property `{prop}` ({pid}) must stay empty when {}: remove its value", when(condition, locale))
            }
        }
        K::ValueTooLong { pid, prop, field, value, length, max, unit } => {
            let who = subject(*pid, prop, field.as_deref(), locale);
            let u = unit_name(*unit, zh);
            // A total (all typed input, all aliases) has no one value to show.
            match (zh, value.is_empty()) {
                (true, false) => format!("{who} 的值 `{value}` 过长: {length} {u}, 上限 {max} {u}"),
                (true, true) => format!("{who}过长: {length} {u}, 上限 {max} {u}"),
                (false, false) => format!("the value `{value}` of {who} is too long: {length} {u}, the limit is {max}"),
                (false, true) => {
                    let who = who.strip_prefix("the ").unwrap_or(&who);
                    format!("the {who} is too long: {length} {u}, the limit is {max}")
                }
            }
        }
        K::ValueTooShort { pid, prop, field, value, length, min, unit } => {
            let who = subject(*pid, prop, field.as_deref(), locale);
            let u = unit_name(*unit, zh);
            if zh {
                format!("{who} 的值 `{value}` 过短: {length} {u}, 至少 {min} {u}")
            } else {
                format!("the value `{value}` of {who} is too short: {length} {u}, at least {min} are needed")
            }
        }
        K::ValueOutOfRange { pid, prop, field, value, min, max } => {
            let who = subject(*pid, prop, field.as_deref(), locale);
            if zh {
                format!("{who} 的值 `{value}` 超出范围: 须{}", range(min, max, locale))
            } else {
                format!("the value `{value}` of {who} is out of range: it must be {}", range(min, max, locale))
            }
        }
        K::ValueCountOutOfRange { pid, prop, count, min, max } => {
            let bounds = match (min, max, zh) {
                (Some(a), Some(b), true) => format!("{a} 到 {b} 个"),
                (Some(a), None, true) => format!("至少 {a} 个"),
                (None, Some(b), true) => format!("最多 {b} 个"),
                (Some(a), Some(b), false) => format!("{a} to {b}"),
                (Some(a), None, false) => format!("at least {a}"),
                (None, Some(b), false) => format!("at most {b}"),
                (None, None, true) => "不限".to_owned(),
                (None, None, false) => "any number".to_owned(),
            };
            if zh {
                format!("属性 `{prop}` ({pid}) 选了 {count} 个值, 须为 {bounds}")
            } else {
                format!("property `{prop}` ({pid}) has {count} value(s); it takes {bounds}")
            }
        }
        K::ValuePatternMismatch { pid, prop, field, value, pattern, must_match, hint } => {
            let who = subject(*pid, prop, field.as_deref(), locale);
            let why = match (hint, must_match, zh) {
                (Some(h), _, _) => h.clone(),
                (None, true, true) => format!("须符合格式 `{pattern}`"),
                (None, false, true) => format!("不得符合格式 `{pattern}`"),
                (None, true, false) => format!("it must match `{pattern}`"),
                (None, false, false) => format!("it must not match `{pattern}`"),
            };
            if zh {
                format!("{who} 的值 `{value}` 格式不符: {why}")
            } else {
                format!("the value `{value}` of {who} has the wrong form: {why}")
            }
        }
        K::ValueTypeInvalid { pid, prop, field, value, expected, max_decimals } => {
            let (zh_t, en_t) = match expected {
                ValueType::Text => ("文本", "text"),
                ValueType::Integer => ("整数", "a whole number"),
                ValueType::Decimal => ("数字", "a number"),
                ValueType::Date => ("日期 (YYYY-MM-DD)", "a date (YYYY-MM-DD)"),
                ValueType::Url => ("以 http:// 或 https:// 开头的网址", "an http:// or https:// address"),
            };
            let who = subject(*pid, prop, field.as_deref(), locale);
            match (zh, max_decimals) {
                (true, Some(d)) => format!("{who} 的值 `{value}` 须为{zh_t}, 最多 {d} 位小数"),
                (true, None) => format!("{who} 的值 `{value}` 须为{zh_t}"),
                (false, Some(d)) => format!("the value `{value}` of {who} must be {en_t} with at most {d} decimal(s)"),
                (false, None) => format!("the value `{value}` of {who} must be {en_t}"),
            }
        }
        K::ItemPriceOutOfSkuRange { price, min, max } => {
            if zh {
                format!("商品价格 `{price}` 须介于 SKU 的最低价 `{min}` 与最高价 `{max}` 之间")
            } else {
                format!("the item price `{price}` must lie between the lowest and the highest SKU price, `{min}` to `{max}`")
            }
        }
        K::ItemQuantityMismatch { quantity, sum } => {
            if zh {
                format!("商品库存 `{quantity}` 须等于各 SKU 库存之和 {sum}")
            } else {
                format!("the item quantity `{quantity}` must equal the sum of the SKU quantities, {sum}")
            }
        }
        K::FieldRequired { field, category } => {
            let what = field_name(field, zh);
            match (zh, category) {
                (true, true) => format!("该类目要求填写{what}, 但未填写"),
                (true, false) => format!("平台要求填写{what}, 但未填写"),
                (false, true) => format!("the category requires {what}, and it is missing"),
                (false, false) => format!("the platform requires {what}, and it is missing"),
            }
        }
        K::PriceOutOfRange { price, min, max, category } => match (zh, category) {
            (true, true) => format!("价格 `{price}` 不符合类目价格限制: 须{}", range(min, max, locale)),
            (true, false) => format!("价格 `{price}` 超出平台允许的范围: 须{}", range(min, max, locale)),
            (false, true) => format!(
                "price `{price}` is outside the category's price limits: it must be {}",
                range(min, max, locale)
            ),
            (false, false) => {
                format!("price `{price}` is outside what the platform accepts: it must be {}", range(min, max, locale))
            }
        },
        K::SkuPriceMissing {} => {
            if zh {
                "SKU 缺少价格".into()
            } else {
                "the SKU has no price".into()
            }
        }
        K::FieldUnknown { field, object, suggestions } => {
            let (z, e) = match object.as_str() {
                "listing" => ("商品", "the listing"),
                "property" => ("属性", "a property"),
                "sku" => ("SKU", "a SKU"),
                "sku_pair" => ("SKU 的销售属性", "a SKU's sale property"),
                "qualification" => ("资质文件", "a qualification document"),
                "location" => ("所在地", "the location"),
                "price_range" => ("阶梯价格", "a quantity price range"),
                _ => ("对象", "an object"),
            };
            if zh {
                format!("{z}中没有字段 `{field}`, 它的值不会被检查{}", hint(suggestions, locale))
            } else {
                format!("{e} has no field `{field}`; its value is not checked{}", hint(suggestions, locale))
            }
        }
        K::PropUnknown { pid, name, suggestions } => {
            let what = match (pid, name) {
                (Some(p), _) => p.to_string(),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            if zh {
                format!("类目下没有属性 `{what}`{}", hint(suggestions, locale))
            } else {
                format!("the category has no property `{what}`{}", hint(suggestions, locale))
            }
        }
        K::PropNameAmbiguous { name, candidates } => {
            let ids: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
            if zh {
                format!("属性名 `{name}` 对应多个属性 ({}), 请改用属性 ID", ids.join(", "))
            } else {
                format!("property name `{name}` matches several properties ({}); use a property id", ids.join(", "))
            }
        }
        K::PropValueUnknown { pid, prop, vid, value, suggestions } => {
            let v = value_ref(vid, value);
            if zh {
                format!("属性 `{prop}` ({pid}) 不允许取值 `{v}`{}", hint(suggestions, locale))
            } else {
                format!("`{v}` is not an allowed value of property `{prop}` ({pid}){}", hint(suggestions, locale))
            }
        }
        K::PropValueAmbiguous { pid, prop, value, candidates } => {
            let ids: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
            if zh {
                format!("属性 `{prop}` ({pid}) 的取值 `{value}` 对应多个值 ({}), 请改用值 ID", ids.join(", "))
            } else {
                format!(
                    "value `{value}` of property `{prop}` ({pid}) matches several values ({}); use a value id",
                    ids.join(", ")
                )
            }
        }
        K::PropValueDeleted { pid, prop, vid, value } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 的取值 `{value}` ({vid}) 已停用")
            } else {
                format!("value `{value}` ({vid}) of property `{prop}` ({pid}) is no longer in use")
            }
        }
        K::PropNotMulti { pid, prop, count } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 只能选一个值, 当前选了 {count} 个")
            } else {
                format!("property `{prop}` ({pid}) takes one value, {count} were given")
            }
        }
        K::PropCustomValueNotAllowed { pid, prop, value } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 只能从列表中选择, 不能自定义 `{value}`")
            } else {
                format!("property `{prop}` ({pid}) only takes listed values, not the custom value `{value}`")
            }
        }
        K::PropDependencyUnmet { pid, prop, parent_pid, parent_vid, parent_prop, parent_value } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 仅在 `{parent_prop}` ({parent_pid}) 选择 `{parent_value}` ({parent_vid}) 时可用")
            } else {
                format!("property `{prop}` ({pid}) applies only when `{parent_prop}` ({parent_pid}) is `{parent_value}` ({parent_vid})")
            }
        }
        K::PropTextTooLong { pid, prop, length, max } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 的文字过长: {length} 个字符, 上限 {max}")
            } else {
                format!("text of property `{prop}` ({pid}) is too long: {length} characters, the limit is {max}")
            }
        }
        K::BrandNotAuthorized { pid, vid, value } => {
            if zh {
                format!("卖家未获得品牌 `{value}` ({pid}:{vid}) 的授权")
            } else {
                format!("the seller is not authorised for brand `{value}` ({pid}:{vid})")
            }
        }
        K::AliasNotAllowed { pid, prop, vid } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 不允许为值 `{vid}` 设置别名")
            } else {
                format!("property `{prop}` ({pid}) does not allow an alias for value `{vid}`")
            }
        }
        K::AliasInvalid { pid, vid, alias, problem, max_chars } => match (problem, zh) {
            (AliasProblem::TooLong, true) => format!("别名 `{alias}` ({pid}:{vid}) 过长, 上限 {max_chars} 个字符"),
            (AliasProblem::TooLong, false) => {
                format!("alias `{alias}` ({pid}:{vid}) is longer than {max_chars} characters")
            }
            (AliasProblem::ForbiddenWord, true) => format!("别名 `{alias}` ({pid}:{vid}) 含有禁用词"),
            (AliasProblem::ForbiddenWord, false) => format!("alias `{alias}` ({pid}:{vid}) contains a forbidden word"),
            (AliasProblem::Empty, true) => format!("值 `{pid}:{vid}` 的别名为空"),
            (AliasProblem::Empty, false) => format!("the alias of value `{pid}:{vid}` is empty"),
            (AliasProblem::ValueNotChosen, true) => format!("别名 `{alias}` 对应的值 `{vid}` 未在属性 {pid} 中选择"),
            (AliasProblem::ValueNotChosen, false) => {
                format!("alias `{alias}` is for value `{vid}`, which is not chosen for property {pid}")
            }
        },
        K::SkuPropNotSale { pid, prop } => {
            if zh {
                format!("属性 `{prop}` ({pid}) 不是销售属性, 不能用于 SKU")
            } else {
                format!("property `{prop}` ({pid}) is not a sale property and cannot be used in a SKU")
            }
        }
        K::SkuPropMissing { pid, prop } => {
            if zh {
                format!("SKU 缺少销售属性 `{prop}` ({pid}) 的值")
            } else {
                format!("the SKU has no value for sale property `{prop}` ({pid})")
            }
        }
        K::SkuValueUnknown { pid, prop, vid, value, suggestions } => {
            let v = value_ref(vid, value);
            if zh {
                format!("销售属性 `{prop}` ({pid}) 不允许取值 `{v}`{}", hint(suggestions, locale))
            } else {
                format!("`{v}` is not an allowed value of sale property `{prop}` ({pid}){}", hint(suggestions, locale))
            }
        }
        K::SkuValueNotInProps { pid, prop, vid, value } => {
            if zh {
                format!("SKU 使用的值 `{value}` ({pid}:{vid}) 未在商品属性 `{prop}` 中选择")
            } else {
                format!("the SKU uses `{value}` ({pid}:{vid}), which is not among the chosen values of `{prop}`")
            }
        }
        K::SkuDuplicate { first, combination, names } => {
            let c = combo(combination, names);
            if zh {
                format!("SKU 组合 `{c}` 与第 {first} 个 SKU 重复")
            } else {
                format!("SKU combination `{c}` repeats SKU {first}")
            }
        }
        K::SkuCombinationMissing { combination, names } => {
            let c = combo(combination, names);
            if zh {
                format!("缺少组合 `{c}` 的 SKU")
            } else {
                format!("no SKU for the combination `{c}`")
            }
        }
        K::SkuLimitExceeded { count, max } => {
            if zh {
                format!("SKU 数量 {count} 超过上限 {max}")
            } else {
                format!("{count} SKUs exceed the limit of {max}")
            }
        }
        K::SkuPriceInvalid { price } => {
            let p = price.as_deref().unwrap_or("");
            if zh {
                format!("价格 `{p}` 无效: 须为大于 0 且最多两位小数的数字")
            } else {
                format!("price `{p}` is invalid: it must be a positive number with at most two decimals")
            }
        }
        K::SkuQuantityInvalid { quantity } => {
            let q = quantity.as_deref().unwrap_or("");
            if zh {
                format!("库存 `{q}` 无效: 须为不小于 0 的整数")
            } else {
                format!("quantity `{q}` is invalid: it must be a whole number of at least 0")
            }
        }
        K::SkuRequired { pid, prop } => {
            if zh {
                format!("该类目必须设置 SKU (销售属性 `{prop}` ({pid}) 为必填)")
            } else {
                format!("the category requires SKUs (sale property `{prop}` ({pid}) is required)")
            }
        }
        K::NativeSyntaxInvalid { offset, fragment } => {
            if zh {
                format!("第 {offset} 字节处的 `{fragment}` 不是 `pid:vid` 格式")
            } else {
                format!("`{fragment}` at byte {offset} is not of the form `pid:vid`")
            }
        }
        K::CategoryMetadataIncomplete { category_id, name } => {
            if zh {
                format!("类目 `{name}` ({category_id}) 的平台数据不完整 (获取时部分请求失败), 无法可靠校验; 请重新获取该类目的数据后再校验")
            } else {
                format!("the platform data for category `{name}` ({category_id}) is incomplete (some requests failed when it was fetched), so the listing cannot be checked reliably; fetch the category again and re-check")
            }
        }
        K::IssuesTruncated { omitted, errors, warnings, max } => {
            if zh {
                format!("问题过多, 只列出前 {max} 个; 另有 {omitted} 个未列出 ({errors} 个错误, {warnings} 个警告)")
            } else {
                format!("too many issues: only the first {max} are listed; {omitted} more are not ({errors} errors, {warnings} warnings)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_differ_and_carry_parameters() {
        let k = IssueKind::SkuLimitExceeded { count: 700, max: 600 };
        let zh = message(&k, Locale::ZhCn);
        let en = message(&k, Locale::En);
        assert!(zh.contains("700") && zh.contains("上限"));
        assert!(en.contains("700") && en.contains("limit"));
    }

    #[test]
    fn suggestions_become_a_hint() {
        let k =
            IssueKind::PropUnknown { pid: None, name: Some("颜色".into()), suggestions: vec!["颜色分类".into()] };
        assert!(message(&k, Locale::En).ends_with("did you mean `颜色分类`?"));
        assert!(message(&k, Locale::ZhCn).contains("您是不是要找"));
    }
}
