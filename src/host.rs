//! The workloads' I/O, `sleep_ms` and `fetch_len`, in the two forms the executors need, and a
//! program's `urllib.request.urlopen` (blocking).
//!
//! The async form awaits and never blocks: it is what the sequential and async executors use,
//! on the compute Worker, where the page's single-threaded build cannot block at all. The
//! blocking form is for pool threads, which are Web Workers where `Atomics.wait` and a
//! synchronous request are allowed. Nothing here ever waits on the page's main thread.
//!
//! Natively (for `cargo test`) the timers are real and there is no network.

use crate::value::PyException;

/// The network error of a failed `fetch_len`, as urllib names it.
fn url_error(reason: &str) -> PyException {
    PyException::new("URLError", format!("<urlopen error {reason}>"))
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{ArrayBuffer, Promise};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use super::url_error;
    use crate::value::PyException;

    /// The error of an HTTP status that is not a success, as urllib names it.
    fn http_error(status: u16, status_text: &str) -> PyException {
        let text = if status_text.is_empty() { "error" } else { status_text };
        PyException::new("HTTPError", format!("HTTP Error {status}: {text}"))
    }

    /// Where relative URLs point: the page's address, set once by the page layer. A static is
    /// shared by every pool thread, whose own script URLs lie elsewhere.
    static BASE_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

    /// Sets the page address that relative `fetch_len` URLs are resolved against.
    pub fn set_base_url(base: &str) {
        let _ = BASE_URL.set(base.to_string());
    }

    fn resolve(url: &str) -> Result<String, PyException> {
        let resolved = match BASE_URL.get() {
            Some(base) => web_sys::Url::new_with_base(url, base),
            None => web_sys::Url::new(url),
        };
        resolved.map(|u| u.href()).map_err(|_| {
            PyException::new("ValueError", format!("unknown url type: {}", crate::value::repr_str(url)))
        })
    }

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(callback: &js_sys::Function, ms: f64) -> JsValue;
        #[wasm_bindgen(js_name = fetch)]
        fn fetch(url: &str) -> Promise;
    }

    /// Waits `ms` on the Worker's timer, without blocking it.
    pub async fn sleep(ms: u32) {
        let timer = Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, f64::from(ms));
        });
        // A timer promise only ever resolves.
        let _ = JsFuture::from(timer).await;
    }

    /// Lets the Worker's event loop run (messages in, progress out) and resumes right after.
    /// A message to itself, unlike `setTimeout(0)`, is not clamped to 4 ms when nested.
    pub async fn yield_now() {
        let Ok(channel) = web_sys::MessageChannel::new() else { return };
        let port = channel.port1();
        let resumed = Promise::new(&mut |resolve, _| {
            port.set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&JsValue::NULL);
        });
        let _ = JsFuture::from(resumed).await;
        port.set_onmessage(None);
    }

    /// The shared memory as 32-bit words, and the word index of `word` in it.
    #[cfg(feature = "threads")]
    fn word_view(word: &std::sync::atomic::AtomicI32) -> (js_sys::Int32Array, u32) {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        let view = js_sys::Int32Array::new(&memory.buffer());
        (view, (word as *const _ as usize / 4) as u32)
    }

    /// Wakes whoever awaits [`wait_while`] on `word`.
    #[cfg(feature = "threads")]
    pub fn notify(word: &std::sync::atomic::AtomicI32) {
        let (view, index) = word_view(word);
        // Notifying a valid index of a shared Int32Array cannot fail.
        let _ = js_sys::Atomics::notify(&view, index);
    }

    /// Blocks this thread until `word` no longer holds `value` or `timeout_ms` passes
    /// (`Atomics.wait`): no message is handled meanwhile, so only for a moment.
    #[cfg(feature = "threads")]
    pub fn block_while(word: &std::sync::atomic::AtomicI32, value: i32, timeout_ms: f64) {
        let (view, index) = word_view(word);
        let _ = js_sys::Atomics::wait_with_timeout(&view, index, value, timeout_ms.max(0.0));
    }

    /// Waits, without blocking the thread, until `word` no longer holds `value` or `timeout_ms`
    /// passes (`Atomics.waitAsync`).
    #[cfg(feature = "threads")]
    pub async fn wait_while(word: &std::sync::atomic::AtomicI32, value: i32, timeout_ms: f64) {
        let (view, index) = word_view(word);
        let Ok(waiting) = js_sys::Atomics::wait_async_with_timeout(&view, index, value, timeout_ms.max(0.0))
        else {
            return;
        };
        let is_async = js_sys::Reflect::get(&waiting, &"async".into()).ok().and_then(|v| v.as_bool());
        if is_async == Some(true) {
            if let Ok(promise) = js_sys::Reflect::get(&waiting, &"value".into()) {
                let _ = JsFuture::from(Promise::from(promise)).await;
            }
        }
    }

    /// Blocks this pool thread for `ms` (`memory.atomic.wait32` under the hood).
    #[cfg(feature = "threads")]
    pub fn sleep_blocking(ms: u32) {
        std::thread::sleep(std::time::Duration::from_millis(u64::from(ms)));
    }

    fn reason(error: &JsValue) -> String {
        error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "network error".to_string())
    }

    /// Downloads `url` with `fetch()` and returns its length in bytes.
    pub async fn fetch_len(url: &str) -> Result<u64, PyException> {
        let url = &resolve(url)?;
        let response: web_sys::Response =
            JsFuture::from(fetch(url)).await.map_err(|e| url_error(&reason(&e)))?.unchecked_into();
        if !response.ok() {
            return Err(http_error(response.status(), &response.status_text()));
        }
        let body = response.array_buffer().map_err(|e| url_error(&reason(&e)))?;
        let body: ArrayBuffer =
            JsFuture::from(body).await.map_err(|e| url_error(&reason(&e)))?.unchecked_into();
        Ok(u64::from(body.byte_length()))
    }

    /// Downloads `url` with a synchronous request (allowed in a Worker, which is where every
    /// caller runs: pool threads and a program's interpreters) and returns its body.
    #[cfg(any(feature = "threads", feature = "python"))]
    fn fetch_body_blocking(url: &str) -> Result<ArrayBuffer, PyException> {
        let url = &resolve(url)?;
        let request = web_sys::XmlHttpRequest::new().map_err(|e| url_error(&reason(&e)))?;
        request.open_with_async("GET", url, false).map_err(|e| url_error(&reason(&e)))?;
        request.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
        request.send().map_err(|e| url_error(&reason(&e)))?;
        let status = request.status().map_err(|e| url_error(&reason(&e)))?;
        if !(200..300).contains(&status) {
            return Err(http_error(status, &request.status_text().unwrap_or_default()));
        }
        Ok(request.response().map_err(|e| url_error(&reason(&e)))?.unchecked_into())
    }

    /// Downloads `url` with a synchronous request and returns its length.
    #[cfg(feature = "threads")]
    pub fn fetch_len_blocking(url: &str) -> Result<u64, PyException> {
        fetch_body_blocking(url).map(|body| u64::from(body.byte_length()))
    }

    /// Downloads `url` with a synchronous request and returns its bytes.
    #[cfg(feature = "python")]
    pub fn fetch_blocking(url: &str) -> Result<Vec<u8>, PyException> {
        fetch_body_blocking(url).map(|body| js_sys::Uint8Array::new(&body).to_vec())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll, Waker};
    use std::time::Duration;

    use super::url_error;
    use crate::value::PyException;

    /// A timer future: a helper thread sleeps, then wakes the task.
    struct Timer {
        shared: Arc<Mutex<(bool, Option<Waker>)>>,
    }

    impl Future for Timer {
        type Output = ();
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let mut state = self.shared.lock().unwrap_or_else(|p| p.into_inner());
            if state.0 {
                Poll::Ready(())
            } else {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }

    /// Waits `ms` without blocking the executor's thread.
    pub async fn sleep(ms: u32) {
        let shared = Arc::new(Mutex::new((false, None::<Waker>)));
        let wake = Arc::clone(&shared);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(u64::from(ms)));
            let mut state = wake.lock().unwrap_or_else(|p| p.into_inner());
            state.0 = true;
            if let Some(waker) = state.1.take() {
                waker.wake();
            }
        });
        Timer { shared }.await;
    }

    /// Lets other tasks of the executor run, then resumes.
    pub async fn yield_now() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await;
    }

    /// The threads blocked in [`wait_while`]: a driver parks until a lane unparks it, so it
    /// takes no CPU from the pool's threads while they work.
    static WAITERS: Mutex<Vec<std::thread::Thread>> = Mutex::new(Vec::new());

    /// Wakes the threads waiting in [`wait_while`]; each checks its own word again.
    pub fn notify(_word: &std::sync::atomic::AtomicI32) {
        for waiter in WAITERS.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            waiter.unpark();
        }
    }

    /// Waits until `word` no longer holds `value` or `timeout_ms` passes. Natively the driver
    /// runs alone on its thread (`block_on`), so it may block: it parks until [`notify`].
    pub async fn wait_while(word: &std::sync::atomic::AtomicI32, value: i32, timeout_ms: f64) {
        let deadline = crate::clock::now_ms() + timeout_ms;
        let me = std::thread::current();
        WAITERS.lock().unwrap_or_else(|p| p.into_inner()).push(me.clone());
        loop {
            let left = deadline - crate::clock::now_ms();
            if word.load(std::sync::atomic::Ordering::SeqCst) != value || left <= 0.0 {
                break;
            }
            std::thread::park_timeout(Duration::from_secs_f64(left / 1000.0));
        }
        WAITERS.lock().unwrap_or_else(|p| p.into_inner()).retain(|t| t.id() != me.id());
    }

    /// Blocks this thread for `ms`.
    pub fn sleep_blocking(ms: u32) {
        std::thread::sleep(Duration::from_millis(u64::from(ms)));
    }

    /// Natively there is no page to fetch from.
    pub async fn fetch_len(url: &str) -> Result<u64, PyException> {
        fetch_len_blocking(url)
    }

    /// Natively there is no page to fetch from.
    pub fn fetch_len_blocking(_url: &str) -> Result<u64, PyException> {
        Err(url_error("fetch_len() runs only in the browser"))
    }

    /// Natively there is no page to fetch from.
    #[cfg(feature = "python")]
    pub fn fetch_blocking(_url: &str) -> Result<Vec<u8>, PyException> {
        Err(url_error("urlopen() fetches only in the browser, from the playground's own site"))
    }
}

pub(crate) use imp::*;
