//! The page rules over what the content script reports from GitHub's token pages, shaped as
//! GitHub serves them (docs/github-pages.md): lists of many rows, hidden form fields, the
//! token in `#new-oauth-token`'s text or `#new-access-token`'s `value`, late expiry dates.

mod support;

use pat_guard::page::{
    assess, passes_gate, Candidate, PageAssessment, PageFacts, PageKind, SaveState, SecretKind,
    Source, TokenAt, CONTENT_GATE, MAX_CANDIDATES, MAX_CANDIDATE_LEN, MAX_ROW_LEN, MAX_TEXT_LEN,
    MAX_THEME_NAME_LEN, ORGANIZATION_GATE,
};
use pat_guard::token::{Kind, SecretString};
use support::*;

const CLASSIC_NOTICE: &str =
    "Make sure to copy your personal access token now. You won’t be able to see it again!";
const FINE_GRAINED_NOTICE: &str =
    "Make sure to copy your personal access token now as you will not be able to see this again.";

fn facts(url: &str) -> PageFacts {
    PageFacts {
        url: url.into(),
        token_element: false,
        candidates: vec![],
        text: None,
        left_unsaved: None,
        colors: None,
    }
}

fn secret(text: &str) -> SecretString {
    SecretString::new(text.to_owned())
}

fn candidate(value: &str, source: Source, row: Option<&str>) -> Candidate {
    Candidate {
        value: secret(value),
        source,
        row: row.map(secret),
    }
}

