//! inspect() must never panic, and what it reports must never contain the secret.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::token::{inspect, Kind};

fuzz_target!(|raw: &str| {
    let inspection = inspect(raw);
    if let Some(token) = &inspection.token {
        // Cleaning is idempotent: the cleaned token needs no further cleaning.
        let again = inspect(token.expose());
        assert!(again.cleanups.is_empty(), "{:?} then {:?}", inspection.cleanups, again.cleanups);
        // Problems never quote the token. (Messages about non-tokens are fixed sentences that
        // may contain a short pasted string by coincidence, e.g. `github_pat`.)
        if token.kind() != Kind::NotAToken && token.expose().len() >= 12 {
            for problem in &inspection.problems {
                assert!(!problem.message.contains(token.expose()));
            }
            assert!(!format!("{inspection:?}").contains(token.expose()));
        }
    }
});
