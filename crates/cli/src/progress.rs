//! Renders the fetchers' progress events as `indicatif` bars on standard error: one bar per
//! platform and stage, retries and skipped categories printed above the bars.
//!
//! When standard error is not a terminal the bars are hidden and the retry and skip lines are
//! written as plain lines, so a CI log still says what happened.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use shelfcheck_core::Locale;
use shelfcheck_fetch::{ProgressEvent, ProgressSink, Stage};
use std::io::Write;
use std::sync::Mutex;

pub struct Bars {
    multi: MultiProgress,
    bars: Mutex<Vec<(String, Stage, ProgressBar)>>,
    locale: Locale,
}

impl Bars {
    /// Bars on standard error (hidden when it is not a terminal, or when `visible` is false).
    pub fn new(locale: Locale, visible: bool) -> Self {
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        Bars { multi: MultiProgress::with_draw_target(target), bars: Mutex::new(Vec::new()), locale }
    }

    /// A line above the bars, or on standard error when there are none to draw.
    /// Retry and skip lines quote the gateway's answers: made safe for the terminal first.
    fn line(&self, text: &str) {
        let text = &*crate::terminal::safe(text);
        if self.multi.is_hidden() || self.multi.println(text).is_err() {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }

    fn with_bar(&self, platform: &str, stage: Stage, f: impl FnOnce(&ProgressBar)) {
        let bars = match self.bars.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if let Some((_, _, bar)) = bars.iter().find(|(p, s, _)| p == platform && *s == stage) {
            f(bar);
        }
    }

    /// Stops every bar (a fetch that failed halfway leaves them unfinished).
    pub fn finish(&self) {
        let bars = match self.bars.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        for (_, _, bar) in bars.iter() {
            if !bar.is_finished() {
                bar.abandon();
            }
        }
    }
}

fn style(total: Option<u64>) -> ProgressStyle {
    let template = match total {
        Some(_) => "{prefix:>18} [{bar:30}] {pos}/{len} {elapsed}",
        None => "{prefix:>18} {spinner} {pos} {elapsed}",
    };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ")
}

impl ProgressSink for Bars {
    fn on_event(&self, event: &ProgressEvent) {
        let zh = self.locale == Locale::ZhCn;
        match event {
            ProgressEvent::StageStarted { platform, stage, total } => {
                // Added to the group before anything is set: a bar drawn on its own target
                // first would leave a stray line above the group.
                let bar = self.multi.add(ProgressBar::with_draw_target(*total, ProgressDrawTarget::hidden()));
                bar.set_style(style(*total));
                bar.set_prefix(format!("{platform} {}", stage.label(self.locale)));
                if total.is_none() {
                    bar.enable_steady_tick(std::time::Duration::from_millis(120));
                }
                let mut bars = match self.bars.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                bars.push((platform.clone(), *stage, bar));
            }
            ProgressEvent::Advanced { platform, stage } => self.with_bar(platform, *stage, |b| b.inc(1)),
            ProgressEvent::StageFinished { platform, stage } => self.with_bar(platform, *stage, ProgressBar::finish),
            ProgressEvent::Retrying { platform, method, attempt, delay, reason } => {
                let secs = delay.as_secs_f64();
                self.line(&if zh {
                    format!("{platform}: {method} 将在 {secs:.1} 秒后第 {attempt} 次重试: {reason}")
                } else {
                    format!("{platform}: retrying {method} (attempt {attempt}) in {secs:.1} s: {reason}")
                });
            }
            ProgressEvent::Skipped { platform, what, reason } => {
                self.line(&if zh {
                    format!("{platform}: 已跳过 {what}: {reason}")
                } else {
                    format!("{platform}: skipped {what}: {reason}")
                });
            }
            _ => {}
        }
    }
}