fn unsaved(value: &str) -> (String, SaveState) {
    (format!("fp-{}", value.len()), SaveState::Unsaved)
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The text of a fine-grained token list with `rows` other tokens, as `textContent` gives it.
fn list_text(rows: usize, head: &str) -> String {
    let mut text = format!("\n  Fine-grained personal access tokens\n  {head}\n");
    for row in 0..rows {
        text.push_str(&format!(
            "\n    token-{row}\n    Never used\n    Expires on Mon, Jan {} 2027.\n    Delete\n",
            row % 28 + 1
        ));
    }
    text
}

#[test]
fn a_classic_token_in_githubs_element_is_found_by_structure() {
    let token = classic("ghp", 1);
    let mut page = facts("https://github.com/settings/tokens");
    page.token_element = true;
    page.candidates = vec![
        candidate(
            &format!("\n  {token}\n"),
            Source::HolderText,
            Some("ci — repo\n Expires on Tue, Jul 28 2026."),
        ),
        candidate(&token, Source::CopyButton, None),
    ];
    page.text = Some(secret(CLASSIC_NOTICE));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    assert!(assessment.banner && assessment.guard);
    assert_eq!(assessment.kind, Some(Kind::Classic));
    assert_eq!(assessment.secret, Some(SecretKind::Token));
    assert_eq!(assessment.state, Some(SaveState::Unsaved));
    assert_eq!(assessment.fingerprint.as_deref(), Some("fp-40"));
    assert_eq!(
        assessment.expires.as_deref(),
        Some("Expires on Tue, Jul 28 2026")
    );
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
fn the_fine_grained_list_as_github_serves_it_yields_the_one_fresh_token() {
    // 300 rows, each with other tokens' names and dates; the new row on top holds the token
    // in `#new-access-token`'s value, reported after a crowd of other values.
    let token = fine_grained(2);
    let mut page = facts("https://github.com/settings/personal-access-tokens");
    page.token_element = true;
    page.text = Some(secret(&list_text(300, FINE_GRAINED_NOTICE)));
    page.candidates = (0..MAX_CANDIDATES - 1)
        .map(|i| candidate(&format!("ghp_not_a_token_{i}"), Source::Value, None))
        .collect();
    page.candidates.push(candidate(
        &token,
        Source::HolderValue,
        Some("deploy\n Loading expiration ...\n Delete"),
    ));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    assert!(assessment.banner && assessment.guard);
    assert_eq!(assessment.kind, Some(Kind::FineGrained));
    assert_eq!(
        assessment.token_at,
        Some(TokenAt {
            candidate: Some(MAX_CANDIDATES - 1),
            start: 0,
            end: 93
        })
    );
    // The row is still loading its date: no other row's date is shown in its place.
    assert_eq!(assessment.expires, None);

    // Once the include-fragment has loaded, the row says it.
    let row = "deploy\n  Expires\n  on Tue, Jul 28 2026.\n Delete";
    page.candidates.last_mut().unwrap().row = Some(secret(row));
    assert_eq!(
        assess(&page, unsaved).expires.as_deref(),
        Some("Expires on Tue, Jul 28 2026")
    );
    for (row, expected) in [
        (
            "deploy Expired on Mon, Jan 5 2026.",
            "Expired on Mon, Jan 5 2026",
        ),
        ("deploy This token has no expiration date.", "Never expires"),
    ] {
        page.candidates.last_mut().unwrap().row = Some(secret(row));
        assert_eq!(
            assess(&page, unsaved).expires.as_deref(),
            Some(expected),
            "{row}"
        );
    }
}

#[test]
fn a_token_in_a_copy_button_or_field_needs_no_notice_but_other_values_and_text_do() {
    let token = fine_grained(3);
    let url = "https://github.com/settings/personal-access-tokens/42";
    for source in [Source::CopyButton, Source::Field] {
        let mut page = facts(url);
        page.candidates = vec![
            candidate("not it", Source::Field, None),
            candidate(&token, source, None),
        ];
        let assessment = assess(&page, unsaved);
        assert_eq!(assessment.kind, Some(Kind::FineGrained), "{source:?}");
        assert_eq!(assessment.token_at.unwrap().candidate, Some(1));
    }
    // The safety net: another element's value, or the text, counts only where the page says
    // a new secret is shown.
    let mut page = facts(url);
    page.candidates = vec![candidate(&token, Source::Value, None)];
    page.text = Some(secret(&format!(
        "deploy — {token} — Expires on Tue, Dec 1 2026."
    )));
    assert_eq!(
        assess(&page, unsaved).page,
        PageKind::None,
        "a page that only quotes a token"
    );
    page.text = Some(secret(&format!(
        "{FINE_GRAINED_NOTICE} Expires on Tue, Dec 1 2026."
    )));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    assert_eq!(assessment.token_at.unwrap().candidate, Some(0));
    assert_eq!(
        assessment.expires.as_deref(),
        Some("Expires on Tue, Dec 1 2026")
    );
}

#[test]
fn the_text_scan_is_the_safety_net_when_the_page_says_a_token_is_new() {
    let token = fine_grained(4);
    let before = format!("Ünïcödé — {FINE_GRAINED_NOTICE}\n  ");
    let mut page = facts("https://github.com/settings/personal-access-tokens");
    page.text = Some(secret(&format!(
        "{before}{token}\nExpires on Tue, Dec 1 2026.\nMore"
    )));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenShown);
    let at = assessment.token_at.unwrap();
    assert_eq!(
        (at.candidate, at.start, at.end),
        (None, utf16(&before), utf16(&before) + 93)
    );
    assert_eq!(
        assessment.expires.as_deref(),
        Some("Expires on Tue, Dec 1 2026")
    );
    // GitHub's markers count as much as its notice; a page with neither quotes a token.
    page.text = Some(secret(&format!("deploy {token}")));
    assert_eq!(assess(&page, unsaved).page, PageKind::TokenList);
    page.token_element = true;
    assert_eq!(assess(&page, unsaved).page, PageKind::TokenShown);
    // A list of many tokens with dates: no single one can be tied to the new token.
    page.text = Some(secret(&format!(
        "{}{token}",
        list_text(3, FINE_GRAINED_NOTICE)
    )));
    assert_eq!(assess(&page, unsaved).expires, None);
}

#[test]
fn a_string_that_fails_its_check_value_is_no_token() {
    let mistyped = with_changed_char(&classic("ghp", 3), 9, 0);
    let mut page = facts("https://github.com/settings/tokens");
    page.token_element = true;
    page.candidates = vec![
        candidate(&mistyped, Source::HolderText, None),
        candidate(&mistyped, Source::CopyButton, None),
    ];
    page.text = Some(secret(&format!("{CLASSIC_NOTICE} {mistyped}")));
    let assessment = assess(&page, unsaved);
    assert_eq!(assessment.page, PageKind::TokenList);
    assert!(!assessment.banner && !assessment.guard);
    assert_eq!(assessment.fingerprint, None);
}

#[test]
fn an_app_s_new_client_secret_is_treated_the_same_way() {
    let hex = " 0123456789abcdef0123456789abcdef01234567 ";
    for url in [
        "https://github.com/settings/applications/123",
        "https://github.com/organizations/acme/settings/applications/123",
        "https://github.com/settings/apps/acme-ci",
        "https://github.com/organizations/acme/settings/apps/acme-ci",
    ] {
        let mut page = facts(url);
        page.token_element = true;
        page.candidates = vec![candidate(hex, Source::HolderText, None)];
        let assessment = assess(&page, unsaved);
        assert_eq!(assessment.page, PageKind::TokenShown, "{url}");
        assert!(assessment.banner, "{url}");
        assert_eq!(assessment.secret, Some(SecretKind::ClientSecret), "{url}");
        assert_eq!(
            assessment.token_at,
            Some(TokenAt {
                candidate: Some(0),
                start: 1,
                end: 41
            })
        );
    }
    // The same hex elsewhere, or outside GitHub's holder, is nothing: commit hashes look so.
    let mut page = facts("https://github.com/settings/tokens");
    page.token_element = true;
    page.candidates = vec![candidate(hex, Source::HolderText, None)];
    assert!(!assess(&page, unsaved).banner);
    page.url = "https://github.com/settings/apps/acme-ci".into();
    page.candidates = vec![candidate(hex, Source::CopyButton, None)];
    assert!(!assess(&page, unsaved).banner);
}

#[test]
fn a_token_already_copied_or_acknowledged_gets_no_reminder_and_no_guard() {
    let token = classic("ghp", 4);
    let mut page = facts("https://github.com/settings/tokens");
    page.candidates = vec![candidate(&token, Source::CopyButton, None)];
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
    page.candidates = vec![candidate(
        &format!("token: {token} (copy it)"),
        Source::HolderText,
        None,
    )];
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
        "https://github.com/octocat/repo/settings/secrets/actions/new",
        "https://gist.github.com/settings/tokens",
    ] {
        let mut page = facts(url);
        page.token_element = true;
        page.candidates = vec![candidate(&token, Source::HolderText, None)];
        page.text = Some(secret(&format!("{CLASSIC_NOTICE} {token}")));
        let assessment = assess(&page, unsaved);
        assert_eq!(assessment, PageAssessment::default(), "{url}");
    }
}

