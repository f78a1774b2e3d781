//! Decimal text to `f64`, exactly as `str::parse::<f64>` reads it, for the numbers sellers and
//! snapshots write as text (typed input, condition operands).
//!
//! Why not `str::parse`: its fast algorithm (Eisel-Lemire) carries a 10 KB table of powers of
//! five that cannot be compressed, a twentieth of the browser module's download budget. Here
//! short numbers take the exact fast path (Clinger's: at most 15 digits and a power of ten up
//! to 10^22, both exact in an `f64`, so one correctly rounded operation), and everything else
//! takes an exact big-integer division, slower but rare in listings. Both round to nearest,
//! ties to even, as `str::parse` does; the tests compare the two.

/// At most this many significant digits are kept; any non-zero digit past them only breaks a
/// tie upwards (767 digits are enough to tell every halfway point between two `f64`s apart).
const MAX_DIGITS: usize = 800;

/// Exponents past this are saturated: anything beyond it is zero or infinite anyway, and
/// saturation keeps the arithmetic below from overflowing.
const MAX_EXP: i64 = 100_000;

/// `s` read as `str::parse::<f64>` reads it, when that succeeds with a finite value:
/// an optional sign, digits with an optional `.` (at least one digit), an optional exponent
/// (`e` or `E`, optional sign, digits). `inf`, `nan` and values too large are `None`.
pub fn finite(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let mut digits: Vec<u8> = Vec::new();
    // Decimal exponent of the last kept digit, before the written exponent.
    let mut exp: i64 = 0;
    let mut sticky = false;
    let mut seen_digit = false;
    let mut i = 0;
    let mut push = |d: u8, digits: &mut Vec<u8>, exp: &mut i64, fraction: bool| {
        if d == 0 && digits.is_empty() {
            // A leading zero: only its place counts.
            if fraction {
                *exp -= 1;
            }
        } else if digits.len() < MAX_DIGITS {
            digits.push(d);
            if fraction {
                *exp -= 1;
            }
        } else {
            sticky |= d != 0;
            if !fraction {
                *exp += 1;
            }
        }
    };
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        push(c - b'0', &mut digits, &mut exp, false);
        seen_digit = true;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            push(c - b'0', &mut digits, &mut exp, true);
            seen_digit = true;
            i += 1;
        }
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let negative_exp = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i64::from(c - b'0')).min(MAX_EXP);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if negative_exp { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    // Trailing zeros only scale the value.
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    let magnitude = if digits.is_empty() { 0.0 } else { magnitude(&digits, exp, sticky)? };
    Some(if negative { -magnitude } else { magnitude })
}

/// The digits (no leading or trailing zero) times 10^exp, rounded to nearest, ties to even;
/// `None` when that is infinite. `sticky`: non-zero digits were dropped after the last one.
fn magnitude(digits: &[u8], exp: i64, sticky: bool) -> Option<f64> {
    let n = digits.len() as i64;
    // The value lies in [10^(n+exp-1), 10^(n+exp)).
    if n + exp - 1 > 309 {
        return None;
    }
    if n + exp < -325 {
        return Some(0.0);
    }
    if n <= 15 && !sticky && exp.abs() <= 22 {
        let whole = digits.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d)) as f64;
        let scale = POW10[exp.unsigned_abs() as usize];
        return Some(if exp < 0 { whole / scale } else { whole * scale });
    }
    let mut d = Big::from_digits(digits);
    let (q, e2, rest) = if exp >= 0 {
        d.mul_pow10(exp as u32);
        d.top_bits()
    } else {
        let mut m = Big::from_digits(&[1]);
        m.mul_pow10(exp.unsigned_abs() as u32);
        quotient(d, m)
    };
    round(q, e2, rest || sticky)
}

