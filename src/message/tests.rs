use serde_json::json;

use super::*;
use crate::page::{
    Candidate, PageAssessment, PageFacts, PageKind, SaveState, Source, MAX_CANDIDATE_LEN,
    MAX_ROW_LEN, MAX_TEXT_LEN as MAX_PAGE_TEXT_LEN, MAX_URL_LEN,
};
use crate::token::{HandedSecret, SecretString};

fn parse<T: Wire>(value: serde_json::Value) -> Result<T, String> {
    from_wire(value).map_err(|e| e.to_string())
}

/// A request (or a reply the background reads) through both readers: serde's, which the
/// popup and the reminder use, and the hand reader of the background (`read`), which must
/// give the same answer, error included.
fn both<T: Wire + Read + std::fmt::Debug + PartialEq>(
    value: serde_json::Value,
) -> Result<T, String> {
    let by_hand = read_wire::<T>(&value).map_err(|e| e.to_string());
    let by_serde = parse::<T>(value.clone());
    assert_eq!(by_hand, by_serde, "the readers disagree on {value}");
    by_serde
}

fn wire<T: Wire>(message: T) -> serde_json::Value {
    to_wire(&message).unwrap()
}

#[test]
fn wire_format_is_a_type_tagged_object() {
    assert_eq!(wire(PopupRequest::Ping {}), json!({"type": "ping"}));
    assert_eq!(
        wire(PopupReply::Pong {
            version: "1.2.3".into()
        }),
        json!({"type": "pong", "version": "1.2.3"})
    );
    let assessment = wire(ContentReply::PageAssessment(PageAssessment {
        page: PageKind::TokenShown,
        banner: true,
        ..PageAssessment::default()
    }));
    assert_eq!(assessment["type"], "page-assessment");
    assert_eq!(assessment["page"], "token-shown");
    assert_eq!(assessment["banner"], true);
    let change = SaveStateChange {
        fingerprint: "ab".into(),
        state: SaveState::Copied,
        banner_address: Some("banner.html#state=copied".into()),
    };
    let expected = json!({
        "type": "save-state-changed", "fingerprint": "ab", "state": "copied",
        "bannerAddress": "banner.html#state=copied"
    });
    assert_eq!(
        wire(ContentReply::SaveStateChanged(change.clone())),
        expected
    );
    assert_eq!(wire(TabCommand::SaveStateChanged(change)), expected);
}

#[test]
fn accepts_what_the_content_script_sends() {
    let message: ContentRequest = both(json!({
        "type": "page-facts",
        "url": "https://github.com/settings/tokens",
        "tokenElement": true,
        "candidates": [{"value": "x", "source": "copy-button", "row": "Expires on"}]
    }))
    .unwrap();
    assert_eq!(
        message,
        ContentRequest::PageFacts(PageFacts {
            url: "https://github.com/settings/tokens".into(),
            token_element: true,
            candidates: vec![Candidate {
                value: SecretString::new("x".into()),
                source: Source::CopyButton,
                row: Some(SecretString::new("Expires on".into())),
            }],
            text: None,
            left_unsaved: None,
            colors: None,
        })
    );
    assert_eq!(
        both::<TabReply>(json!({"type": "shown-token", "value": "x"})).unwrap(),
        TabReply::ShownToken {
            value: SecretString::new("x".into())
        }
    );
}

