//! The page rules read text a page controls (its text, its rows, its values): whatever it is,
//! assess() must not panic, and a reported position must lie inside what was reported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::page::{assess, Candidate, PageFacts, SaveState, Source};
use pat_guard::token::SecretString;

fuzz_target!(|raw: &str| {
    // Split the input into a row, a value and the page text.
    let mut parts = raw.splitn(3, '\u{1}');
    let row = parts.next().unwrap_or("");
    let value = parts.next().unwrap_or("");
    let text = parts.next().unwrap_or("");
    let sources = [Source::HolderText, Source::CopyButton, Source::Value];
    let source = sources[raw.len() % sources.len()];
    let facts = PageFacts {
        url: "https://github.com/settings/personal-access-tokens".into(),
        token_element: raw.len() % 2 == 0,
        candidates: vec![Candidate {
            value: SecretString::new(value.to_owned()),
            source,
            row: Some(SecretString::new(row.to_owned())),
        }],
        text: Some(SecretString::new(text.to_owned())),
        left_unsaved: None,
        colors: None,
    };
    let assessment = assess(&facts, |_| ("fp".into(), SaveState::Unsaved));
    if let Some(at) = assessment.token_at {
        let within = match at.candidate {
            Some(_) => value.encode_utf16().count(),
            None => text.encode_utf16().count(),
        };
        assert!(at.start <= at.end && at.end <= within);
    }
    if let Some(expires) = assessment.expires {
        assert!(expires.chars().count() <= 64, "{expires}");
    }
});
