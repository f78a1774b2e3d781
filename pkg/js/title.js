// The title counter of a listing form, counting as the platform does and as the engine's
// TITLE_TOO_LONG rule does (crates/core/src/input/normalize.rs: `char_count`, `platform_bytes`): the
// title without surrounding white space, one byte per ASCII character and two for any other
// (60 bytes is 30 Chinese characters). Kept in JS: it runs on every keystroke.

// Unicode White_Space, what Rust's `str::trim` removes (JS `trim` differs: it removes U+FEFF
// and keeps U+0085).
const EDGE_SPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * `{ chars, bytes, maxChars, maxBytes, remaining, over }` for a title and the form's title
 * limits (`catalog.form(id).title`: `{ max_chars, max_bytes }`). `remaining` is in bytes,
 * `over` whether the title breaks either limit (what TITLE_TOO_LONG reports).
 */
export function titleLength(title, limits) {
  const t = String(title ?? "").replace(EDGE_SPACE, "");
  let chars = 0;
  let bytes = 0;
  for (const c of t) {
    chars++;
    bytes += c.codePointAt(0) < 0x80 ? 1 : 2;
  }
  const maxChars = limits?.max_chars ?? Infinity;
  const maxBytes = limits?.max_bytes ?? Infinity;
  return { chars, bytes, maxChars, maxBytes, remaining: maxBytes - bytes, over: chars > maxChars || bytes > maxBytes };
}