/// The exact powers of ten an `f64` holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// An unsigned big integer, 32-bit limbs, least significant first, no leading zero limb.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let mut value = 0u32;
            for &d in chunk {
                value = value * 10 + u32::from(d);
            }
            b.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        b
    }

    fn mul_add(&mut self, mul: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(mul) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e > 0 {
            let step = e.min(9);
            self.mul_add(10u32.pow(step), 0);
            e -= step;
        }
    }

    fn bits(&self) -> u64 {
        self.0.last().map_or(0, |top| 32 * self.0.len() as u64 - u64::from(top.leading_zeros()))
    }

    fn bit(&self, i: u64) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }

    /// The top 66 bits (all of them when fewer), the power of two they stand for, and whether
    /// any bit below them is set.
    fn top_bits(&self) -> (u128, i64, bool) {
        let bits = self.bits();
        let low = bits.saturating_sub(66);
        let mut q = 0u128;
        for i in (low..bits).rev() {
            q = q << 1 | u128::from(self.bit(i));
        }
        let rest = (0..low).any(|i| self.bit(i));
        (q, low as i64, rest)
    }

    fn shl(&self, n: u64) -> Big {
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &limb in &self.0 {
            out.push(if bits == 0 { limb } else { limb << bits | carry });
            carry = if bits == 0 { 0 } else { limb >> (32 - bits) };
        }
        if carry > 0 {
            out.push(carry);
        }
        Big(out)
    }

    fn ge(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// `self -= other`, for `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(x < 0);
            *limb = x.rem_euclid(1 << 32) as u32;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

/// `d / m` as at least 64 significant bits, the power of two they stand for, and whether
/// anything was left over.
fn quotient(d: Big, m: Big) -> (u128, i64, bool) {
    // Shift one side so that the quotient has 65 or 66 bits.
    let shift = d.bits() as i64 - m.bits() as i64 - 65;
    let (mut r, m) = if shift < 0 { (d.shl(shift.unsigned_abs()), m) } else { (d, m.shl(shift as u64)) };
    let mut q = 0u128;
    for i in (0..=66u64).rev() {
        let step = m.shl(i);
        if r.ge(&step) {
            r.sub(&step);
            q |= 1 << i;
        }
    }
    (q, shift, !r.0.is_empty())
}

/// `q * 2^e2` (plus a little more when `sticky`) rounded to the nearest `f64`, ties to even;
/// `None` when that is infinite. `q` is not zero.
fn round(q: u128, e2: i64, sticky: bool) -> Option<f64> {
    let len = 128 - i64::from(q.leading_zeros());
    // Binary exponent of the top bit.
    let top = len - 1 + e2;
    if top > 1023 {
        return None;
    }
    // Bits an f64 keeps at this exponent: 53 for normal numbers, fewer for subnormal ones.
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let drop = len - keep;
    let mantissa = if drop <= 0 {
        // `q` has no more bits than the f64 keeps: exact.
        q << drop.unsigned_abs()
    } else if drop > len {
        // Below half of the smallest step: zero.
        0
    } else {
        // 0 < drop <= len <= 67.
        let kept = q >> drop;
        let rest = q & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        kept + u128::from(up)
    };
    let value = mantissa as f64 * pow2(e2 + drop);
    value.is_finite().then_some(value)
}

/// 2^e for -1074 <= e <= 1023, exactly.
fn pow2(e: i64) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `str::parse` gives, the reference.
    fn reference(s: &str) -> Option<f64> {
        s.parse::<f64>().ok().filter(|n| n.is_finite())
    }

    fn same(s: &str) {
        let (ours, theirs) = (finite(s), reference(s));
        assert_eq!(ours.map(f64::to_bits), theirs.map(f64::to_bits), "{s}: {ours:?} vs {theirs:?}");
    }

    #[test]
    fn syntax_is_that_of_str_parse() {
        for s in [
            "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1.e5", ".5", "5.", "+.5", "-0", "-0.0", "0", "00012",
            "1_000", " 1", "1 ", "1,5", "0x10", "inf", "-inf", "infinity", "NaN", "nan", "1e-", "1E5", "1e+05", "١",
            "1.2.3", "--1", "+-1", "1e5.5", "12abc",
        ] {
            same(s);
        }
    }

    #[test]
    fn hard_cases_round_as_str_parse_does() {
        for s in [
            "0.1",
            "59.00",
            "9007199254740993",
            "9007199254740992.5",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125001e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174551e0",
            "1e308",
            "1e309",
            "1e-400",
            "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001",
            "1e99999999999999999999",
            "0e99999999999999999999",
            "1e-99999999999999999999",
            "1448997445238699",
            "8.5e-15",
            "3.0000000000000003",
        ] {
            same(s);
            same(&format!("-{s}"));
        }
    }

    proptest! {
        #[test]
        fn any_decimal_text_reads_as_str_parse_reads_it(
            int in "[0-9]{0,25}", frac in proptest::option::of("[0-9]{0,25}"), exp in proptest::option::of(-340i32..340)
        ) {
            let mut s = int;
            if let Some(f) = frac { s.push('.'); s.push_str(&f); }
            if let Some(e) = exp { s.push_str(&format!("e{e}")); }
            same(&s);
        }

        #[test]
        fn every_f64_written_shortest_or_long_reads_back(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                same(&format!("{x:e}"));
                same(&format!("{x:.30e}"));
                same(&format!("{x}"));
            }
        }

        #[test]
        fn halfway_points_round_as_str_parse_does(m in (1u64 << 53)..(1u64 << 54), e in -31i32..70, more in any::<bool>()) {
            // m * 2^e with a 54-bit m lies halfway between two neighbouring f64s when m is odd;
            // written out exactly, with a trailing 1 far below when `more`.
            let m = m | 1;
            let mut s = if e >= 0 {
                (u128::from(m) << e).to_string()
            } else {
                let digits = (u128::from(m) * 5u128.pow(e.unsigned_abs())).to_string();
                let places = e.unsigned_abs() as usize;
                let digits = format!("{digits:0>width$}", width = places + 1);
                let (whole, frac) = digits.split_at(digits.len() - places);
                format!("{whole}.{frac}")
            };
            if more {
                if !s.contains('.') { s.push('.'); }
                s.push_str("0000000000000000000000000001");
            }
            same(&s);
        }
    }
}
