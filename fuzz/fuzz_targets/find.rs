//! find_tokens() must never panic, and every span it reports must be a token that inspect()
//! recognises as checksum-valid or of exact shape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::token::{find_tokens, inspect, CheckValue, Kind, Shape};

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for found in find_tokens(text) {
        assert!(found.start >= last_end && found.start < found.end);
        last_end = found.end;
        let inspection = inspect(&text[found.start..found.end]);
        assert_eq!(inspection.kind, found.kind);
        assert_eq!(inspection.shape, Shape::Valid);
        assert_ne!(inspection.check, CheckValue::Mismatch);
        assert_ne!(found.kind, Kind::NotAToken);
    }
});
