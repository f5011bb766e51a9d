//! One wall clock for every thread of a run, in milliseconds.
//!
//! Each Web Worker has its own `performance.timeOrigin`, so `performance.now()` alone is not
//! comparable across pool threads. Adding the origin gives milliseconds since the Unix epoch on
//! every Worker, which lines the lanes of a trace up on one axis.

/// Milliseconds since the Unix epoch, with sub-millisecond precision where the host gives it.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;

    thread_local! {
        // Each Worker (each wasm thread) has its own `performance` and time origin; look them
        // up once per thread, since runs read the clock for every item.
        static PERFORMANCE: Option<(web_sys::Performance, f64)> =
            js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                .ok()
                .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
                .map(|p| {
                    let origin = p.time_origin();
                    (p, origin)
                });
    }
    PERFORMANCE.with(|p| match p {
        Some((performance, origin)) => origin + performance.now(),
        None => js_sys::Date::now(),
    })
}

/// Milliseconds since the Unix epoch, with sub-millisecond precision where the host gives it.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
