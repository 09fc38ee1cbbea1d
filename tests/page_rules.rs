//! The page rules over what the content script reports from GitHub's token pages.

mod support;

use pat_guard::page::{
    assess, passes_gate, PageAssessment, PageFacts, PageKind, SaveState, SecretKind, TokenAt,
    CONTENT_GATE,
};
use pat_guard::token::{Kind, SecretString};
use support::*;

fn facts(url: &str) -> PageFacts {
    PageFacts {
        url: url.into(),
        token_element: false,
        copy_notice: false,
        candidates: vec![],
        text: None,
        left_unsaved: None,
    }
}

fn secret(text: &str) -> SecretString {
    SecretString::new(text.to_owned())
}

fn unsaved(value: &str) -> (String, SaveState) {
    (format!("fp-{}", value.len()), SaveState::Unsaved)
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

#[test]
fn a_classic_token_in_githubs_element_is_found_by_structure() {
    let token = classic("ghp", 1);
    let mut page = facts("https://github.com/settings/tokens");
    page.token_element = true;
    page.copy_notice = true;
    page.candidates = vec![secret(&format!("\n  {token}\n"))];
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    assert!(assessment.banner && assessment.guard);
    assert_eq!(assessment.kind, Some(Kind::Classic));
    assert_eq!(assessment.secret, Some(SecretKind::Token));
    assert_eq!(assessment.state, Some(SaveState::Unsaved));
    assert_eq!(assessment.fingerprint.as_deref(), Some("fp-40"));
    assert_eq!(
        assessment.token_at,
        Some(TokenAt {
            candidate: Some(0),
            start: 3,
            end: 43
        })
    );
}

#[test]
fn a_fine_grained_token_is_found_in_a_clipboard_value_or_by_the_text_scan() {
    let token = fine_grained(2);
    let mut page = facts("https://github.com/settings/personal-access-tokens/42");
    page.candidates = vec![secret("not it"), secret(&token)];
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.kind, Some(Kind::FineGrained));
    assert_eq!(assessment.token_at.unwrap().candidate, Some(1));

    let before = "Ünïcödé — Make sure to copy your personal access token now. ";
    let mut page = facts("https://github.com/settings/personal-access-tokens");
    page.text = Some(secret(&format!(
        "{before}{token}\nExpires on Tue, Dec 1 2026.\nMore"
    )));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    let at = assessment.token_at.unwrap();
    assert_eq!(
        (at.candidate, at.start, at.end),
        (None, utf16(before), utf16(before) + 93)
    );
    assert_eq!(
        assessment.expires.as_deref(),
        Some("Expires on Tue, Dec 1 2026")
    );
}

#[test]
fn a_string_that_fails_its_check_value_is_no_token() {
    let mistyped = with_changed_char(&classic("ghp", 3), 9, 0);
    let mut page = facts("https://github.com/settings/tokens");
    page.token_element = true;
    page.copy_notice = true;
    page.candidates = vec![secret(&mistyped)];
    page.text = Some(secret(&format!("Make sure to copy your token {mistyped}")));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenList);
    assert!(!assessment.banner && !assessment.guard);
    assert_eq!(assessment.fingerprint, None);
}

#[test]
fn an_oauth_apps_new_client_secret_is_treated_the_same_way() {
    let mut page = facts("https://github.com/settings/applications/123");
    page.token_element = true;
    page.candidates = vec![secret(" 0123456789abcdef0123456789abcdef01234567 ")];
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    assert!(assessment.banner);
    assert_eq!(assessment.secret, Some(SecretKind::ClientSecret));
    assert_eq!(
        assessment.token_at,
        Some(TokenAt {
            candidate: Some(0),
            start: 1,
            end: 41
        })
    );
    // The same hex elsewhere, or without GitHub's markup, is nothing.
    page.url = "https://github.com/settings/tokens".into();
    assert!(!assess(&page, unsaved).banner);
    page.url = "https://github.com/settings/applications/123".into();
    page.token_element = false;
    assert!(!assess(&page, unsaved).banner);
}

#[test]
fn a_token_already_copied_or_acknowledged_gets_no_reminder_and_no_guard() {
    let token = classic("ghp", 4);
    let mut page = facts("https://github.com/settings/tokens");
    page.candidates = vec![secret(&token)];
    for state in [SaveState::Copied, SaveState::Acknowledged] {
        let assessment = assess(&page, |_| ("fp".into(), state));
        assert_eq!(assessment.page, PageKind::TokenShown);
        assert_eq!(assessment.state, Some(state));
        assert!(!assessment.banner && !assessment.guard);
    }
}

#[test]
fn the_fingerprint_is_asked_for_the_token_itself() {
    let token = classic("gho", 5);
    let mut page = facts("https://github.com/settings/tokens");
    page.candidates = vec![secret(&format!("token: {token} (copy it)"))];
    let seen = std::cell::RefCell::new(String::new());
    assess(&page, |value| {
        *seen.borrow_mut() = value.to_owned();
        ("fp".into(), SaveState::Unsaved)
    });
    assert_eq!(*seen.borrow(), token);
}

#[test]
fn tokens_off_the_token_pages_are_ignored() {
    let token = classic("ghp", 6);
    for url in [
        "https://github.com/octocat/repo/issues/1",
        "https://github.com/settings/profile",
        "https://gist.github.com/settings/tokens",
    ] {
        let mut page = facts(url);
        page.token_element = true;
        page.candidates = vec![secret(&token)];
        page.text = Some(secret(&token));
        assert_eq!(assess(&page, unsaved), PageAssessment::default(), "{url}");
    }
}

#[test]
fn list_and_new_pages_without_a_token_are_named() {
    assert_eq!(
        assess(&facts("https://github.com/settings/tokens/new"), unsaved).page,
        PageKind::TokenNew
    );
    assert_eq!(
        assess(
            &facts("https://github.com/settings/personal-access-tokens"),
            unsaved
        )
        .page,
        PageKind::TokenList
    );
    assert!(!assess(&facts("https://github.com/settings/tokens/new"), unsaved).banner);
}

#[test]
fn a_token_left_unsaved_is_reported_with_where_to_regenerate_it() {
    let mut page = facts("https://github.com/settings/personal-access-tokens");
    page.left_unsaved = Some(Kind::FineGrained);
    let lost = assess(&page, unsaved).lost.unwrap();
    assert_eq!(
        (lost.kind, lost.regenerate_path.as_str()),
        (Kind::FineGrained, "/settings/personal-access-tokens")
    );
    let mut page = facts("https://github.com/settings/tokens");
    page.left_unsaved = Some(Kind::Classic);
    assert_eq!(
        assess(&page, unsaved).lost.unwrap().regenerate_path,
        "/settings/tokens"
    );
}

#[test]
fn content_js_gates_on_the_same_paths() {
    let content = include_str!("../extension/content.js");
    for prefix in CONTENT_GATE {
        assert!(
            content.contains(&format!("'{prefix}'")),
            "content.js lacks the gate prefix {prefix}"
        );
    }
    assert!(content.contains("/organizations/") && content.contains("/settings/applications/"));
    assert!(passes_gate("/organizations/acme/settings/applications/1"));
}
