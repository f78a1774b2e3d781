//! Recorded exchanges: one NDJSON line per API call, used for tests, offline import and
//! debugging.
//!
//! `{"platform":"taobao","method":"taobao.itemprops.get","params":{"cid":"1"},"response":{...}}`
//! The response is the body as returned (whitespace between tokens removed so it fits on one
//! line); a body that is not JSON is kept as a JSON string. Secret and signing parameters are
//! never written.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Mutex;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::locale::Locale;
use crate::secret::is_secret_param;

/// One request and the platform's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exchange {
    pub platform: String,
    pub method: String,
    #[serde(default, deserialize_with = "lenient_params")]
    pub params: BTreeMap<String, String>,
    pub response: Box<RawValue>,
}

impl Exchange {
    /// Builds an exchange from a raw body, dropping secret parameters.
    pub fn new<K, V>(
        platform: impl Into<String>,
        method: impl Into<String>,
        params: impl IntoIterator<Item = (K, V)>,
        body: &str,
    ) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            platform: platform.into(),
            method: method.into(),
            params: params
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .filter(|(k, _)| !is_secret_param(k))
                .collect(),
            response: response_value(body),
        }
    }

    /// The body when it was JSON; `None` when it was recorded as a string because it did not
    /// parse (a truncated or HTML body).
    pub fn json_body(&self) -> Option<&str> {
        let raw = self.response.get();
        if raw.starts_with('"') {
            None
        } else {
            Some(raw)
        }
    }

    /// The NDJSON line (without the newline).
    pub fn to_line(&self) -> String {
        // Serialising plain strings, maps and an already valid raw value cannot fail; fall back
        // to a line that still parses rather than panic.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }
}

/// Params written by hand may use numbers; the recorder always writes strings.
fn lenient_params<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let raw: BTreeMap<String, serde_json::Value> = BTreeMap::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect())
}

/// The body as a raw JSON value: compacted when it is JSON, a JSON string otherwise.
fn response_value(body: &str) -> Box<RawValue> {
    if serde_json::from_str::<&RawValue>(body).is_ok() {
        if let Ok(v) = RawValue::from_string(compact_json(body)) {
            return v;
        }
    }
    let quoted = serde_json::to_string(body).unwrap_or_else(|_| String::from("\"\""));
    RawValue::from_string(quoted).unwrap_or_else(|_| empty_string_value())
}

fn empty_string_value() -> Box<RawValue> {
    // `""` is valid JSON, so this is the one conversion that cannot fail; keep a total function.
    serde_json::from_str("\"\"").unwrap_or_else(|_| Box::<RawValue>::default())
}

