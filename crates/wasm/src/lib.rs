//! WebAssembly bindings of `shelfcheck-core`: the npm package `shelfcheck`.
//!
//! The bindings are deliberately thin. Values cross the boundary as JSON text (`JSON.stringify`
//! on the way in unless the caller already passed a string, `JSON.parse` on the way out), so
//! JavaScript sees exactly the JSON the CLI prints and every input goes through the same
//! parser, with the same messages, as on the command line. The one exception is the hot path:
//! a listing object given to `validate`, `isValid` or `completeness` is packed by the glue
//! into numbers and UTF-16 code units instead ([`packed`]), and takes the JSON path whenever the
//! packed form is not certain to mean the same. All the work is in [`api`], which is plain
//! Rust and tested natively.
//!
//! Nothing here can trap on bad input: every failure becomes a thrown `Error` whose `code`
//! is stable, whose `message` is in the requested locale and whose `messages` holds both
//! languages; the catalog stays usable afterwards.

// Talc instead of the default dlmalloc: smaller and faster in wasm. (Threads are not used, so
// no build has the `atomics` feature; the condition is the one Talc documents.)
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod api;
#[cfg(not(target_family = "wasm"))]
pub mod glue;
pub mod layout;
#[cfg(feature = "node-tools")]
mod node;
pub mod packed;
pub mod parse;
#[cfg(feature = "node-tools")]
pub mod tools;

use api::{Api, ApiError, Input, PackedReport};
use shelfcheck_core::{Locale, ValidateOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
import type { Snapshot, Listing, Report, ValidateOptions, FormDescriptor, Completeness, SkuMatrix, SkuSelection } from "./types.js";
export type { Snapshot, Listing, Report, ValidateOptions, FormDescriptor, Completeness, SkuMatrix, SkuSelection } from "./types.js";
/** Locales of messages and labels. */
export type LocaleName = "zh-CN" | "en";
/** What every method throws on unusable input. */
export interface ShelfcheckError extends Error {
  name: "ShelfcheckError";
  /** Stable code, e.g. `LISTING_INVALID`, `SNAPSHOT_BROKEN`, `CATEGORY_NOT_FOUND`. */
  code: string;
  /** The message in both locales. */
  messages: { "zh-CN": string; en: string };
  /** For malformed JSON: where the parser stopped (line from 1, column in bytes). */
  line?: number;
  column?: number;
  /** For malformed JSON: JSON Pointer of the member being read. */
  pointer?: string;
}
"#;

/// Turns an error into a thrown JS `Error` with `code` and both messages.
fn js_error(e: &ApiError, locale: Locale) -> JsValue {
    let err = js_sys::Error::new(e.message(locale));
    err.set_name("ShelfcheckError");
    let messages = js_sys::Object::new();
    // `Reflect.set` on a fresh plain object cannot fail; the results are ignored for that
    // reason, never to hide a failure.
    let _ = js_sys::Reflect::set(&messages, &"zh-CN".into(), &e.zh.as_str().into());
    let _ = js_sys::Reflect::set(&messages, &"en".into(), &e.en.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.into());
    let _ = js_sys::Reflect::set(&err, &"messages".into(), &messages);
    if let Some(p) = &e.position {
        let _ = js_sys::Reflect::set(&err, &"line".into(), &JsValue::from(p.line as u32));
        let _ = js_sys::Reflect::set(&err, &"column".into(), &JsValue::from(p.column as u32));
        if let Some(ptr) = &p.pointer {
            let _ = js_sys::Reflect::set(&err, &"pointer".into(), &ptr.as_str().into());
        }
    }
    err.into()
}

fn missing(what: Input) -> ApiError {
    let (zh, en) = match what {
        Input::Snapshot => ("快照", "snapshot"),
        Input::Listing => ("商品", "listing"),
        Input::Options => ("校验选项", "options"),
        Input::Selection => ("销售属性选择", "selection"),
    };
    ApiError::new(
        "ARGUMENT_INVALID",
        format!("缺少{zh}: 需要一个对象或 JSON 字符串"),
        format!("missing {en}: expected an object or a JSON string"),
    )
}

/// JSON text of a JS value: strings are taken as JSON text, anything else is stringified.
fn json_text(value: &JsValue, what: Input) -> Result<String, ApiError> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_undefined() {
        return Err(missing(what));
    }
    match js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()) {
        Some(s) => Ok(s),
        None => Err(ApiError::new(
            "ARGUMENT_INVALID",
            "参数无法转换为 JSON (可能含有 BigInt、函数或循环引用)".to_owned(),
            "argument cannot be converted to JSON (a BigInt, a function or a cycle?)".to_owned(),
        )),
    }
}

