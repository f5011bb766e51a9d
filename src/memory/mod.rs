//! The global allocator, which counts live bytes for custom workers' memory budget.
//!
//! monty enforces `max_memory` by reading the live-byte count in `monty_types::LIVE_MEMORY`,
//! which the program's allocator must keep (monty's own `monty-alloc` does this for native
//! processes it runs workers in). In wasm there is one allocator for the whole instance, so
//! with several pool threads running items at once, the budget is theirs together.
//!
//! The threaded wasm build gives each pool thread a heap of its own ([`arenas`]); every other
//! build wraps the system allocator and counts each allocation with one relaxed atomic add or
//! subtract.

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
mod arenas;
#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
mod counting;

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub use arenas::claim_arenas;

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: arenas::Arenas = arenas::Arenas::new();
