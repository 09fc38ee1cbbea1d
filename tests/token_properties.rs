//! Properties of the token engine over generated input.

mod support;

use pat_guard::token::{
    find_text, find_tokens, inspect, inspect_owned, split_text, strip_prefix_ignore_case,
    CheckValue, Kind,
};
use proptest::prelude::*;
use support::*;
use zeroize::Zeroizing;

fn base62_string(len: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..62usize, len)
        .prop_map(|digits| digits.into_iter().map(|d| BASE62[d] as char).collect())
}

fn classic_token() -> impl Strategy<Value = (String, Kind)> {
    prop_oneof![
        base62_string(30).prop_map(|r| (classic_from("ghp", &r), Kind::Classic)),
        base62_string(30).prop_map(|r| (classic_from("gho", &r), Kind::Oauth)),
        base62_string(30).prop_map(|r| (classic_from("ghu", &r), Kind::UserToServer)),
        base62_string(70).prop_map(|r| (classic_from("ghr", &r), Kind::Refresh)),
    ]
}

fn fine_grained_token() -> impl Strategy<Value = String> {
    (base62_string(22), base62_string(59)).prop_map(|(a, b)| fine_grained_from(&a, &b))
}

fn any_token() -> impl Strategy<Value = (String, Kind)> {
    prop_oneof![
        classic_token(),
        fine_grained_token().prop_map(|t| (t, Kind::FineGrained)),
    ]
}

/// Text people paste around a token, as (before, after) pairs.
fn wrapping() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        Just((String::new(), String::new())),
        Just((" ".into(), "\n".into())),
        Just(("\"".into(), "\"".into())),
        Just(("Bearer ".into(), String::new())),
        Just(("Authorization: token ".into(), "\r\n".into())),
        Just(("export GITHUB_TOKEN='".into(), "'".into())),
        Just(("{\"token\": \"".into(), "\"}".into())),
        Just((
            "https://x-access-token:".into(),
            "@github.com/o/r.git".into()
        )),
        Just(("\u{FEFF}`".into(), "`\u{200B}".into())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_valid_tokens_are_recognised((token, kind) in any_token()) {
        let inspection = inspect(&token);
        prop_assert_eq!(inspection.kind, kind);
        prop_assert_eq!(inspection.check, CheckValue::Valid);
        prop_assert_eq!(inspection.token.as_ref().unwrap().expose(), token.as_str());
        let found = find_tokens(&format!("see {token}."));
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!((found[0].start, found[0].end, found[0].kind), (4, 4 + token.len(), kind));
    }

    #[test]
    fn any_single_character_change_is_caught((token, _) in classic_token(), index in 4usize..80, step in 0usize..61) {
        let index = index % token.len().max(5);
        prop_assume!(index >= 4);
        let changed = with_changed_char(&token, index, step);
        prop_assert_eq!(inspect(&changed).check, CheckValue::Mismatch);
        prop_assert!(!inspect(&changed).can_call_api());
        prop_assert!(find_tokens(&changed).is_empty());
    }

    #[test]
    fn fine_grained_changes_before_the_check_end_are_caught(token in fine_grained_token(), index in 11usize..85, step in 0usize..61) {
        prop_assume!(index != 33);
        let changed = with_changed_char(&token, index, step);
        prop_assert_eq!(inspect(&changed).check, CheckValue::Mismatch);
        prop_assert!(find_tokens(&changed).is_empty());
    }

    #[test]
    fn wrapped_tokens_come_back_out((token, kind) in any_token(), (before, after) in wrapping()) {
        let inspection = inspect(&format!("{before}{token}{after}"));
        prop_assert_eq!(inspection.kind, kind);
        prop_assert_eq!(inspection.token.as_ref().unwrap().expose(), token.as_str());
        prop_assert_eq!(inspection.check, CheckValue::Valid);
    }

    #[test]
    fn clean_up_is_idempotent(raw in any::<String>(), (token, _) in any_token(), (before, after) in wrapping()) {
        for input in [raw.clone(), format!("{before}{token}{after}"), format!("{before}{raw}{after}")] {
            let first = inspect(&input);
            if let Some(cleaned) = &first.token {
                let again = inspect(cleaned.expose());
                prop_assert!(again.cleanups.is_empty(), "{:?} then {:?}", first.cleanups, again.cleanups);
                prop_assert_eq!(again.token.as_ref().map(|t| t.expose()), Some(cleaned.expose()));
                prop_assert_eq!(again.kind, first.kind);
            }
        }
    }

    #[test]
    fn redaction_never_leaks((token, _) in any_token(), (before, after) in wrapping(), mistype in any::<bool>()) {
        let token = if mistype { with_changed_char(&token, 12, 5) } else { token };
        let inspection = inspect(&format!("{before}{token}{after}"));
        let shown = format!(
            "{:?} {} {}",
            inspection,
            inspection.token.as_ref().unwrap(),
            inspection.problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(" "),
        );
        // Nothing of the secret part shows but its last four characters.
        let secret = &token[token.len() - 30..token.len() - 4];
        for window in secret.as_bytes().windows(5) {
            prop_assert!(!shown.contains(std::str::from_utf8(window).unwrap()), "{}", shown);
        }
    }

    #[test]
    fn arbitrary_input_never_panics(raw in any::<String>()) {
        let inspection = inspect(&raw);
        let _ = format!("{inspection:?}");
        let _ = find_tokens(&raw);
    }

    #[test]
    fn token_like_input_never_panics(raw in "(gh[pousr]_|github_pat_|GHP_|ghs_[0-9]{1,3}_)[A-Za-z0-9_.\\-\u{e9}\u{200b} \n\"]{0,120}") {
        let _ = format!("{:?}", inspect(&raw));
        for found in find_tokens(&raw) {
            prop_assert!(raw.is_char_boundary(found.start) && raw.is_char_boundary(found.end));
        }
    }
}

