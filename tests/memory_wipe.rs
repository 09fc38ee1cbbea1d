//! Copies of a token that PAT Guard's Rust code makes (the cleaned-up token, the
//! Authorization header value, the revocation body, the page's strings) are wiped before
//! their memory is freed. This test binary's allocator searches every block being freed for
//! the token while the check is armed, then poisons the block; a copy left behind is a
//! failure. (A JavaScript string cannot be wiped: see SECURITY.md.)

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use pat_guard::background::memory::{fingerprint, Memory};
use pat_guard::github::revoke_body;
use pat_guard::page::{assess, Candidate, PageFacts, Source};
use pat_guard::token::{inspect, join_secret, SecretString};
use support::{classic, fine_grained};
use zeroize::Zeroizing;

const MAX_NEEDLE: usize = 128;

struct Searching;

static ARMED: AtomicBool = AtomicBool::new(false);
static NEEDLE_LEN: AtomicUsize = AtomicUsize::new(0);
static mut NEEDLE: [u8; MAX_NEEDLE] = [0; MAX_NEEDLE];
static FOUND: AtomicUsize = AtomicUsize::new(0);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

unsafe impl GlobalAlloc for Searching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Ordering::SeqCst) {
            let block = std::slice::from_raw_parts(ptr, layout.size());
            let len = NEEDLE_LEN.load(Ordering::SeqCst);
            let needle = &*std::ptr::addr_of!(NEEDLE);
            if contains(block, &needle[..len]) {
                FOUND.fetch_add(1, Ordering::SeqCst);
            }
        }
        std::ptr::write_bytes(ptr, 0xA5, layout.size()); // poison
        System.dealloc(ptr, layout);
    }
}

#[global_allocator]
static ALLOCATOR: Searching = Searching;

/// The check is global: one scenario at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Run `scenario` with the search armed for `token`'s characters (the random part: any 16
/// characters of it would do), and return how many freed blocks still held it.
fn copies_left(token: &str, scenario: impl FnOnce()) -> usize {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let needle = &token.as_bytes()[token.len() - 20..token.len() - 4];
    unsafe {
        let slot = &mut *std::ptr::addr_of_mut!(NEEDLE);
        slot[..needle.len()].copy_from_slice(needle);
    }
    NEEDLE_LEN.store(needle.len(), Ordering::SeqCst);
    FOUND.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    scenario();
    ARMED.store(false, Ordering::SeqCst);
    FOUND.load(Ordering::SeqCst)
}

/// A token of `kind`, made and kept in wiped memory (the test's own copy must not count).
fn token(seed: u64, fine: bool) -> Zeroizing<String> {
    let made = if fine {
        fine_grained(seed)
    } else {
        classic("ghp", seed)
    };
    let mut kept = Zeroizing::new(String::with_capacity(made.len()));
    kept.push_str(&made);
    let mut made = made;
    zeroize::Zeroize::zeroize(&mut made);
    kept
}

#[test]
fn the_search_finds_a_copy_that_is_not_wiped() {
    let token = token(1, false);
    let found = copies_left(&token, || {
        let copy = token.to_string(); // an ordinary String: freed with the token in it
        std::hint::black_box(&copy);
    });
    assert!(found >= 1, "the allocator must see an unwiped copy");
}

#[test]
fn no_copy_of_the_token_outlives_its_use() {
    for (seed, fine) in [(2, false), (3, true)] {
        let token = token(seed, fine);
        // What users paste around a token: every clean-up path makes its own copies.
        let pasted = join_secret(&["  Authorization: Bearer \"", &token, "\"\u{200b}\n"]);
        let json = join_secret(&[r#"{"token": ""#, &token, r#""}"#]);
        let page_text = join_secret(&[
            "Make sure to copy your personal access token now. ",
            &token,
            " Expires on Tue, Jul 28 2026.",
        ]);
        let left = copies_left(&token, || {
            for input in [pasted.as_str(), json.as_str(), token.as_str()] {
                let inspection = inspect(input);
                assert!(inspection.token.is_some(), "{:?}", inspection.problems);
                drop(inspection);
            }
            drop(join_secret(&["Bearer ", &token]));
            drop(revoke_body(&token));
            // The page's strings, as the background receives and assesses them.
            let facts = PageFacts {
                url: "https://github.com/settings/tokens".into(),
                token_element: true,
                candidates: vec![Candidate {
                    value: SecretString::new(String::from(token.as_str())),
                    source: Source::HolderText,
                    row: Some(SecretString::new(String::from(page_text.as_str()))),
                }],
                text: Some(SecretString::new(String::from(page_text.as_str()))),
                left_unsaved: None,
                colors: None,
            };
            let memory = Memory::default();
            let assessment = assess(&facts, |secret| {
                (fingerprint("k", secret), memory.state_of("x"))
            });
            assert!(assessment.banner);
            drop(facts);
        });
        assert_eq!(
            left, 0,
            "{left} freed block(s) still held the token (fine-grained: {fine})"
        );
    }
}
