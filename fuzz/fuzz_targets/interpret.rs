//! interpret() reads whatever a server answers: it must never panic, stay bounded, and only a
//! 401 may say "invalid".
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::github::{interpret, Answer, Context, Settings, Verdict};
use pat_guard::token::{Endpoint, Kind};
use pat_guard::hosts::{parse_host, Host};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]) % 600;
    let kind = [Kind::Classic, Kind::FineGrained, Kind::Oauth, Kind::Installation][data[2] as usize % 4];
    let text = String::from_utf8_lossy(&data[3..]);
    // Lines before an empty line are headers (`name: value`), the rest is the body.
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let headers = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let answer = Answer { status, headers, body: body.to_owned() };
    let context = Context {
        kind,
        endpoint: if kind == Kind::Installation { Endpoint::InstallationRepositories } else { Endpoint::User },
        now: 1_780_000_000,
        settings: Settings { required_scopes: vec!["repo".into(), "read:org".into()] },
        host: if data[2] & 0x40 == 0 {
            Host::github_com()
        } else {
            parse_host("github.example.com").expect("a host")
        },
        all_headers: data[2] & 0x80 == 0,
    };
    let report = interpret(&answer, &context);
    assert!(report.verdict != Verdict::Invalid || status == 401, "only a 401 is invalid");
    assert!(report.scopes.as_ref().map_or(0, Vec::len) <= 64);
    assert!(report.summary.chars().count() <= 1024, "{}", report.summary.len());
});
