//! Localised issue messages (Simplified Chinese and English).
//!
//! Messages are built from the typed parameters, so the two languages always say the same
//! thing and a code is never inferred from text. They speak to a seller: properties, values
//! and categories by name (in English by their English name where the snapshot has one, looked
//! up in the listing's category through [`Names`]), SKUs counted from 1, and no ids: those
//! stay in the parameters.

use crate::catalog::CompiledCategory;
use crate::model::ids::Id;
use crate::model::rule_model::{Bound, LengthUnit, Op, ValueType};
use crate::report::{AliasProblem, IssueKind, Pair, PriceProblem, QuantityProblem, When};
use crate::validate::options::Locale;
use crate::validate::rules::amount::to_half_width;

/// Where messages look up names the parameters hold as ids or in Chinese only: the listing's
/// category. Without one, English messages use the Chinese names.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Names<'a> {
    cat: Option<&'a CompiledCategory>,
}

impl<'a> Names<'a> {
    /// Names from the listing's category, if the snapshot has it.
    pub(crate) fn of(cat: Option<&'a CompiledCategory>) -> Self {
        Names { cat }
    }

    /// A property as the locale names it: its English name in English where the snapshot has
    /// one, the name the parameters carry otherwise.
    fn prop(&self, pid: Id, name: &str, zh: bool) -> String {
        let en = || self.cat.and_then(|c| c.property(pid)).and_then(|p| p.property.name_en.as_deref());
        match (zh, en()) {
            (false, Some(en)) if !en.trim().is_empty() => en.to_owned(),
            _ => name.to_owned(),
        }
    }

    /// A property known only by id (the parameters carry no name): its name, or `None`.
    fn prop_by_id(&self, pid: Id, zh: bool) -> Option<String> {
        let p = self.cat.and_then(|c| c.property(pid))?;
        Some(self.prop(pid, &p.property.name, zh))
    }

    /// A value's name, when the snapshot knows the value.
    fn value(&self, pid: Id, vid: Id) -> Option<String> {
        Some(self.cat?.property(pid)?.value(vid)?.name.clone())
    }

    /// The listing's category as the locale names it.
    fn category(&self, category_id: Id, name: &str, zh: bool) -> String {
        let en = self.cat.filter(|c| c.category.id == category_id).and_then(|c| c.category.name_en.as_deref());
        match (zh, en) {
            (false, Some(en)) if !en.trim().is_empty() => en.to_owned(),
            _ => name.to_owned(),
        }
    }
}

fn list(items: &[String], zh: bool) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(if zh { "、" } else { ", " })
}

fn hint(suggestions: &[String], locale: Locale) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    match locale {
        Locale::ZhCn => format!("; 您是不是要找 {}?", list(suggestions, true)),
        Locale::En => format!("; did you mean {}?", list(suggestions, false)),
    }
}

/// A SKU combination by its value names, as the report gives them; from the snapshot's names
/// when the report has none.
fn combo(pairs: &[Pair], names: &[String], lookup: &Names<'_>) -> String {
    if !names.is_empty() {
        return names.join(" / ");
    }
    pairs.iter().map(|p| lookup.value(p.pid, p.vid).unwrap_or_else(|| "?".to_owned())).collect::<Vec<_>>().join(" / ")
}