#[test]
fn a_message_decodes_only_on_its_own_channel() {
    let facts = json!({"type": "page-facts", "url": "https://github.com/", "tokenElement": true});
    let acknowledged = json!({"type": "token-acknowledged", "fingerprint": "00ff"});
    let ping = json!({"type": "ping"});
    assert!(both::<ContentRequest>(facts.clone()).is_ok());
    assert!(both::<PopupRequest>(facts.clone()).is_err());
    assert!(both::<BannerRequest>(facts).is_err());
    assert!(both::<BannerRequest>(acknowledged.clone()).is_ok());
    assert!(both::<ContentRequest>(acknowledged.clone()).is_err());
    assert!(both::<PopupRequest>(acknowledged).is_err());
    assert!(both::<PopupRequest>(ping.clone()).is_ok());
    assert!(both::<ContentRequest>(ping.clone()).is_err());
    assert!(both::<BannerRequest>(ping).is_err());
    // The same name on two channels means what each channel says: the popup names the tab,
    // the reminder cannot (it checks its own).
    assert!(both::<PopupRequest>(json!({"type": "check-shown-token", "tabId": 3})).is_ok());
    assert!(both::<PopupRequest>(json!({"type": "check-shown-token"})).is_err());
    assert!(both::<BannerRequest>(json!({"type": "check-shown-token"})).is_ok());
    assert!(both::<BannerRequest>(json!({"type": "check-shown-token", "tabId": 3})).is_err());
    // Replies are not requests.
    for reply in [
        json!({"type": "pong", "version": "1"}),
        json!({"type": "ack"}),
        json!({"type": "refused", "reason": "x"}),
        json!({"type": "shown-token", "value": "x"}),
    ] {
        assert!(both::<PopupRequest>(reply.clone()).is_err(), "{reply}");
        assert!(both::<ContentRequest>(reply.clone()).is_err(), "{reply}");
        assert!(both::<BannerRequest>(reply.clone()).is_err(), "{reply}");
    }
}

