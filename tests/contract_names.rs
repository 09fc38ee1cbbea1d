//! The names the test contract fixes (issues #4 and #5), written out here rather than taken
//! from the code under test: data-kind, data-verdict, data-code, data-outcome, data-state and
//! data-page values must not drift.

use pat_guard::github::{RevokeOutcome, Verdict, WarningCode};
use pat_guard::page::{PageKind, SaveState};
use pat_guard::token::Kind;

fn names<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .map(|value| {
            serde_json::to_value(value)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn kinds() {
    let all = [
        Kind::Classic,
        Kind::FineGrained,
        Kind::Oauth,
        Kind::UserToServer,
        Kind::Installation,
        Kind::Refresh,
        Kind::Legacy,
        Kind::NotAToken,
    ];
    let expected = [
        "classic",
        "fine-grained",
        "oauth",
        "user-to-server",
        "installation",
        "refresh",
        "legacy",
        "not-a-token",
    ];
    assert_eq!(names(&all), expected);
    assert_eq!(all.map(Kind::code), expected);
}

#[test]
fn verdicts() {
    let all = [
        Verdict::Valid,
        Verdict::Invalid,
        Verdict::Unknown,
        Verdict::Malformed,
    ];
    let expected = ["valid", "invalid", "unknown", "malformed"];
    assert_eq!(names(&all), expected);
    assert_eq!(all.map(Verdict::code), expected);
}

#[test]
fn warning_codes() {
    use WarningCode::*;
    let all = [
        NoExpiration,
        ExpiresSoon,
        BroadScope,
        MissingScope,
        SsoRequired,
        SsoPartial,
        RateLimited,
        ChecksumMismatch,
        LegacyFormat,
        CannotCallApi,
        ExpiryHidden,
    ];
    let expected = [
        "no-expiration",
        "expires-soon",
        "broad-scope",
        "missing-scope",
        "sso-required",
        "sso-partial",
        "rate-limited",
        "checksum-mismatch",
        "legacy-format",
        "cannot-call-api",
        "expiry-hidden",
    ];
    assert_eq!(names(&all), expected);
    assert_eq!(all.map(WarningCode::code), expected);
}

#[test]
fn revoke_outcomes() {
    let all = [
        RevokeOutcome::Revoked,
        RevokeOutcome::Rejected,
        RevokeOutcome::Unknown,
    ];
    let expected = ["revoked", "rejected", "unknown"];
    assert_eq!(names(&all), expected);
    assert_eq!(all.map(RevokeOutcome::code), expected);
}

#[test]
fn banner_states_and_page_kinds() {
    let states = [
        SaveState::Unsaved,
        SaveState::Copied,
        SaveState::Acknowledged,
    ];
    assert_eq!(names(&states), ["unsaved", "copied", "acknowledged"]);
    assert_eq!(
        states.map(SaveState::code),
        ["unsaved", "copied", "acknowledged"]
    );
    let pages = [
        PageKind::None,
        PageKind::TokenList,
        PageKind::TokenNew,
        PageKind::TokenShown,
    ];
    assert_eq!(
        names(&pages),
        ["none", "token-list", "token-new", "token-shown"]
    );
}