/// A whole number as a seller reads it: digits grouped by three from five digits on
/// (`100,000,000`; `1000` stays as it is, as Chinese text writes it).
fn group(n: impl std::fmt::Display) -> String {
    let s = n.to_string();
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (whole, frac) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.len() < 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A length in its unit: "11 字节" / "11 bytes".
fn length(n: impl std::fmt::Display, unit: LengthUnit, zh: bool) -> String {
    let n = group(n);
    match (unit, zh) {
        (LengthUnit::Characters, true) => format!("{n} 个字"),
        (LengthUnit::Bytes, true) => format!("{n} 字节"),
        (LengthUnit::Characters, false) if n == "1" => "1 character".to_owned(),
        (LengthUnit::Characters, false) => format!("{n} characters"),
        (LengthUnit::Bytes, false) if n == "1" => "1 byte".to_owned(),
        (LengthUnit::Bytes, false) => format!("{n} bytes"),
    }
}

/// How the platform counts bytes, said once after the figures that are in bytes.
fn unit_note(unit: LengthUnit, zh: bool) -> &'static str {
    match (unit, zh) {
        (LengthUnit::Characters, _) => "",
        (LengthUnit::Bytes, true) => " (一个汉字算 2 字节)",
        (LengthUnit::Bytes, false) => " (a Chinese character counts 2)",
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
    // Every English field name starts with an ASCII letter or a backquote, so ASCII
    // capitalisation is all it needs; `char::to_uppercase` would link Unicode's whole
    // upper-case table into the browser module (about 6 KB gzipped) for these few names.
    let mut out = bare.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
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
        "outer_id" => ("商家编码", "the seller's item code"),
        "barcode" => ("条形码", "the barcode"),
        "stuff_status" => ("新旧程度", "the condition (new or used)"),
        "price_ranges" => ("阶梯价格", "the quantity price ranges"),
        "min_order_quantity" => ("起批量", "the minimum order quantity"),
        "unit" => ("计量单位", "the unit"),
        "typed_input" => ("自行输入的文字 (合计)", "the typed input (all together)"),
        "aliases" => ("属性值别名 (合计)", "the alias string (all aliases together)"),
        "props" => ("属性串 (全部所选属性值)", "the property string (all chosen values together)"),
        other => return format!("`{other}`"),
    };
    if zh { z } else { e }.to_owned()
}

/// What a value belongs to: a property by name (with the space that follows a quoted name in
/// Chinese), or an item field.
fn subject(pid: Option<Id>, prop: &str, field: Option<&str>, zh: bool, names: &Names<'_>) -> String {
    match (field, pid, zh) {
        (Some(f), _, _) => field_name(f, zh),
        (None, Some(p), true) => format!("属性 `{}` ", names.prop(p, prop, true)),
        (None, Some(p), false) => format!("property `{}`", names.prop(p, prop, false)),
        (None, None, true) => format!("属性 `{prop}` "),
        (None, None, false) => format!("property `{prop}`"),
    }
}

/// A value of a property or an item field, quoted: "属性 `货号` 的值 `A`" / "标题 `T恤`", and
/// in English "the value `A` of property `Article number`" / "the title `T恤`".
fn valued(pid: Option<Id>, prop: &str, field: Option<&str>, value: &str, zh: bool, names: &Names<'_>) -> String {
    let who = subject(pid, prop, field, zh, names);
    match (field.is_some(), zh) {
        (true, _) => format!("{who} `{value}`"),
        (false, true) => format!("{who}的值 `{value}`"),
        (false, false) => format!("the value `{value}` of {who}"),
    }
}

/// A bound in plain decimal, grouped (`100,000,000`, `0.01`): Rust's `Display` for `f64`
/// never uses an exponent.
fn num(x: f64) -> String {
    group(x)
}

/// A numeric range in words: "大于 0 且小于 100,000,000" / "above 0 and below 100,000,000".
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
        (Some(l), Some(h)) if zh => format!("{l} 且{h}"),
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
        When::Not(inner) if zh && matches!(**inner, When::Test { .. }) => format!("并非{}", when(inner, locale)),
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
            // Chinese puts no space between an unquoted field name and its verb.
            if zh && field.is_some() {
                return if vals.is_empty() { format!("{who}{verb}") } else { format!("{who}{verb} {vals}") };
            }
            if vals.is_empty() {
                format!("{who} {verb}")
            } else {
                format!("{who} {verb} {vals}")
            }
        }
    }
}

/// Whether `s` holds Chinese (CJK) characters.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c))
}