#[test]
fn refuses_unknown_shapes() {
    for bad in [
        json!(null),
        json!("page-facts"),
        json!({}),
        json!({"type": "launch-missiles"}),
        json!({"type": "token-copied", "fingerprint": "ab", "extra": 1}),
        json!({"type": "page-facts", "url": "https://github.com/"}),
        json!({"type": "page-facts", "url": 7, "tokenElement": true}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "token": "x"}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x", "source": "hidden-input"}]}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x"}]}),
    ] {
        assert!(both::<ContentRequest>(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn page_text_is_measured_as_javascript_measures_it() {
    // Two UTF-8 bytes but one UTF-16 unit each: what the content script cut to the limit
    // must pass whole (a byte count refused such pages, and so missed the token).
    let facts = |text: String, row: String| {
        json!({
            "type": "page-facts", "url": "https://github.com/settings/tokens",
            "tokenElement": false, "text": text,
            "candidates": [{"value": "é".repeat(MAX_CANDIDATE_LEN), "source": "field", "row": row}]
        })
    };
    assert!(both::<ContentRequest>(facts(
        "é".repeat(MAX_PAGE_TEXT_LEN),
        "€".repeat(MAX_ROW_LEN)
    ))
    .is_ok());
    let error = both::<ContentRequest>(facts("é".repeat(MAX_PAGE_TEXT_LEN + 1), String::new()))
        .unwrap_err();
    assert!(error.contains("`text`") && !error.contains("éé"), "{error}");
    // An astral character is two units, as in JavaScript.
    assert!(
        both::<ContentRequest>(facts("😀".repeat(MAX_PAGE_TEXT_LEN / 2 + 1), String::new()))
            .is_err()
    );
}

#[test]
fn only_an_object_tagged_by_a_string_type_is_a_message() {
    assert_eq!(
        both::<PopupRequest>(json!({"type": "ping"})),
        Ok(PopupRequest::Ping {})
    );
    for malformed in [
        json!(["ping"]),
        json!("ping"),
        json!({"ping": {}}),
        json!({"type": 5}),
        json!({"type": "ping", "extra": 1}),
        json!({"type": "pong"}),
        json!({"type": "__proto__"}),
        json!({"type": "check-shown-token", "tabId": "1"}),
    ] {
        assert!(
            both::<PopupRequest>(malformed.clone()).is_err(),
            "{malformed}"
        );
    }
}

#[test]
fn refuses_oversized_fields_without_echoing_them() {
    let long = "https://github.com/".to_owned() + &"a".repeat(MAX_URL_LEN);
    let error = both::<ContentRequest>(json!({
        "type": "page-facts", "url": long, "tokenElement": false
    }))
    .unwrap_err();
    assert!(error.contains("`url`"), "{error}");
    assert!(!error.contains("aaaa"), "{error}");
    let long_print = json!({"type": "token-acknowledged", "fingerprint": "a".repeat(65)});
    assert!(both::<BannerRequest>(long_print).is_err());
}

#[test]
fn a_token_to_check_is_the_token_and_a_host_name_and_nothing_else() {
    let handed = json!({
        "type": "token-to-check", "token": "ghp_x", "host": "github.acme.test", "allHeaders": true
    });
    let expected = TokenToCheck {
        token: HandedSecret(SecretString::new("ghp_x".into())),
        host: "github.acme.test".into(),
        all_headers: true,
    };
    match both::<PopupReply>(handed.clone()).unwrap() {
        PopupReply::TokenToCheck(handed) => assert_eq!(handed, expected),
        other => panic!("{other:?}"),
    }
    match both::<BannerReply>(handed.clone()).unwrap() {
        BannerReply::TokenToCheck(handed) => assert_eq!(handed, expected),
        other => panic!("{other:?}"),
    }
    // The same shape back on the wire.
    assert_eq!(wire(BannerReply::TokenToCheck(expected.clone())), handed);
    assert_eq!(wire(PopupReply::TokenToCheck(expected)), handed);
    // No other field, none missing, no host longer than DNS allows, no token longer than a page candidate.
    let mut extra = handed.clone();
    extra["url"] = json!("https://github.com/settings/tokens");
    let long_host = json!({"type": "token-to-check", "token": "ghp_x", "host": "a".repeat(254), "allHeaders": true});
    let long_token = json!({"type": "token-to-check", "token": "a".repeat(MAX_CANDIDATE_LEN + 1), "host": "github.com", "allHeaders": true});
    let mut missing = handed.clone();
    missing.as_object_mut().unwrap().remove("allHeaders");
    for refused in [extra, missing, long_host, long_token] {
        assert!(both::<PopupReply>(refused.clone()).is_err(), "{refused}");
        assert!(both::<BannerReply>(refused.clone()).is_err(), "{refused}");
    }
}

/// Every shape the background reads, as serde writes it, reads back by hand to the same
/// message; and the hand reader refuses what serde refuses around those shapes.
#[test]
fn the_background_reads_every_shape_by_hand_as_serde_does() {
    fn round_trip<T: Wire + Read + std::fmt::Debug + PartialEq>(message: T) {
        // (Secrets are written as "[redacted]", so the written forms are compared.)
        let written = wire(message);
        let read = both::<T>(written.clone()).unwrap();
        assert_eq!(wire(read), written);
        // Any field more, or any field less (where it is not optional), is refused alike.
        let mut extra = written.clone();
        extra["surplus"] = json!(1);
        assert!(both::<T>(extra).is_err());
        for key in written.as_object().unwrap().keys() {
            let mut fewer = written.clone();
            fewer.as_object_mut().unwrap().remove(key);
            let _ = both::<T>(fewer);
            let mut nulled = written.clone();
            nulled[key.as_str()] = json!(null);
            let _ = both::<T>(nulled);
            let mut retyped = written.clone();
            retyped[key.as_str()] = json!([true]);
            let _ = both::<T>(retyped);
        }
    }
    let secret = |text: &str| SecretString::new(text.into());
    round_trip(PopupRequest::Ping {});
    round_trip(PopupRequest::CheckShownToken { tab_id: -3 });
    round_trip(PopupRequest::PageStatusRequest {
        tab_id: 2_147_483_647,
        url: "https://github.com/settings/tokens".into(),
    });
    round_trip(PopupRequest::SyncHosts {});
    let full = PageFacts {
        url: "https://github.com/settings/tokens".into(),
        token_element: true,
        candidates: vec![
            Candidate {
                value: secret("a"),
                source: Source::HolderText,
                row: Some(secret("Expires on")),
            },
            Candidate {
                value: secret("b"),
                source: Source::Value,
                row: None,
            },
        ],
        text: Some(secret("Make sure to copy your token")),
        left_unsaved: Some(crate::token::Kind::FineGrained),
        colors: Some(crate::page::PageColors {
            mode: Some("auto".into()),
            light_theme: Some("light".into()),
            dark_theme: None,
            system_dark: true,
        }),
    };
    round_trip(ContentRequest::PageFacts(full));
    round_trip(ContentRequest::PageFacts(PageFacts {
        url: "u".into(),
        token_element: false,
        candidates: vec![],
        text: None,
        left_unsaved: None,
        colors: Some(crate::page::PageColors::default()),
    }));
    round_trip(ContentRequest::TokenCopied {
        fingerprint: "ab".into(),
    });
    round_trip(ContentRequest::LeakCandidates {
        url: "https://github.com/o/r/issues/new".into(),
        candidates: vec![secret("x"), secret("y")],
    });
    round_trip(BannerRequest::TokenAcknowledged {
        fingerprint: "ab".into(),
    });
    round_trip(BannerRequest::CheckShownToken {});
    round_trip(BannerRequest::BannerDismissed {});
    round_trip(BannerRequest::ResizeBanner {
        height: 4_294_967_295,
    });
    round_trip(BannerRequest::LeakDecision { keep: false });
    round_trip(BannerRequest::CheckLeak {});
    round_trip(TabReply::Ack {});
    round_trip(TabReply::ShownToken { value: secret("x") });
    round_trip(Refusal::new("no"));

    // Numbers: whole, in range, never text or a fraction.
    for height in [
        json!(-1),
        json!(4_294_967_296_u64),
        json!(1.5),
        json!("7"),
        json!(true),
    ] {
        assert!(both::<BannerRequest>(json!({"type": "resize-banner", "height": height})).is_err());
    }
    // Unit variants only by their names.
    for source in ["copy-button", "CopyButton", "copy_button", ""] {
        let _ = both::<ContentRequest>(json!({
            "type": "page-facts", "url": "u", "tokenElement": true,
            "candidates": [{"value": "x", "source": source}]
        }));
    }
    // The one shape serde takes and the hand reader does not: a unit variant written as an
    // object holding nothing, serde's own form of it, which no context writes.
    let object_form = json!({
        "type": "page-facts", "url": "u", "tokenElement": true, "candidates": [{"value": "x", "source": {"field": null}}]
    });
    assert!(parse::<ContentRequest>(object_form.clone()).is_ok());
    assert!(read_wire::<ContentRequest>(&object_form).is_err());
    // What the background reads as a stored record is the memory: see memory.rs.
}

/// The hand reader's and writer's names of unit variants are serde's.
#[test]
fn unit_variants_are_read_by_the_names_serde_writes() {
    fn read<T: Read + serde::Serialize + PartialEq + std::fmt::Debug + Copy>(all: &[T]) {
        for &variant in all {
            let name = serde_json::to_value(variant).unwrap();
            assert_eq!(read_record::<T, _>(&name), Some(variant), "{name}");
        }
    }
    fn each<T: Read + Write + serde::Serialize + PartialEq + std::fmt::Debug + Copy>(all: &[T]) {
        read(all);
        for variant in all {
            assert_eq!(write_wire(variant), serde_json::to_value(variant).unwrap());
        }
    }
    // Source is only read (the content script writes it).
    read(&Source::IN_TRUST_ORDER);
    each(&crate::token::Kind::ALL);
    each(&PageKind::ALL);
    each(&crate::page::SecretKind::ALL);
    // The lists from_code searches hold every variant: a new one stops this from compiling
    // (and then the counts from holding) until it is in its list.
    for page in PageKind::ALL {
        match page {
            PageKind::None | PageKind::TokenList | PageKind::TokenNew | PageKind::TokenShown => {}
        }
    }
    for secret in crate::page::SecretKind::ALL {
        match secret {
            crate::page::SecretKind::Token | crate::page::SecretKind::ClientSecret => {}
        }
    }
    assert_eq!(
        (PageKind::ALL.len(), crate::page::SecretKind::ALL.len()),
        (4, 2)
    );
    each(&[
        SaveState::Unsaved,
        SaveState::Copied,
        SaveState::Acknowledged,
    ]);
    each(&[crate::page::Theme::Light, crate::page::Theme::Dark]);
}

/// The hand writer (`message::write`) writes every message a Rust context sends exactly as
/// serde does.
#[test]
fn the_hand_writer_writes_what_serde_writes() {
    fn same<W: Write + Wire>(message: W) {
        assert_eq!(write_wire(&message), wire(message));
    }
    let handed = TokenToCheck {
        token: HandedSecret(SecretString::new("ghp_x".into())),
        host: "github.acme.test".into(),
        all_headers: false,
    };
    let change = SaveStateChange {
        fingerprint: "ab".into(),
        state: SaveState::Acknowledged,
        banner_address: Some("banner.html#key=k&state=acknowledged".into()),
    };
    same(Refusal::new("no"));
    same(PopupRequest::Ping {});
    same(PopupRequest::CheckShownToken { tab_id: 4 });
    same(PopupRequest::PageStatusRequest {
        tab_id: 4,
        url: "https://github.com/".into(),
    });
    same(PopupRequest::SyncHosts {});
    same(PopupReply::Pong {
        version: "1.0.0".into(),
    });
    same(PopupReply::TokenToCheck(handed.clone()));
    same(PopupReply::HostsSynced {});
    same(PopupReply::PageStatus {
        page: PageKind::TokenShown,
        state: Some(SaveState::Copied),
        kind: Some(crate::token::Kind::Oauth),
        secret: Some(crate::page::SecretKind::ClientSecret),
    });
    same(PopupReply::PageStatus {
        page: PageKind::None,
        state: None,
        kind: None,
        secret: None,
    });
    same(ContentReply::PageAssessment(PageAssessment::default()));
    same(ContentReply::PageAssessment(PageAssessment {
        page: PageKind::TokenShown,
        banner: true,
        guard: true,
        kind: Some(crate::token::Kind::FineGrained),
        secret: Some(crate::page::SecretKind::Token),
        state: Some(SaveState::Unsaved),
        fingerprint: Some("00ff".into()),
        token_at: Some(crate::page::TokenAt {
            candidate: Some(2),
            start: 5,
            end: 98,
        }),
        expires: Some("Expires on Tue, Jul 28 2026".into()),
        lost: Some(crate::page::Lost {
            kind: crate::token::Kind::Classic,
            regenerate_path: "/settings/tokens".into(),
        }),
        banner_address: Some("banner.html?kind=classic#key=k".into()),
        theme: Some(crate::page::Theme::Dark),
    }));
    same(ContentReply::SaveStateChanged(change.clone()));
    same(ContentReply::LeaksFound { leaks: vec![] });
    same(ContentReply::LeaksFound {
        leaks: vec![LeakFinding {
            candidate: 1,
            start: 3,
            end: 43,
            kind: "classic".into(),
            key: "k".into(),
            kept: true,
            warning_address: "banner.html?mode=leak#key=k".into(),
        }],
    });
    same(BannerRequest::TokenAcknowledged {
        fingerprint: "ab".into(),
    });
    same(BannerRequest::CheckShownToken {});
    same(BannerRequest::BannerDismissed {});
    same(BannerRequest::ResizeBanner { height: 120 });
    same(BannerRequest::LeakDecision { keep: true });
    same(BannerRequest::CheckLeak {});
    same(BannerReply::Ack {});
    same(BannerReply::TokenToCheck(handed));
    same(TabCommand::UnmountBanner {});
    same(TabCommand::ConfirmBannerVisible { key: None });
    same(TabCommand::ConfirmBannerVisible {
        key: Some("k".into()),
    });
    same(TabCommand::ResizeBanner {
        height: 64,
        key: Some("k".into()),
    });
    same(TabCommand::ResizeBanner {
        height: 640,
        key: None,
    });
    same(TabCommand::SaveStateChanged(change));
    same(TabCommand::ShareShownToken {
        fingerprint: "ab".into(),
    });
    same(TabCommand::LeakDecided {
        key: "k".into(),
        keep: false,
    });
    same(TabCommand::ShareLeak { key: "k".into() });
}
