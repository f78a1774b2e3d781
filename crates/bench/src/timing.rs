//! Medians of batched runs: each sample times enough calls to last about `sample_ms`, so the
//! clock's resolution and the loop cost vanish, and the median resists a loaded machine.
//! Two contenders are measured in alternating samples ([`paired_us`]), so a burst of load
//! from elsewhere falls on both instead of skewing their ratio.

use std::time::{Duration, Instant};

/// How long and how often to measure.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub samples: usize,
    pub sample_ms: u64,
}

impl Plan {
    pub const QUICK: Plan = Plan { samples: 9, sample_ms: 10 };
    pub const FULL: Plan = Plan { samples: 41, sample_ms: 30 };
}

/// Calls per sample for `f`, after a warm-up of about one sample.
fn calibrate(plan: Plan, f: &mut impl FnMut()) -> u64 {
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < Duration::from_millis(plan.sample_ms.max(1)) || calls < 3 {
        f();
        calls += 1;
    }
    let per_call = start.elapsed().as_secs_f64() / calls as f64;
    ((plan.sample_ms as f64 / 1000.0) / per_call).ceil().max(1.0) as u64
}

fn sample(iters: u64, f: &mut impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / iters as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median time of one call of `f`, in microseconds.
pub fn median_us(plan: Plan, mut f: impl FnMut()) -> f64 {
    let iters = calibrate(plan, &mut f);
    median((0..plan.samples.max(1)).map(|_| sample(iters, &mut f)).collect())
}

/// Median times of one call of `f` and of `g`, in microseconds, from interleaved samples.
pub fn paired_us(plan: Plan, mut f: impl FnMut(), mut g: impl FnMut()) -> (f64, f64) {
    let (fi, gi) = (calibrate(plan, &mut f), calibrate(plan, &mut g));
    let (mut fs, mut gs) = (Vec::new(), Vec::new());
    for s in 0..plan.samples.max(1) {
        if s % 2 == 0 {
            fs.push(sample(fi, &mut f));
            gs.push(sample(gi, &mut g));
        } else {
            gs.push(sample(gi, &mut g));
            fs.push(sample(fi, &mut f));
        }
    }
    (median(fs), median(gs))
}