/// What is wrong with a SKU price, and how to write it.
fn price_message(p: &str, reason: PriceProblem, zh: bool) -> String {
    use PriceProblem as P;
    match (reason, zh) {
        (P::Spaces, true) => format!("价格 `{p}` 前后有空格, 请删除空格"),
        (P::Spaces, false) => format!("the price `{p}` has spaces around it: remove them"),
        (P::FullWidth, true) => {
            format!("价格 `{p}` 含有全角数字或符号, 请用半角数字填写, 如 `{}`", to_half_width(p))
        }
        (P::FullWidth, false) => {
            format!(
                "the price `{p}` has full-width digits or signs: type it in half-width digits, as `{}`",
                to_half_width(p)
            )
        }
        (P::Currency, true) => format!("价格 `{p}` 只填数字, 不要带货币符号或单位"),
        (P::Currency, false) => format!("the price `{p}` takes the number only, without a currency sign or unit"),
        (P::NotPositive, true) => format!("价格 `{p}` 须大于 0"),
        (P::NotPositive, false) => format!("the price `{p}` must be above 0"),
        (P::TooManyDecimals, true) => format!("价格 `{p}` 最多两位小数"),
        (P::TooManyDecimals, false) => format!("the price `{p}` has more than two decimals"),
        (P::NotANumber, true) => format!("价格 `{p}` 不是数字: 须为大于 0、最多两位小数的数字, 如 `59.00`"),
        (P::NotANumber, false) => {
            format!("the price `{p}` is not a number: write a number above 0 with at most two decimals, as `59.00`")
        }
    }
}

/// What is wrong with a SKU quantity.
fn quantity_message(q: &str, reason: QuantityProblem, zh: bool) -> String {
    use QuantityProblem as Q;
    match (reason, zh) {
        (Q::Missing, true) => "SKU 缺少库存".to_owned(),
        (Q::Missing, false) => "the SKU has no quantity".to_owned(),
        (Q::Spaces, true) => format!("库存 `{q}` 前后有空格, 请删除空格"),
        (Q::Spaces, false) => format!("the quantity `{q}` has spaces around it: remove them"),
        (Q::FullWidth, true) => format!("库存 `{q}` 含有全角数字, 请用半角数字填写, 如 `{}`", to_half_width(q)),
        (Q::FullWidth, false) => {
            format!("the quantity `{q}` has full-width digits: type it in half-width digits, as `{}`", to_half_width(q))
        }
        (Q::Negative, true) => format!("库存 `{q}` 不能小于 0"),
        (Q::Negative, false) => format!("the quantity `{q}` cannot be below 0"),
        (Q::NotWhole, true) => format!("库存 `{q}` 须为整数"),
        (Q::NotWhole, false) => format!("the quantity `{q}` must be a whole number"),
        (Q::TooLarge, true) => format!("库存 `{q}` 过大"),
        (Q::TooLarge, false) => format!("the quantity `{q}` is too large"),
        (Q::NotANumber, true) => format!("库存 `{q}` 不是数字: 须为不小于 0 的整数"),
        (Q::NotANumber, false) => format!("the quantity `{q}` is not a number: write a whole number of at least 0"),
    }
}

/// The message for one issue in the given locale, with names as the parameters carry them
/// (Chinese names in English text too: [`Catalog::validate`](crate::Catalog::validate) looks
/// the English names up in the listing's category).
pub fn message(kind: &IssueKind, locale: Locale) -> String {
    message_with(kind, locale, &Names::default())
}

