//! Name normalisation and text measures shared by the rules.

/// Normalises a property or value name for matching: trims, folds full-width ASCII forms and
/// the ideographic space to their half-width forms, lower-cases, and drops the 《》 book-title
/// marks that qualification names are often wrapped in. Sellers type names on phones with
/// Chinese input methods, so `Ｍ`, ` m ` and `m` must all find the size `M`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '《' | '》' => continue,
            _ => c,
        };
        super::lowercase::push_lowercase(c, &mut out);
    }
    // The trim above cannot see full-width spaces that only became spaces here.
    let trimmed = out.trim();
    if trimmed.len() != out.len() {
        return trimmed.to_owned();
    }
    out
}

/// Number of characters (Unicode scalar values).
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Length the way Taobao counts titles: one byte for ASCII, two for anything else
/// (its limit is 60 "bytes", i.e. 30 Chinese characters).
pub fn platform_bytes(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_case_and_space_fold() {
        assert_eq!(normalize("\u{3000}Ｍ "), "m");
        assert_eq!(normalize(" XL"), "xl");
        assert_eq!(normalize("《律师执业资格证》"), "律师执业资格证");
        assert_eq!(normalize("米白"), "米白");
    }

    #[test]
    fn platform_bytes_counts_cjk_twice() {
        assert_eq!(platform_bytes("T恤"), 3);
        assert_eq!(char_count("T恤"), 2);
    }
}