#[test]
fn list_new_and_regenerate_pages_without_a_token_are_named() {
    for (path, kind) in [
        ("/settings/tokens/new", PageKind::TokenNew),
        ("/settings/tokens/9/regenerate", PageKind::TokenNew),
        ("/settings/personal-access-tokens/new", PageKind::TokenNew),
        ("/settings/personal-access-tokens", PageKind::TokenList),
        ("/settings/tokens", PageKind::TokenList),
    ] {
        let page = facts(&format!("https://github.com{path}"));
        let assessment = assess(&page, unsaved);
        assert_eq!(assessment.page, kind, "{path}");
        assert!(!assessment.banner, "{path}");
    }
}

#[test]
fn a_regenerated_token_is_found_wherever_github_shows_it() {
    let token = classic("ghp", 9);
    for path in [
        "/settings/tokens/9",
        "/settings/tokens/9/regenerate",
        "/settings/tokens",
    ] {
        let mut page = facts(&format!("https://github.com{path}"));
        page.token_element = true;
        page.candidates = vec![candidate(&token, Source::HolderText, None)];
        assert_eq!(assess(&page, unsaved).page, PageKind::TokenShown, "{path}");
    }
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

/// content.js writes the gate and the limits again (it cannot import Rust): hold it to them.
#[test]
fn content_js_uses_the_same_gate_and_limits() {
    let content = include_str!("../extension/content.js");
    for prefix in CONTENT_GATE {
        assert!(
            content.contains(&format!("'{prefix}'")),
            "content.js lacks the gate prefix {prefix}"
        );
    }
    for part in ORGANIZATION_GATE {
        assert!(
            content.contains(&format!("'{part}'")),
            "content.js lacks {part}"
        );
    }
    for (name, value) in [
        ("MAX_TEXT", MAX_TEXT_LEN),
        ("MAX_CANDIDATE", MAX_CANDIDATE_LEN),
        ("MAX_CANDIDATES", MAX_CANDIDATES),
        ("MAX_ROW", MAX_ROW_LEN),
        ("MAX_THEME", MAX_THEME_NAME_LEN),
    ] {
        assert!(
            content.contains(&format!("const {name} = {value};")),
            "content.js must declare `const {name} = {value};`"
        );
    }
    for source in [
        "holder-text",
        "holder-value",
        "copy-button",
        "field",
        "value",
    ] {
        assert!(
            content.contains(&format!("'{source}'")),
            "content.js lacks the source {source}"
        );
    }
    assert!(passes_gate("/organizations/acme/settings/applications/1"));
    assert!(passes_gate("/organizations/acme/settings/apps/acme-ci"));
}
