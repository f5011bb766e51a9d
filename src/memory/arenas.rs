//! The threaded wasm build's allocator: one dlmalloc heap per pool thread instead of one for
//! the whole instance.
//!
//! A wasm instance has one linear memory for all its threads, and Rust's allocator for it is a
//! single dlmalloc behind one spin lock. Python workers allocate on nearly every instruction
//! (a string, a frame, a list cell), so two pool threads running them spent their time taking
//! turns at that lock: the dict-and-strings worker ran 1.43× faster on 2 threads, where
//! separate instances (the message-passing Workers) ran it 1.73× faster. Here each pool thread
//! allocates from an arena of its own, so the lock it takes is almost never contended.
//! Measured interleaved in one Chromium run (2 workers, medians of 15): that worker's pool run
//! went from 260 to 222 ms, 1.31× to 1.52× its sequential run; `fib` and a `range` loop, which
//! allocate little, were unchanged.
//!
//! Which arena a thread uses lives in a thread-local, but it may only be *written* once the
//! thread's thread-local storage exists: wasm-bindgen's thread start calls `malloc` for the new
//! thread's stack and its TLS block before that block is set up, and a write then would land in
//! another thread's memory. So the allocator only reads it (any value is safe: it picks an arena,
//! and every arena is locked), and pool threads claim theirs once the pool has started
//! ([`claim_arenas`], called by the engine after `initThreadPool`). Every other thread uses
//! arena 0. (A thread that wasm-bindgen has destroyed has no TLS left to read; the pool's
//! threads live as long as the page.)
//!
//! A block is freed or resized in the arena that made it, whichever thread lets it go: each
//! arena grows the memory itself and a table records which arena owns each 64 KiB page. A wasm
//! memory never shrinks and a page an arena took stays that arena's, so large blocks (a big
//! list's buffer, a long string) all come from arena 0, where any thread can reuse the space
//! once it is freed: only small blocks, where the lock traffic is, live in per-thread arenas,
//! and when an arena cannot grow, a block is made in any other with room.
//!
//! The live-byte count for custom workers' memory budget (`LIVE_MEMORY`) is kept per arena and
//! added to the shared counter in steps of [`FLUSH_BYTES`], so threads do not contend on one
//! atomic either; the budget (hundreds of MiB) is read to within `ARENAS × FLUSH_BYTES`.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use dlmalloc::Dlmalloc;
use monty_types::LIVE_MEMORY;

/// Arena 0 for threads that are not in the pool (the compute Worker's), and one for each pool
/// thread; pool threads beyond that share, in turn (still correct, only contended).
const ARENAS: usize = 17;
/// wasm's page: the unit `memory.grow` hands out and [`OWNER`] records.
const PAGE: usize = 64 * 1024;
/// The pages of a 4 GiB memory, the most a wasm32 memory can have.
const PAGES: usize = 1 << 16;
/// Blocks of this size or more come from arena 0 whichever thread asks (see the module doc).
const LARGE: usize = 256 * 1024;
/// How far an arena's live-byte count may drift before it is added to `LIVE_MEMORY`.
const FLUSH_BYTES: isize = 64 * 1024;

/// For each page of the memory, 1 + the arena that grew it (0: not the allocator's).
static OWNER: [AtomicU8; PAGES] = [const { AtomicU8::new(0) }; PAGES];

thread_local! {
    /// This thread's arena; 0 until the thread claims one (see the module doc).
    static MINE: Cell<u8> = const { Cell::new(0) };
}

/// The heaps, and the allocator [`crate::memory`] installs for the threaded wasm build.
pub struct Arenas([Arena; ARENAS]);

struct Arena {
    locked: AtomicBool,
    heap: UnsafeCell<Dlmalloc<Pages>>,
    /// Bytes handed out and not yet added to `LIVE_MEMORY` (negative: freed).
    unflushed: Cell<isize>,
}

// SAFETY: `heap` and `unflushed` are only touched while `locked` is held (see `Arena::with`).
unsafe impl Sync for Arena {}

impl Arenas {
    pub const fn new() -> Self {
        let mut arenas = [const { Arena::new(0) }; ARENAS];
        let mut i = 0;
        while i < ARENAS {
            arenas[i] = Arena::new(i as u8);
            i += 1;
        }
        Arenas(arenas)
    }

    /// The arena a block of `size` bytes is made in, for this thread.
    fn for_size(&self, size: usize) -> &Arena {
        if size >= LARGE {
            return &self.0[0];
        }
        &self.0[MINE.with(Cell::get) as usize % ARENAS]
    }

    /// Makes a block with `make` in this thread's arena for its size; where that arena cannot
    /// grow (the memory is at its maximum), in any other that has room. Freed space stays in
    /// the arena that made it, so without this a run could fail for want of memory that other
    /// threads' arenas hold free.
    fn make(&self, layout: Layout, make: impl Fn(&mut Dlmalloc<Pages>) -> *mut u8) -> *mut u8 {
        let made = |arena: &Arena| {
            arena.with(|heap| {
                let p = make(heap);
                (p, if p.is_null() { 0 } else { layout.size() as isize })
            })
        };
        let first = self.for_size(layout.size());
        let p = made(first);
        if !p.is_null() {
            return p;
        }
        self.0
            .iter()
            .filter(|arena| !std::ptr::eq(*arena, first))
            .map(made)
            .find(|p| !p.is_null())
            .unwrap_or(std::ptr::null_mut())
    }

