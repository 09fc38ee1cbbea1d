//! Issue #13's engine goal: a clean token, handed over to [`inspect_owned`], is inspected
//! without one allocation. This test binary's allocator counts allocations while armed. (The
//! borrowing [`inspect`] makes exactly one: the token's own wiped copy.)

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use pat_guard::token::{inspect, inspect_owned, CheckValue, Kind};
use support::{classic, fine_grained};
use zeroize::Zeroizing;

struct Counting;

static ARMED: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ARMED.load(Ordering::SeqCst) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        System.alloc(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ARMED.load(Ordering::SeqCst) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by `work` (one test in this binary, so no other test thread allocates).
fn allocations<T>(work: impl FnOnce() -> T) -> (usize, T) {
    ALLOCATIONS.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    let result = work();
    ARMED.store(false, Ordering::SeqCst);
    (ALLOCATIONS.load(Ordering::SeqCst), result)
}

#[test]
fn a_clean_token_handed_over_is_inspected_without_allocating() {
    for (token, kind) in [
        (classic("ghp", 1), Kind::Classic),
        (fine_grained(2), Kind::FineGrained),
        (classic("gho", 3), Kind::Oauth),
    ] {
        let owned = Zeroizing::new(token.clone());
        let (count, inspection) = allocations(|| inspect_owned(owned));
        assert_eq!(count, 0, "{kind:?}");
        assert_eq!(
            (inspection.kind, inspection.check),
            (kind, CheckValue::Valid)
        );
        assert!(inspection.problems.is_empty() && inspection.cleanups.is_empty());
        assert_eq!(inspection.token.as_ref().unwrap().expose(), token);

        let (count, _) = allocations(|| inspect(&token));
        assert_eq!(
            count, 1,
            "the borrowing path copies the token once ({kind:?})"
        );
    }
    // Anything else takes the full path and may allocate; it still gives the same answer.
    let padded = format!(" {} ", classic("ghp", 4));
    let owned = Zeroizing::new(padded.clone());
    let (count, inspection) = allocations(|| inspect_owned(owned));
    assert!(count > 0);
    assert_eq!(inspection, inspect(&padded));
}