fn from_json(text: &str) -> Result<JsValue, ApiError> {
    js_sys::JSON::parse(text)
        .map_err(|_| ApiError::new("INTERNAL", "结果不是有效的 JSON".to_owned(), "result is not valid JSON".to_owned()))
}

/// Options from an optional JS value (`undefined`/`null`: the defaults).
fn options(value: &JsValue) -> Result<ValidateOptions, ApiError> {
    if value.is_undefined() || value.is_null() {
        return Ok(ValidateOptions::default());
    }
    Api::options(Some(&json_text(value, Input::Options)?))
}

/// The locale an options value asks for, read leniently so that an error about the options
/// themselves is still reported in the language the caller wanted.
fn requested_locale(value: &JsValue) -> Locale {
    // `Reflect.get` throws on a non-object, and a caught exception costs more than a call.
    if !value.is_object() {
        return Locale::default();
    }
    js_sys::Reflect::get(value, &"locale".into())
        .ok()
        .and_then(|l| l.as_string())
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default()
}

fn locale_arg(value: Option<String>) -> Result<Locale, ApiError> {
    api::locale(value.as_deref())
}

/// A category id from a JS number or numeric string. Numbers are checked without Rust's
/// float formatting, which would add kilobytes to the module for one message.
fn category_arg(value: &JsValue) -> Result<i64, ApiError> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match value.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() <= MAX_SAFE => Ok(f as i64),
        _ => api::category_id(&value.as_string().unwrap_or_else(|| format!("{value:?}"))),
    }
}

/// What [`Catalog::packed`] returns for a report without issues (see [`PackedReport::Clean`]).
const CLEAN: u32 = 0;

/// The glue's packed form of a listing (see [`packed`]), which it writes straight into the
/// module's memory through typed arrays over these two vectors: passing two arrays in
/// instead would take an allocation and a copy each per call. One for the module, as the glue is.
struct Room {
    nums: Vec<i32>,
    units: Vec<u16>,
}

thread_local! {
    static ROOM: std::cell::RefCell<Room> = const { std::cell::RefCell::new(Room { nums: Vec::new(), units: Vec::new() }) };
}

/// Makes the room's slots (`units` 0) or code units (1) exactly `len` long, zeroed where
/// new, and returns where they start in memory; 0 while [`Catalog::packed`] reads the room.
/// The glue calls it when it starts, when its arrays run out and to give back the space of
/// a huge listing; the views it had over the memory may be stale after it. For the glue
/// only (hence the name): called from anywhere else it would move the room from under the
/// glue's views.
#[wasm_bindgen(js_name = __packedRoom, skip_typescript)]
pub fn packed_room(units: u32, len: usize) -> usize {
    ROOM.with(|room| {
        let Ok(mut room) = room.try_borrow_mut() else { return 0 };
        fn fit<T: Copy + Default>(v: &mut Vec<T>, len: usize) -> usize {
            v.resize(len, T::default());
            v.shrink_to(len);
            v.as_ptr() as usize
        }
        if units == 0 {
            fit(&mut room.nums, len)
        } else {
            fit(&mut room.units, len)
        }
    })
}

/// A compiled metadata snapshot. Create it once, validate many listings; call `free()` when
/// done to release its memory.
#[wasm_bindgen]
pub struct Catalog {
    api: Api,
}

