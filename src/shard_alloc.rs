//! A sharded cache of small blocks in front of the system allocator.
//!
//! std's wasm allocator is one dlmalloc behind one spin lock. Bigint
//! arithmetic allocates and frees constantly, so k pool workers would spend
//! their time spinning on that lock (docs/benchmark.md). Here blocks
//! of 16 B to 256 KiB (by power-of-two class) are kept in free lists in
//! one of several shards, each with its own lock; a thread picks its shard
//! from its stack address, so threads rarely meet. Thread-locals cannot be
//! used: wasm-bindgen allocates a new thread's stack and TLS through the
//! allocator before its TLS exists.
//!
//! Every cached block was allocated from `System` with its class's layout,
//! so any shard may hand it out and any overflow goes back to `System`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};

const SHARD_BITS: u32 = 4;
const SHARDS: usize = 1 << SHARD_BITS;
const MIN_SHIFT: u32 = 4; // 16 B
const MAX_SHIFT: u32 = 18; // 256 KiB: factorials of a few thousand are tens of KiB
const CLASSES: usize = (MAX_SHIFT - MIN_SHIFT + 1) as usize;
/// Bytes kept per class per shard (at least two blocks); more go back to the
/// system allocator.
const MAX_CACHED_BYTES: usize = 256 << 10;
/// All classes share this alignment, so any block of a class fits any request for it.
const CLASS_ALIGN: usize = 16;

pub struct ShardedAlloc {
    shards: [Shard; SHARDS],
}

struct Shard {
    locked: AtomicBool,
    lists: UnsafeCell<[FreeList; CLASSES]>,
}

#[derive(Clone, Copy)]
struct FreeList {
    head: *mut FreeBlock,
    len: usize,
}

struct FreeBlock {
    next: *mut FreeBlock,
}

// The lists are only touched while holding the shard's lock.
unsafe impl Sync for Shard {}

impl ShardedAlloc {
    pub const fn new() -> Self {
        const EMPTY: FreeList = FreeList {
            head: ptr::null_mut(),
            len: 0,
        };
        #[allow(clippy::declare_interior_mutable_const)]
        const SHARD: Shard = Shard {
            locked: AtomicBool::new(false),
            lists: UnsafeCell::new([EMPTY; CLASSES]),
        };
        ShardedAlloc {
            shards: [SHARD; SHARDS],
        }
    }

    /// This thread's shard: threads run on separate stacks of about 1 MiB,
    /// so the stack's MiB, hashed (Fibonacci hashing: stacks a fixed distance
    /// apart would otherwise fall on the same shard), picks it.
    fn shard(&self) -> &Shard {
        let marker = 0u8;
        let address = std::hint::black_box(&marker) as *const u8 as usize;
        let hashed = ((address >> 20) as u32).wrapping_mul(0x9E37_79B9);
        &self.shards[(hashed >> (32 - SHARD_BITS)) as usize]
    }
}

impl Default for ShardedAlloc {
    fn default() -> Self {
        Self::new()
    }
}

/// The size class of a request, if small enough to cache.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.align() > CLASS_ALIGN || layout.size() > 1 << MAX_SHIFT {
        return None;
    }
    let shift = layout
        .size()
        .max(1 << MIN_SHIFT)
        .next_power_of_two()
        .trailing_zeros();
    Some((shift - MIN_SHIFT) as usize)
}

fn class_layout(class: usize) -> Layout {
    // SAFETY: a power of two no larger than 256 KiB, and a valid alignment.
    unsafe { Layout::from_size_align_unchecked(1 << (class as u32 + MIN_SHIFT), CLASS_ALIGN) }
}

impl Shard {
    fn with_lists<T>(&self, f: impl FnOnce(&mut [FreeList; CLASSES]) -> T) -> T {
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
        // SAFETY: the lock is held.
        let result = f(unsafe { &mut *self.lists.get() });
        self.locked.store(false, Ordering::Release);
        result
    }
}

unsafe impl GlobalAlloc for ShardedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return unsafe { System.alloc(layout) };
        };
        let cached = self.shard().with_lists(|lists| {
            let list = &mut lists[class];
            let block = list.head;
            if !block.is_null() {
                // SAFETY: blocks in a list are free and start with a FreeBlock.
                list.head = unsafe { (*block).next };
                list.len -= 1;
            }
            block
        });
        if cached.is_null() {
            unsafe { System.alloc(class_layout(class)) }
        } else {
            cached.cast()
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            return unsafe { System.dealloc(block, layout) };
        };
        let kept = self.shard().with_lists(|lists| {
            let list = &mut lists[class];
            if list.len >= (MAX_CACHED_BYTES >> (class as u32 + MIN_SHIFT)).max(2) {
                return false;
            }
            let block = block.cast::<FreeBlock>();
            // SAFETY: the block is at least 16 bytes, 16-aligned, and ours now.
            unsafe { block.write(FreeBlock { next: list.head }) };
            list.head = block;
            list.len += 1;
            true
        });
        if !kept {
            unsafe { System.dealloc(block, class_layout(class)) }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid layout for `new_size`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class_of(layout), class_of(new_layout)) {
            // Big to big: let the system allocator grow in place when it can.
            (None, None) => unsafe { System.realloc(block, layout, new_size) },
            // Same class: the block already has room.
            (Some(old), Some(new)) if old == new => block,
            _ => {
                let moved = unsafe { self.alloc(new_layout) };
                if !moved.is_null() {
                    unsafe {
                        ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ALLOC: ShardedAlloc = ShardedAlloc::new();

    #[test]
    fn classes() {
        assert_eq!(class_of(Layout::from_size_align(1, 1).unwrap()), Some(0));
        assert_eq!(class_of(Layout::from_size_align(17, 8).unwrap()), Some(1));
        assert_eq!(
            class_of(Layout::from_size_align(256 << 10, 16).unwrap()),
            Some(CLASSES - 1)
        );
        assert_eq!(
            class_of(Layout::from_size_align((256 << 10) + 1, 8).unwrap()),
            None
        );
        assert_eq!(class_of(Layout::from_size_align(64, 64).unwrap()), None);
    }

    #[test]
    fn many_threads_alloc_realloc_and_free_across_threads() {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut blocks = Vec::new();
                    for i in 0..4_000usize {
                        let size = 1 + (i * 37 + t * 11) % 300_000;
                        let layout = Layout::from_size_align(size, 8).unwrap();
                        let block = unsafe { ALLOC.alloc(layout) };
                        assert!(!block.is_null());
                        unsafe { block.write_bytes(t as u8, size) };
                        let grown = size + 100;
                        let block = unsafe { ALLOC.realloc(block, layout, grown) };
                        assert_eq!(
                            unsafe { *block.add(size - 1) },
                            t as u8,
                            "contents survive realloc"
                        );
                        blocks.push((block as usize, Layout::from_size_align(grown, 8).unwrap()));
                        if i % 3 == 0 {
                            let (block, layout) = blocks.swap_remove(i % blocks.len());
                            unsafe { ALLOC.dealloc(block as *mut u8, layout) };
                        }
                    }
                    blocks
                })
            })
            .collect();
        // Free everything on this thread: blocks move between shards freely.
        for handle in handles {
            for (block, layout) in handle.join().unwrap() {
                unsafe { ALLOC.dealloc(block as *mut u8, layout) };
            }
        }
    }
}
