//! What limits a timing on this page: the resolution of `performance.now()`
//! (browsers coarsen it: 5 µs when cross-origin isolated, 100 µs or more
//! otherwise), and whether the page was hidden, since browsers throttle
//! hidden tabs. Main thread only: both need the page's `window`.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads of the clock at most, and time spent at most, measuring it.
const MAX_READS: usize = 200_000;
const MAX_STEPS: usize = 50;
const BUDGET_MS: f64 = 20.0;

/// The smallest non-zero step of `performance.now()` over many reads, in
/// ms, rounded to the nanosecond (the difference of two doubles carries
/// rounding noise). 0 when there is no `performance` to read.
pub fn timer_resolution_ms() -> f64 {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return 0.0;
    };
    let start = performance.now();
    let (mut last, mut smallest, mut steps) = (start, f64::INFINITY, 0);
    for _ in 0..MAX_READS {
        let now = performance.now();
        if now != last {
            smallest = smallest.min(now - last);
            steps += 1;
            last = now;
            if steps >= MAX_STEPS || now - start > BUDGET_MS {
                break;
            }
        }
    }
    if smallest.is_finite() {
        (smallest * 1e6).round() / 1e6
    } else {
        0.0
    }
}

thread_local! {
    /// Times the page became hidden since the watch began.
    static HIDDEN_COUNT: Cell<u64> = const { Cell::new(0) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Starts counting `visibilitychange` to hidden (once; later calls do nothing).
pub fn watch_visibility() {
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(page) = document() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(|| {
        if document().is_some_and(|d| d.hidden()) {
            HIDDEN_COUNT.with(|c| c.set(c.get() + 1));
        }
    });
    let _ = page
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// How many times the page became hidden, and whether it is now (it also starts the watch).
pub fn visibility_now() -> crate::core::page_state::Visibility {
    watch_visibility();
    crate::core::page_state::Visibility {
        times_hidden: HIDDEN_COUNT.with(|c| c.get()),
        hidden_now: document().is_some_and(|d| d.hidden()),
    }
}