    /// The arena that made the block at `ptr`.
    fn owner(&self, ptr: *mut u8) -> &Arena {
        let owner = OWNER[ptr as usize / PAGE].load(Ordering::Relaxed);
        debug_assert!(owner != 0, "a block the allocator did not make");
        &self.0[(owner as usize).saturating_sub(1) % ARENAS]
    }
}

impl Arena {
    const fn new(index: u8) -> Self {
        Arena {
            locked: AtomicBool::new(false),
            heap: UnsafeCell::new(Dlmalloc::new_with_allocator(Pages { arena: index })),
            unflushed: Cell::new(0),
        }
    }

    /// Runs `f` on the heap with the arena locked, then counts the `bytes` it says changed
    /// hands (positive: allocated).
    fn with<T>(&self, f: impl FnOnce(&mut Dlmalloc<Pages>) -> (T, isize)) -> T {
        // A spin lock, as std's own wasm allocator has: the threads it serves include ones that
        // may not block (a browser's main thread), and an arena's lock is contended only when
        // another thread frees one of its blocks.
        while self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            while self.locked.load(Ordering::Relaxed) {
                std::hint::spin_loop();
            }
        }
        // SAFETY: the lock is held, so no other thread is in this arena's heap or count.
        let (value, bytes) = f(unsafe { &mut *self.heap.get() });
        let unflushed = self.unflushed.get() + bytes;
        if unflushed.abs() >= FLUSH_BYTES {
            if unflushed > 0 {
                LIVE_MEMORY.fetch_add(unflushed as usize, Ordering::Relaxed);
            } else {
                LIVE_MEMORY.fetch_sub(unflushed.unsigned_abs(), Ordering::Relaxed);
            }
            self.unflushed.set(0);
        } else {
            self.unflushed.set(unflushed);
        }
        self.locked.store(false, Ordering::Release);
        value
    }
}

// SAFETY: every method hands the caller's arguments to a dlmalloc heap under its arena's lock,
// and frees or resizes a block only in the heap that made it ([`OWNER`]), which keeps
// dlmalloc's contract and so `GlobalAlloc`'s.
unsafe impl GlobalAlloc for Arenas {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.make(layout, |heap| unsafe { heap.malloc(layout.size(), layout.align()) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.make(layout, |heap| unsafe { heap.calloc(layout.size(), layout.align()) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.owner(ptr).with(|heap| {
            unsafe { heap.free(ptr, layout.size(), layout.align()) };
            ((), -(layout.size() as isize))
        })
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let owner = self.owner(ptr);
        if new_size < LARGE || std::ptr::eq(owner, &self.0[0]) {
            let p = owner.with(|heap| {
                let p = unsafe { heap.realloc(ptr, layout.size(), layout.align(), new_size) };
                (p, if p.is_null() { 0 } else { new_size as isize - layout.size() as isize })
            });
            if !p.is_null() {
                return p;
            }
        }
        // A small block grown large moves to arena 0, as a new large block would be made; a
        // block its heap cannot grow moves to wherever there is room.
        // SAFETY: `new_size` is non-zero and, by `realloc`'s contract, fits the layout's
        // alignment; the old block is valid for `layout.size()` bytes until freed.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let p = unsafe { self.alloc(new_layout) };
        if !p.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        p
    }
}

/// Gives each of the rayon pool's threads an arena of its own. Call once the pool has started,
/// from a thread that may block (the compute Worker): it waits for every pool thread to claim.
/// A second call sets the same arenas again.
pub fn claim_arenas() {
    rayon::broadcast(|ctx| MINE.with(|mine| mine.set((1 + ctx.index() % (ARENAS - 1)) as u8)));
}

/// An arena's source of memory: whole pages from `memory.grow`, recorded as the arena's.
struct Pages {
    arena: u8,
}

// SAFETY: `alloc` returns fresh pages from `memory.grow`, which no one else holds and which are
// zeroed; nothing is ever given back, as on std's own wasm allocator.
unsafe impl dlmalloc::Allocator for Pages {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let pages = size.div_ceil(PAGE);
        let first = wasm32::memory_grow(0, pages);
        if first == usize::MAX {
            return (std::ptr::null_mut(), 0, 0);
        }
        for owner in &OWNER[first..first + pages] {
            owner.store(self.arena + 1, Ordering::Relaxed);
        }
        ((first * PAGE) as *mut u8, pages * PAGE, 0)
    }

    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        std::ptr::null_mut()
    }

    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }

    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }

    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }

    fn allocates_zeros(&self) -> bool {
        true
    }

    fn page_size(&self) -> usize {
        PAGE
    }
}