#[wasm_bindgen]
impl Catalog {
    /// Compiles a snapshot given as an object or as JSON text. Throws a `ShelfcheckError`
    /// (`SNAPSHOT_INVALID`, `SNAPSHOT_BROKEN`) naming every problem; `locale` picks the
    /// language of that message.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Snapshot | string")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LocaleName")] locale: Option<String>,
    ) -> Result<Catalog, JsValue> {
        let loc = locale_arg(locale.clone()).unwrap_or_default();
        let run = || -> Result<Catalog, ApiError> {
            locale_arg(locale)?;
            let text = json_text(&snapshot, Input::Snapshot)?;
            Ok(Catalog { api: Api::new(&text)? })
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// Content hash of the snapshot, echoed by every report.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.api.hash().to_owned()
    }

    /// Validates a listing (object or JSON text). The report is the JSON the CLI prints with
    /// `--format json`. Throws only when the listing or the options are unusable.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing | string")] listing: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let loc = requested_locale(&options);
        let run = || -> Result<JsValue, ApiError> {
            let opts = self::options(&options)?;
            let text = json_text(&listing, Input::Listing)?;
            from_json(&self.api.validate(&text, &opts)?)
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// Whether a listing has no errors: the cheapest answer (stops at the first error).
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing | string")] listing: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<bool, JsValue> {
        let loc = requested_locale(&options);
        let run = || -> Result<bool, ApiError> {
            let opts = self::options(&options)?;
            self.api.is_valid(&json_text(&listing, Input::Listing)?, &opts)
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// What a form needs to render one leaf category, labels in `locale` (default `zh-CN`).
    #[wasm_bindgen(unchecked_return_type = "FormDescriptor")]
    pub fn form(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] category_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LocaleName")] locale: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let loc = locale_arg(locale.clone()).unwrap_or_default();
        let run = || -> Result<JsValue, ApiError> {
            let l = locale_arg(locale)?;
            from_json(&self.api.form_json(category_arg(&category_id)?, l)?)
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// Every SKU combination of the chosen sale values (`[{pid, vids}]`), dependency-aware;
    /// throws `SKU_LIMIT_EXCEEDED` past the platform's SKU limit.
    #[wasm_bindgen(js_name = skuMatrix, unchecked_return_type = "SkuMatrix")]
    pub fn sku_matrix(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] category_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SkuSelection[] | string")] selection: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LocaleName")] locale: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let loc = locale_arg(locale.clone()).unwrap_or_default();
        let run = || -> Result<JsValue, ApiError> {
            locale_arg(locale)?;
            let id = category_arg(&category_id)?;
            let text = json_text(&selection, Input::Selection)?;
            from_json(&self.api.sku_matrix_json(id, &text)?)
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// `validate` (`op` 0), `isValid` (1) or `completeness` (2) for a listing object the glue
    /// (`pkg/js/packed.js`) packed into the first `nums` slots and `units` code units of the
    /// room ([`packed_room`]); `arg` is their second argument. `undefined` sends the call
    /// down the JSON path; for `validate`, the number [`CLEAN`] stands for a report without
    /// issues, which the glue writes. One entry point for the three keeps the module small.
    #[wasm_bindgen(skip_typescript)]
    pub fn packed(&self, op: u32, nums: usize, units: usize, arg: JsValue) -> Result<JsValue, JsValue> {
        ROOM.with(|room| match room.try_borrow() {
            Ok(room) => match (room.nums.get(..nums), room.units.get(..units)) {
                (Some(nums), Some(units)) => self.packed_from(op, nums, units, arg),
                _ => Ok(JsValue::UNDEFINED),
            },
            Err(_) => Ok(JsValue::UNDEFINED),
        })
    }

    /// [`Catalog::packed`] on the packed form.
    fn packed_from(&self, op: u32, nums: &[i32], units: &[u16], arg: JsValue) -> Result<JsValue, JsValue> {
        // A locale that is not a string is the plain method's to judge.
        if op == 2 && !(arg.is_undefined() || arg.is_null() || arg.is_string()) {
            return Ok(JsValue::UNDEFINED);
        }
        let loc = if op == 2 { locale_arg(arg.as_string()).unwrap_or_default() } else { requested_locale(&arg) };
        let run = || -> Result<JsValue, ApiError> {
            let found = match op {
                0 => match self.api.validate_packed(nums, units, &self::options(&arg)?)? {
                    Some(PackedReport::Clean) => Some(JsValue::from(CLEAN)),
                    Some(PackedReport::Json(r)) => Some(from_json(&r)?),
                    None => None,
                },
                1 => self.api.is_valid_packed(nums, units, &self::options(&arg)?).map(JsValue::from),
                _ => {
                    let l = locale_arg(arg.as_string())?;
                    self.api.completeness_packed(nums, units, l)?.map(|c| from_json(&c)).transpose()?
                }
            };
            Ok(found.unwrap_or(JsValue::UNDEFINED))
        };
        run().map_err(|e| js_error(&e, loc))
    }

    /// Share of the required inputs a listing fills, and which remain.
    #[wasm_bindgen(unchecked_return_type = "Completeness")]
    pub fn completeness(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing | string")] listing: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LocaleName")] locale: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let loc = locale_arg(locale.clone()).unwrap_or_default();
        let run = || -> Result<JsValue, ApiError> {
            let l = locale_arg(locale)?;
            let text = json_text(&listing, Input::Listing)?;
            from_json(&self.api.completeness_json(&text, l)?)
        };
        run().map_err(|e| js_error(&e, loc))
    }
}