/// The message for one issue, naming what the parameters hold as ids through `names`.
pub(crate) fn message_with(kind: &IssueKind, locale: Locale, names: &Names<'_>) -> String {
    use IssueKind as K;
    let zh = locale == Locale::ZhCn;
    let prop = |pid: Id, name: &str| names.prop(pid, name, zh);
    let cat = |id: Id, name: &str| names.category(id, name, zh);
    match kind {
        K::CategoryNotFound { .. } => {
            if zh {
                "商品的类目不在平台数据中, 请重新选择类目".into()
            } else {
                "the listing's category is not in the platform data: choose the category again".into()
            }
        }
        K::CategoryNotLeaf { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("类目 `{c}` 不是叶子类目, 商品只能发布在叶子类目下")
            } else {
                format!("category `{c}` is not a leaf: listings go in leaf categories only")
            }
        }
        K::CategoryDeleted { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("类目 `{c}` 已删除")
            } else {
                format!("category `{c}` has been deleted")
            }
        }
        K::CategoryPublishFrozen { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("类目 `{c}` 已冻结, 禁止发布商品")
            } else {
                format!("category `{c}` is frozen: publishing is forbidden")
            }
        }
        K::CategoryNotAuthorized { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("卖家未获得类目 `{c}` 的发布授权")
            } else {
                format!("the seller is not authorised to publish in category `{c}`")
            }
        }
        K::CategoryAuditPending { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("类目 `{c}` 仍在审核中")
            } else {
                format!("category `{c}` is still under review")
            }
        }
        K::CategoryAuditRejected { category_id, name, reason } => {
            let c = cat(*category_id, name);
            let r = reason.as_deref().unwrap_or("").trim();
            match (zh, r.is_empty()) {
                (true, true) => format!("类目 `{c}` 审核未通过"),
                (true, false) => format!("类目 `{c}` 审核未通过: {r}"),
                (false, true) => format!("category `{c}` was rejected in review"),
                // The platform gives its reason in Chinese: quoted as it is.
                (false, false) if has_cjk(r) => format!("category `{c}` was rejected in review: `{r}`"),
                (false, false) => format!("category `{c}` was rejected in review: {r}"),
            }
        }
        K::QualificationMissing { alternatives, .. } => {
            if zh {
                format!("缺少资质证明, 请提供以下任一文件: {}", list(alternatives, true))
            } else {
                format!("a required qualification is missing: provide one of {}", list(alternatives, false))
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
                LengthUnit::Bytes => (*bytes, *max_bytes as usize),
                LengthUnit::Characters => (*chars, *max_chars as usize),
            };
            let (n, max, note) = (length(n, *unit, zh), length(max, *unit, zh), unit_note(*unit, zh));
            if zh {
                format!("标题过长: {n}, 上限 {max}{note}")
            } else {
                format!("the title is too long: {n}, the limit is {max}{note}")
            }
        }
        K::PropRequired { pid, prop: name, condition } => {
            let p = prop(*pid, name);
            match (zh, condition) {
                (true, None) => format!("缺少必填属性 `{p}`"),
                (false, None) => format!("required property `{p}` is missing"),
                (true, Some(c)) => format!("当 {} 时, 属性 `{p}` 为必填, 但未填写", when(c, locale)),
                (false, Some(c)) => format!("property `{p}` is required when {}, and it is missing", when(c, locale)),
            }
        }
        K::PropDisabled { pid, prop: name, condition } => {
            let p = prop(*pid, name);
            if zh {
                format!("当 {} 时, 属性 `{p}` 不可填写, 请删除它的值", when(condition, locale))
            } else {
                format!("property `{p}` must stay empty when {}: remove its value", when(condition, locale))
            }
        }
        K::ValueTooLong { pid, prop: name, field, value, length: n, max, unit } => {
            // A total (all typed input, all aliases) has no one value to show.
            let what = if value.is_empty() {
                subject(*pid, name, field.as_deref(), zh, names).trim_end().to_owned()
            } else {
                valued(*pid, name, field.as_deref(), value, zh, names)
            };
            // The property string holds ids and separators only: how a Chinese character
            // counts does not concern it.
            let note = if field.as_deref() == Some("props") { "" } else { unit_note(*unit, zh) };
            let (n, max) = (length(n, *unit, zh), length(max, *unit, zh));
            if zh {
                format!("{what} 过长: {n}, 上限 {max}{note}")
            } else {
                format!("{what} is too long: {n}, the limit is {max}{note}")
            }
        }
        K::ValueTooShort { pid, prop: name, field, value, length: n, min, unit } => {
            let what = valued(*pid, name, field.as_deref(), value, zh, names);
            let (n, min, note) = (length(n, *unit, zh), length(min, *unit, zh), unit_note(*unit, zh));
            if zh {
                format!("{what} 过短: {n}, 至少 {min}{note}")
            } else {
                format!("{what} is too short: {n}, at least {min} are needed{note}")
            }
        }
        K::ValueOutOfRange { pid, prop: name, field, value, min, max } => {
            let what = valued(*pid, name, field.as_deref(), value, zh, names);
            if zh {
                format!("{what} 超出范围: 须{}", range(min, max, locale))
            } else {
                format!("{what} is out of range: it must be {}", range(min, max, locale))
            }
        }
        K::ValueCountOutOfRange { pid, prop: name, count, min, max } => {
            let p = prop(*pid, name);
            let bounds = match (min, max, zh) {
                (Some(a), Some(b), true) => format!("须选 {a} 到 {b} 个"),
                (Some(a), None, true) => format!("至少要选 {a} 个"),
                (None, Some(b), true) => format!("最多只能选 {b} 个"),
                (Some(a), Some(b), false) => format!("it takes {a} to {b}"),
                (Some(a), None, false) => format!("it takes at least {a}"),
                (None, Some(b), false) => format!("it takes at most {b}"),
                (None, None, true) => "个数不限".to_owned(),
                (None, None, false) => "it takes any number".to_owned(),
            };
            match (zh, count) {
                (true, _) => format!("属性 `{p}` 选了 {count} 个值, {bounds}"),
                (false, 1) => format!("property `{p}` has 1 value; {bounds}"),
                (false, _) => format!("property `{p}` has {count} values; {bounds}"),
            }
        }
        K::ValuePatternMismatch { pid, prop: name, field, value, pattern, must_match, hint } => {
            let what = valued(*pid, name, field.as_deref(), value, zh, names);
            // The snapshot's hint is written for Chinese sellers: English shows the pattern.
            let hint = hint.as_deref().filter(|h| zh || !has_cjk(h));
            let why = match (hint, must_match, zh) {
                (Some(h), _, _) => h.to_owned(),
                (None, true, true) => format!("须符合格式 `{pattern}`"),
                (None, false, true) => format!("不得符合格式 `{pattern}`"),
                (None, true, false) => format!("it must match `{pattern}`"),
                (None, false, false) => format!("it must not match `{pattern}`"),
            };
            if zh {
                format!("{what} 格式不符: {why}")
            } else {
                format!("{what} has the wrong form: {why}")
            }
        }
        K::ValueTypeInvalid { pid, prop: name, field, value, expected, max_decimals } => {
            let what = valued(*pid, name, field.as_deref(), value, zh, names);
            let (zh_t, en_t) = match expected {
                ValueType::Text => ("文本", "text"),
                ValueType::Integer => ("整数", "a whole number"),
                ValueType::Decimal => ("数字", "a number"),
                ValueType::Date => ("日期, 格式如 `2024-03-01`", "a date written as `2024-03-01`"),
                ValueType::Url => ("以 http:// 或 https:// 开头的网址", "an address starting with http:// or https://"),
            };
            match (zh, max_decimals) {
                (true, Some(d)) => format!("{what} 须为{zh_t}, 最多 {d} 位小数"),
                (true, None) => format!("{what} 须为{zh_t}"),
                (false, Some(1)) => format!("{what} must be {en_t} with at most 1 decimal"),
                (false, Some(d)) => format!("{what} must be {en_t} with at most {d} decimals"),
                (false, None) => format!("{what} must be {en_t}"),
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
                format!("商品库存 `{quantity}` 须等于各 SKU 库存之和 {}", group(sum))
            } else {
                format!("the item quantity `{quantity}` must equal the sum of the SKU quantities, {}", group(sum))
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
        K::PriceOutOfRange { price, min, max, category } => match (zh, category) {
            (true, true) => format!("价格 `{price}` 不符合类目价格限制: 须{}", range(min, max, locale)),
            (true, false) => format!("价格 `{price}` 超出平台允许的范围: 须{}", range(min, max, locale)),
            (false, true) => format!(
                "the price `{price}` is outside the category's price limits: it must be {}",
                range(min, max, locale)
            ),
            (false, false) => format!(
                "the price `{price}` is outside what the platform accepts: it must be {}",
                range(min, max, locale)
            ),
        },
        K::SkuPriceMissing {} => {
            if zh {
                "SKU 缺少价格".into()
            } else {
                "the SKU has no price".into()
            }
        }
        K::PropUnknown { name, .. } => match (name.as_deref().map(str::trim).filter(|n| !n.is_empty()), zh) {
            (Some(n), true) => format!("类目下没有属性 `{n}`{}", hint(suggestions_of(kind), locale)),
            (Some(n), false) => format!("the category has no property `{n}`{}", hint(suggestions_of(kind), locale)),
            (None, true) => "类目下没有这个属性 (平台数据中找不到它的编号), 请从类目的属性中选择".into(),
            (None, false) => {
                "the category has no such property (its id is not in the platform data): choose one of the category's properties".into()
            }
        },
        K::PropNameAmbiguous { name, candidates } => {
            let n = candidates.len();
            if zh {
                format!("属性名 `{name}` 对应 {n} 个属性, 无法确定是哪一个; 请改用属性编号")
            } else {
                format!("the property name `{name}` matches {n} properties, so which one is meant is unclear; give its id instead")
            }
        }
        K::PropValueUnknown { pid, prop: name, vid, value, suggestions } => {
            let p = prop(*pid, name);
            let h = hint(suggestions, locale);
            match (value.as_deref(), vid, zh) {
                (Some(v), _, true) => format!("属性 `{p}` 不允许取值 `{v}`{h}"),
                (Some(v), _, false) => format!("`{v}` is not an allowed value of property `{p}`{h}"),
                (None, _, true) => format!("属性 `{p}` 没有这个取值 (平台数据中找不到它的编号), 请从可选值中选择{h}"),
                (None, _, false) => format!(
                    "property `{p}` has no such value (its id is not in the platform data): choose one of its values{h}"
                ),
            }
        }
        K::PropValueAmbiguous { pid, prop: name, value, candidates } => {
            let (p, n) = (prop(*pid, name), candidates.len());
            if zh {
                format!("属性 `{p}` 的取值 `{value}` 对应 {n} 个值, 无法确定是哪一个; 请改用取值编号")
            } else {
                format!("the value `{value}` of property `{p}` matches {n} values, so which one is meant is unclear; give its id instead")
            }
        }
        K::PropValueDeleted { pid, prop: name, value, .. } => {
            let p = prop(*pid, name);
            if zh {
                format!("属性 `{p}` 的取值 `{value}` 已停用, 请另选一个")
            } else {
                format!("the value `{value}` of property `{p}` is no longer in use: choose another")
            }
        }
        K::PropNotMulti { pid, prop: name, count } => {
            let p = prop(*pid, name);
            if zh {
                format!("属性 `{p}` 只能选一个值, 当前选了 {count} 个")
            } else {
                format!("property `{p}` takes one value; {count} were given")
            }
        }
        K::PropCustomValueNotAllowed { pid, prop: name, value } => {
            let p = prop(*pid, name);
            // A value of the seller's own given by its (negative) id has no text to quote.
            let by_id = value.trim().parse::<i64>().is_ok();
            match (zh, by_id) {
                (true, false) => format!("属性 `{p}` 只能从列表中选择, 不能自定义 `{value}`"),
                (true, true) => format!("属性 `{p}` 只能从列表中选择, 不能使用自定义的值"),
                (false, false) => format!("property `{p}` only takes listed values, not the custom value `{value}`"),
                (false, true) => format!("property `{p}` only takes listed values, not values of the seller's own"),
            }
        }
        K::PropDependencyUnmet { pid, prop: name, parent_pid, parent_prop, parent_value, .. } => {
            let (p, parent) = (prop(*pid, name), prop(*parent_pid, parent_prop));
            if zh {
                format!("属性 `{p}` 仅在 `{parent}` 选择 `{parent_value}` 时可用")
            } else {
                format!("property `{p}` applies only when `{parent}` is `{parent_value}`")
            }
        }
        K::PropTextTooLong { pid, prop: name, length: n, max } => {
            let p = prop(*pid, name);
            let (n, max) = (length(n, LengthUnit::Characters, zh), length(max, LengthUnit::Characters, zh));
            if zh {
                format!("属性 `{p}` 的文字过长: {n}, 上限 {max}")
            } else {
                format!("the text of property `{p}` is too long: {n}, the limit is {max}")
            }
        }
        K::BrandNotAuthorized { value, .. } => {
            if zh {
                format!("卖家未获得品牌 `{value}` 的授权")
            } else {
                format!("the seller is not authorised for the brand `{value}`")
            }
        }
        K::AliasNotAllowed { pid, prop: name, vid } => {
            let p = prop(*pid, name);
            let v = alias_target(*pid, vid, names);
            if zh {
                format!("属性 `{p}` 不允许为值 `{v}` 设置别名")
            } else {
                format!("property `{p}` does not allow an alias for its value `{v}`")
            }
        }
        K::AliasInvalid { pid, vid, alias, problem, max, unit } => {
            let p = names.prop_by_id(*pid, zh).unwrap_or_default();
            let v = alias_target(*pid, vid, names);
            let (max, note) = (length(max, *unit, zh), unit_note(*unit, zh));
            match (problem, zh) {
                (AliasProblem::TooLong, true) => format!("`{p}` 的值 `{v}` 的别名 `{alias}` 过长, 上限 {max}{note}"),
                (AliasProblem::TooLong, false) => {
                    format!("the alias `{alias}` for `{v}` (property `{p}`) is longer than {max}{note}")
                }
                (AliasProblem::ForbiddenWord, true) => {
                    format!("`{p}` 的值 `{v}` 的别名 `{alias}` 含有平台禁用的词")
                }
                (AliasProblem::ForbiddenWord, false) => {
                    format!("the alias `{alias}` for `{v}` (property `{p}`) contains a word the platform forbids")
                }
                (AliasProblem::Empty, true) => format!("`{p}` 的值 `{v}` 的别名为空"),
                (AliasProblem::Empty, false) => format!("the alias for `{v}` (property `{p}`) is empty"),
                (AliasProblem::ValueNotChosen, true) => {
                    format!("别名 `{alias}` 对应的值 `{v}` 未在属性 `{p}` 中选择")
                }
                (AliasProblem::ValueNotChosen, false) => {
                    format!("the alias `{alias}` is for `{v}`, which is not chosen for property `{p}`")
                }
            }
        }
        K::SkuPropNotSale { pid, prop: name } => {
            let p = prop(*pid, name);
            if zh {
                format!("属性 `{p}` 不是销售属性, 不能用于 SKU")
            } else {
                format!("property `{p}` is not a sale property and cannot be used in a SKU")
            }
        }
        K::SkuPropMissing { pid, prop: name } => {
            let p = prop(*pid, name);
            if zh {
                format!("SKU 缺少销售属性 `{p}` 的值")
            } else {
                format!("the SKU has no value for sale property `{p}`")
            }
        }
        K::SkuValueUnknown { pid, prop: name, vid, value, suggestions } => {
            let p = prop(*pid, name);
            let h = hint(suggestions, locale);
            match (value.as_deref(), vid, zh) {
                (Some(v), _, true) => format!("销售属性 `{p}` 不允许取值 `{v}`{h}"),
                (Some(v), _, false) => format!("`{v}` is not an allowed value of sale property `{p}`{h}"),
                (None, Some(id), true) if *id < 0 => format!("销售属性 `{p}` 不能使用自定义的值"),
                (None, Some(id), false) if *id < 0 => {
                    format!("sale property `{p}` does not take values of the seller's own")
                }
                (None, Some(_), true) => {
                    format!("销售属性 `{p}` 没有这个取值 (平台数据中找不到它的编号), 请从可选值中选择")
                }
                (None, Some(_), false) => format!(
                    "sale property `{p}` has no such value (its id is not in the platform data): choose one of its values"
                ),
                (None, None, true) => format!("SKU 没有给出销售属性 `{p}` 的取值"),
                (None, None, false) => format!("the SKU gives no value for sale property `{p}`"),
            }
        }
        K::SkuValueNotInProps { pid, prop: name, value, .. } => {
            let p = prop(*pid, name);
            if zh {
                format!("SKU 使用的值 `{value}` 未在商品属性 `{p}` 中选择")
            } else {
                format!("the SKU uses `{value}`, which is not among the chosen values of `{p}`")
            }
        }
        K::SkuDuplicate { first, combination, names: value_names } => {
            // `first` is the SKU's position in the list; sellers count from 1.
            let (c, n) = (combo(combination, value_names, names), first + 1);
            if zh {
                format!("SKU 组合 `{c}` 与第 {n} 个 SKU 重复")
            } else {
                format!("the SKU combination `{c}` repeats SKU {n}")
            }
        }
        K::SkuCombinationMissing { combination, names: value_names } => {
            let c = combo(combination, value_names, names);
            if zh {
                format!("缺少组合 `{c}` 的 SKU")
            } else {
                format!("no SKU for the combination `{c}`")
            }
        }
        K::PropsLimitExceeded { count, max } => {
            let (count, max) = (group(count), group(max));
            if zh {
                format!("所选属性值过多: {count} 个, 平台上限 {max} 个, 请减少")
            } else {
                format!("the listing chooses {count} property values; the platform takes at most {max}: choose fewer")
            }
        }
        K::SkuLimitExceeded { count, max } => {
            let (count, max) = (group(count), group(max));
            if zh {
                format!("SKU 数量 {count} 超过上限 {max}")
            } else {
                format!("{count} SKUs exceed the limit of {max}")
            }
        }
        K::SkuPriceInvalid { price, reason } => price_message(price.as_deref().unwrap_or(""), *reason, zh),
        K::SkuQuantityInvalid { quantity, reason } => {
            quantity_message(quantity.as_deref().unwrap_or(""), *reason, zh)
        }
        K::SkuRequired { pid, prop: name } => {
            let p = prop(*pid, name);
            if zh {
                format!("该类目必须设置 SKU (销售属性 `{p}` 为必填)")
            } else {
                format!("the category requires SKUs (sale property `{p}` is required)")
            }
        }
        K::NativeSyntaxInvalid { offset, fragment } => {
            if zh {
                format!("第 {} 个字节处的 `{fragment}` 不是 `pid:vid` 格式", offset + 1)
            } else {
                format!("`{fragment}` at byte {} is not of the form `pid:vid`", offset + 1)
            }
        }
        K::CategoryMetadataIncomplete { category_id, name } => {
            let c = cat(*category_id, name);
            if zh {
                format!("类目 `{c}` 的平台数据不完整 (获取时部分请求失败), 无法可靠校验; 请重新获取该类目的数据后再校验")
            } else {
                format!("the platform data for category `{c}` is incomplete (some requests failed when it was fetched), so the listing cannot be checked reliably; fetch the category again and re-check")
            }
        }
        K::IssuesTruncated { omitted, errors, warnings, max } => {
            let (omitted, errors, warnings, max) = (group(omitted), group(errors), group(warnings), group(max));
            if zh {
                format!("问题过多, 只列出前 {max} 个; 另有 {omitted} 个未列出 ({errors} 个错误, {warnings} 个警告)")
            } else {
                format!("too many issues: only the first {max} are listed; {omitted} more are not ({errors} errors, {warnings} warnings)")
            }
        }
    }
}

/// The "did you mean" list of an unknown property.
fn suggestions_of(kind: &IssueKind) -> &[String] {
    match kind {
        IssueKind::PropUnknown { suggestions, .. } => suggestions,
        _ => &[],
    }
}

/// The value an alias is for, by name: the alias key is a value id as text, or whatever the
/// seller wrote there.
fn alias_target(pid: Id, key: &str, names: &Names<'_>) -> String {
    key.trim().parse::<Id>().ok().and_then(|vid| names.value(pid, vid)).unwrap_or_else(|| key.to_owned())
}

#[cfg(test)]
mod tests;
