//! Every build but the threaded wasm one: the system allocator, counting live bytes with one
//! relaxed atomic add or subtract per allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::Ordering;

use monty_types::LIVE_MEMORY;

/// The system allocator, counting the bytes it has handed out and not taken back.
pub struct Counting;

// SAFETY: every method forwards to `System` with the caller's arguments, which keeps its
// contract; the counting touches no memory the allocator owns.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE_MEMORY.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE_MEMORY.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE_MEMORY.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                LIVE_MEMORY.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            } else {
                LIVE_MEMORY.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}