/// What one word that starts like a token may be made of: the prefixes, the base62 body
/// characters and `_`, with a stray other prefix now and then.
fn clean_looking_word() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just("ghp_"),
        Just("gho_"),
        Just("ghu_"),
        Just("ghs_"),
        Just("ghr_"),
        Just("github_pat_"),
    ];
    let piece = prop_oneof![
        8 => base62_string(1),
        1 => Just("_".to_owned()),
        1 => Just("ghp_".to_owned()),
    ];
    (prefix, proptest::collection::vec(piece, 0..120))
        .prop_map(|(prefix, pieces)| format!("{prefix}{}", pieces.concat()))
}

/// The full path's answer for `word`: wrapped in `around`, it cannot take the fast path, and
/// the full path only adds that it trimmed the wrapping.
fn through_the_full_path(word: &str, around: &str) -> pat_guard::token::Inspection {
    let mut full = inspect(&format!("{around}{word}{around}"));
    full.cleanups
        .retain(|c| *c != pat_guard::token::Cleanup::TrimmedWhitespace);
    full
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fast path for a clean token gives the full path's answer.
    #[test]
    fn a_clean_token_gets_the_full_paths_answer(word in clean_looking_word()) {
        prop_assert_eq!(inspect(&word), through_the_full_path(&word, " "));
    }

    /// Handing the input over gives the same answer as lending it, on any input.
    #[test]
    fn owned_and_borrowed_inspections_agree(raw in prop_oneof![clean_looking_word(), any::<String>()]) {
        prop_assert_eq!(inspect_owned(Zeroizing::new(raw.clone())), inspect(&raw));
    }

    #[test]
    fn real_tokens_take_the_fast_path_to_the_same_answer((token, _kind) in any_token()) {
        prop_assert_eq!(inspect(&token), through_the_full_path(&token, "\n"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The small text search finds what `str::find` finds, in text made of the needle's own
    /// pieces (so near-misses and overlaps are common) and in any text.
    #[test]
    fn the_text_search_agrees_with_the_standard_one(
        needle in "[-a-c/:]{1,6}|-----BEGIN|://",
        text in "[-a-c/:€]{0,40}|.{0,40}",
    ) {
        prop_assert_eq!(find_text(&text, &needle), text.find(needle.as_str()));
        let inside = format!("{text}{needle}{text}");
        prop_assert_eq!(find_text(&inside, &needle), inside.find(needle.as_str()));
        prop_assert_eq!(split_text(&inside, &needle), inside.split_once(needle.as_str()));
        let shouted = format!("{}{text}", needle.to_ascii_uppercase());
        prop_assert_eq!(strip_prefix_ignore_case(&shouted, &needle), Some(text.as_str()));
        let expected = text
            .get(..needle.len())
            .filter(|head| head.eq_ignore_ascii_case(&needle))
            .map(|_| &text[needle.len()..]);
        prop_assert_eq!(strip_prefix_ignore_case(&text, &needle), expected);
    }
}