/// Removes whitespace between JSON tokens without touching anything else (numbers, escapes and
/// key order stay exactly as the platform sent them). Input must be valid JSON.
pub fn compact_json(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in body.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// Collects exchanges in memory (a fetch builds its snapshot from them) and optionally appends
/// each one to an NDJSON sink as it happens, so a crash still leaves the calls made so far.
pub struct Recorder {
    inner: Mutex<RecorderState>,
}

struct RecorderState {
    exchanges: Vec<Exchange>,
    sink: Option<Box<dyn Write + Send>>,
    sink_error: Option<std::io::Error>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").finish_non_exhaustive()
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl Recorder {
    pub fn in_memory() -> Self {
        Self { inner: Mutex::new(RecorderState { exchanges: Vec::new(), sink: None, sink_error: None }) }
    }

    /// Also writes every exchange to `sink` (e.g. the `--record FILE`).
    pub fn with_sink(sink: Box<dyn Write + Send>) -> Self {
        let r = Self::in_memory();
        if let Ok(mut st) = r.inner.lock() {
            st.sink = Some(sink);
        }
        r
    }

    /// Records to a new file at `path` (truncating it), one exchange per line as it happens.
    pub fn create_file(path: &std::path::Path) -> std::io::Result<Self> {
        let file = std::fs::File::create(path)?;
        Ok(Self::with_sink(Box::new(std::io::BufWriter::new(file))))
    }

    pub fn record(&self, exchange: Exchange) {
        // A poisoned lock means another thread panicked mid-record; keep recording anyway.
        let mut st = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if st.sink_error.is_none() {
            let line = exchange.to_line();
            if let Some(sink) = st.sink.as_mut() {
                let res =
                    sink.write_all(line.as_bytes()).and_then(|()| sink.write_all(b"\n")).and_then(|()| sink.flush());
                if let Err(e) = res {
                    st.sink_error = Some(e);
                }
            }
        }
        st.exchanges.push(exchange);
    }

    /// Every exchange so far, in the order they completed.
    pub fn exchanges(&self) -> Vec<Exchange> {
        match self.inner.lock() {
            Ok(g) => g.exchanges.clone(),
            Err(p) => p.into_inner().exchanges.clone(),
        }
    }

    /// How many exchanges have been recorded so far.
    pub fn len(&self) -> usize {
        match self.inner.lock() {
            Ok(g) => g.exchanges.len(),
            Err(p) => p.into_inner().exchanges.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The exchanges recorded after the first `start` ones (one fetch's share of a recorder
    /// that outlives it).
    pub fn exchanges_from(&self, start: usize) -> Vec<Exchange> {
        let copy = |v: &Vec<Exchange>| v.get(start..).map(<[Exchange]>::to_vec).unwrap_or_default();
        match self.inner.lock() {
            Ok(g) => copy(&g.exchanges),
            Err(p) => copy(&p.into_inner().exchanges),
        }
    }

    /// The first write error of the sink, if any (recording stops at the first one).
    pub fn take_sink_error(&self) -> Option<std::io::Error> {
        match self.inner.lock() {
            Ok(mut g) => g.sink_error.take(),
            Err(p) => p.into_inner().sink_error.take(),
        }
    }
}

/// A line of a recording that is not an exchange.
#[derive(Debug, thiserror::Error)]
#[error("recording line {line}: {detail}")]
pub struct RecordingError {
    pub line: usize,
    pub detail: String,
}

impl RecordingError {
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::ZhCn => format!("录制文件第 {} 行:{}", self.line, self.detail),
        }
    }
}

/// Reads NDJSON exchanges; blank lines are skipped, anything else must be an exchange.
pub fn read_exchanges(reader: impl BufRead) -> Result<Vec<Exchange>, RecordingError> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| RecordingError { line: i + 1, detail: e.to_string() })?;
        if line.trim().is_empty() {
            continue;
        }
        let ex: Exchange =
            serde_json::from_str(&line).map_err(|e| RecordingError { line: i + 1, detail: e.to_string() })?;
        out.push(ex);
    }
    Ok(out)
}

/// Reads several NDJSON recordings, in order, as one list of exchanges.
pub fn read_exchange_texts(texts: &[&str]) -> Result<Vec<Exchange>, RecordingError> {
    let mut all = Vec::new();
    for text in texts {
        all.extend(read_exchanges(text.as_bytes())?);
    }
    Ok(all)
}

/// Writes exchanges as NDJSON.
pub fn write_exchanges(mut w: impl Write, exchanges: &[Exchange]) -> std::io::Result<()> {
    for ex in exchanges {
        w.write_all(ex.to_line().as_bytes())?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn compacts_without_touching_strings_or_numbers() {
        let body = "{ \"a\" : [1.50, 2e3 ],\n \"b\": \"x \\\" y\\n\" }";
        assert_eq!(compact_json(body), "{\"a\":[1.50,2e3],\"b\":\"x \\\" y\\n\"}");
    }

    #[test]
    fn secrets_are_not_recorded_and_bad_bodies_become_strings() {
        let ex = Exchange::new(
            "taobao",
            "taobao.itemprops.get",
            [("cid", "5"), ("session", "TOPSECRET"), ("sign", "ABC")],
            "{\"x\":",
        );
        let line = ex.to_line();
        assert!(!line.contains("TOPSECRET") && !line.contains("ABC"));
        assert_eq!(ex.json_body(), None);
        assert!(line.contains("\"response\":\"{\\\"x\\\":\""));
    }

    #[test]
    fn round_trips_and_accepts_numeric_params() {
        let text = "{\"platform\":\"taobao\",\"method\":\"m\",\"params\":{\"cid\":5},\"response\":{\"k\":1}}\n\n";
        let v = read_exchanges(text.as_bytes()).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].params["cid"], "5");
        assert_eq!(v[0].json_body(), Some("{\"k\":1}"));
        let err = read_exchanges("nope\n".as_bytes()).unwrap_err();
        assert_eq!(err.line, 1);
    }
}
