//! The reminder's own address, `banner.html?…#…`: the query, set once when it is mounted,
//! and the fragment, which carries what changes (the save state, the expiry) and the key by
//! which the background knows it. Never the token. The background writes it
//! ([`banner_address`]), the content script only loads it into the frame, and the reminder
//! reads it ([`banner_params`], [`banner_live`]).

use crate::encoding::push_percent_escaped;
use crate::hosts::{parse_host, Host};
use crate::page::{SaveState, SecretKind, Theme};
use crate::token::Kind;

/// What the banner learns from its URL query (`banner.html?kind=classic&fp=…`), set once
/// when it is mounted. Never the token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BannerParams {
    /// `lost`: the notice that an unsaved token is gone; otherwise the reminder.
    pub lost: bool,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
    pub fingerprint: Option<String>,
    /// The Enterprise host the page is on, for the lost notice's link (`None`: github.com).
    pub host: Option<Host>,
}

/// What changes while the banner is shown, carried in its URL fragment
/// (`#state=copied&expires=Expires+on+…`): the content script loads the new address (a
/// same-document navigation the banner sees as `hashchange`), and a banner put back after the
/// page removed it reloads with the same fragment, so it keeps its state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BannerLive {
    pub state: SaveState,
    pub expires: Option<String>,
    /// GitHub's colour mode in the page.
    pub theme: Option<Theme>,
}

/// The reminder's key in a banner frame's address (`…/banner.html?…#key=…&state=…`): in the
/// fragment, which no request carries, so it shows in no request or timing entry.
/// A key is 32 to 64 hex digits, which form encoding leaves as they are: it is read as it
/// stands (the background, which reads it, then needs no decoding at all).
pub fn banner_key(url: &str) -> Option<String> {
    let (_, fragment) = url.split_once('#')?;
    let key = fragment
        .split('&')
        .find_map(|pair| pair.strip_prefix("key="))?;
    let hex = (32..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_hexdigit());
    hex.then(|| key.to_owned())
}

/// The reminder's address inside the extension, for `runtime.getURL`: the query from
/// `params`, the fragment from `key` and `live`, each value form-encoded as `URLSearchParams`
/// writes it.
pub fn banner_address(params: &BannerParams, live: &BannerLive, key: &str) -> String {
    let mut query: Vec<(&str, &str)> = Vec::new();
    if params.lost {
        query.push(("mode", "lost"));
    }
    query.push(("kind", params.kind.map_or("", Kind::code)));
    if let Some(host) = &params.host {
        query.push(("host", host.name()));
    }
    if !params.lost {
        query.push(("secret", params.secret.map_or("", SecretKind::code)));
        query.push(("fp", params.fingerprint.as_deref().unwrap_or("")));
    }
    let expires = live
        .expires
        .as_deref()
        .map(|expires| short_text(expires, MAX_EXPIRES_CHARS));
    let mut fragment = vec![("key", key), ("state", live.state.code())];
    if let Some(expires) = expires.as_deref().filter(|e| !e.is_empty()) {
        fragment.push(("expires", expires));
    }
    if let Some(theme) = live.theme {
        fragment.push(("theme", theme.code()));
    }
    format!(
        "banner.html?{}#{}",
        form_encode(&query),
        form_encode(&fragment)
    )
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` serializes.
fn form_encode(pairs: &[(&str, &str)]) -> String {
    fn encode(text: &str, out: &mut String) {
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                    out.push(char::from(byte));
                }
                b' ' => out.push('+'),
                _ => push_percent_escaped(out, byte),
            }
        }
    }
    let mut out = String::new();
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        encode(name, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

fn query_value(query: &str, key: &str) -> Option<String> {
    query
        .trim_start_matches(['?', '#'])
        .split('&')
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name == key).then(|| percent_decode(value))
        })
}

/// Decode `%XX` escapes and `+`; invalid escapes stay as they are, and bytes that are not
/// UTF-8 become U+FFFD.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The most characters of an expiry the reminder shows.
const MAX_EXPIRES_CHARS: usize = 64;

/// Free text as the reminder takes it: control characters dropped, cut to `max` characters.
fn short_text(value: &str, max: usize) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect()
}

/// A short free-text value from a query or fragment (see [`short_text`]), `None` when empty.
fn text_value(query: &str, key: &str, max: usize) -> Option<String> {
    query_value(query, key)
        .map(|value| short_text(&value, max))
        .filter(|value| !value.is_empty())
}

/// What a leak warning's frame shows, from its address (`banner.html?mode=leak&kind=…&redacted=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeakParams {
    /// A token kind's code (`classic`…) or `private-key`.
    pub kind: String,
    pub redacted: String,
}

/// Where a leak warning stands: its fragment's `state`.
pub const LEAK_STATES: [&str; 5] = ["warning", "held", "removed", "kept", "posted"];

/// The address of a leak warning's frame: what it is about in the query (set once), its key
/// and state in the fragment (the content script changes the state as it acts).
pub fn leak_address(kind: &str, redacted: &str, key: &str, state: &str) -> String {
    format!(
        "banner.html?{}#{}",
        form_encode(&[("mode", "leak"), ("kind", kind), ("redacted", redacted)]),
        form_encode(&[("key", key), ("state", state)])
    )
}

/// A leak warning's query, if the frame is one; unknown kinds are refused.
pub fn leak_params(query: &str) -> Option<LeakParams> {
    if query_value(query, "mode").as_deref() != Some("leak") {
        return None;
    }
    let kind = query_value(query, "kind")
        .filter(|kind| kind == "private-key" || Kind::from_code(kind).is_some())?;
    Some(LeakParams {
        kind,
        redacted: text_value(query, "redacted", 64).unwrap_or_default(),
    })
}

/// A leak warning's state from its fragment (`warning` when absent or unknown).
pub fn leak_state(fragment: &str) -> &'static str {
    let state = query_value(fragment, "state");
    LEAK_STATES
        .into_iter()
        .find(|known| state.as_deref() == Some(*known))
        .unwrap_or("warning")
}

/// Read the banner's URL query; anything unknown or malformed is left out.
pub fn banner_params(query: &str) -> BannerParams {
    BannerParams {
        lost: query_value(query, "mode").as_deref() == Some("lost"),
        kind: query_value(query, "kind").and_then(|code| Kind::from_code(&code)),
        secret: query_value(query, "secret").and_then(|code| SecretKind::from_code(&code)),
        fingerprint: text_value(query, "fp", 64)
            .filter(|fp| fp.bytes().all(|b| b.is_ascii_hexdigit())),
        host: text_value(query, "host", 260).and_then(|host| parse_host(&host).ok()),
    }
}

/// Read the banner's URL fragment; anything unknown or malformed is left out.
pub fn banner_live(fragment: &str) -> BannerLive {
    BannerLive {
        state: query_value(fragment, "state")
            .and_then(|code| SaveState::from_code(&code))
            .unwrap_or_default(),
        expires: text_value(fragment, "expires", MAX_EXPIRES_CHARS),
        theme: query_value(fragment, "theme").and_then(|code| Theme::from_code(&code)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_background_writes_the_reminder_reads_back() {
        let key = "0123456789abcdef0123456789abcdef";
        let params = BannerParams {
            lost: false,
            kind: Some(Kind::FineGrained),
            secret: Some(SecretKind::Token),
            fingerprint: Some("00ff".into()),
            host: None,
        };
        let live = BannerLive {
            state: SaveState::Copied,
            expires: Some("Expires on Tue, Jul 28 2026 & ünïcode=#?+%".into()),
            theme: Some(Theme::Dark),
        };
        let address = banner_address(&params, &live, key);
        assert!(address.starts_with("banner.html?kind=fine-grained&secret=token&fp=00ff#key="));
        let (query, fragment) = address.split_once('#').unwrap();
        let query = query.trim_start_matches("banner.html");
        assert_eq!(banner_params(query), params);
        assert_eq!(banner_live(fragment), live);
        assert_eq!(banner_key(&address).as_deref(), Some(key));
        // The lost notice: its mode and kind, and a key; no fingerprint.
        let lost = BannerParams {
            lost: true,
            kind: Some(Kind::Classic),
            ..BannerParams::default()
        };
        let address = banner_address(&lost, &BannerLive::default(), key);
        assert_eq!(
            address,
            format!("banner.html?mode=lost&kind=classic#key={key}&state=unsaved")
        );
        let (query, _) = address.split_once('#').unwrap();
        assert_eq!(banner_params(query.trim_start_matches("banner.html")), lost);
        // On an Enterprise host, the notice links to that host.
        let on_server = BannerParams {
            host: parse_host("github.acme.test").ok(),
            ..lost
        };
        let address = banner_address(&on_server, &BannerLive::default(), key);
        assert!(address.starts_with("banner.html?mode=lost&kind=classic&host=github.acme.test#"));
        let (query, _) = address.split_once('#').unwrap();
        assert_eq!(
            banner_params(query.trim_start_matches("banner.html")),
            on_server
        );
        // A host that is no host is left out.
        assert_eq!(banner_params("?mode=lost&host=evil.test%2Fx").host, None);
    }

    #[test]
    fn a_leak_warning_reads_back_what_it_is_about_and_its_state() {
        let key = "0123456789abcdef0123456789abcdef";
        let address = leak_address("classic", "ghp_…Ab3d", key, "held");
        let (query, fragment) = address.split_once('#').unwrap();
        let query = query.trim_start_matches("banner.html");
        assert_eq!(
            leak_params(query),
            Some(LeakParams {
                kind: "classic".into(),
                redacted: "ghp_…Ab3d".into()
            })
        );
        assert_eq!(leak_state(fragment), "held");
        assert_eq!(banner_key(&address).as_deref(), Some(key));
        assert_eq!(leak_state("state=odd"), "warning");
        assert_eq!(leak_params("?mode=leak&kind=<b>"), None);
        assert_eq!(leak_params("?kind=classic"), None);
        assert!(leak_params("?mode=leak&kind=private-key").is_some());
    }

    #[test]
    fn addresses_are_encoded_as_url_search_params_encodes_them() {
        assert_eq!(
            form_encode(&[("a b", "x*-._~!é%+&="), ("", "")]),
            "a+b=x*-._%7E%21%C3%A9%25%2B%26%3D&="
        );
        assert_eq!(form_encode(&[]), "");
        assert_eq!(
            percent_decode("x*-._%7E%21%C3%A9%25%2B%26%3D+%zz%4"),
            "x*-._~!é%+&= %zz%4"
        );
    }

    #[test]
    fn the_banner_reads_only_known_values_from_its_url() {
        let params = banner_params("?kind=classic&secret=token&fp=00ff&state=copied");
        assert_eq!(
            params,
            BannerParams {
                lost: false,
                kind: Some(Kind::Classic),
                secret: Some(SecretKind::Token),
                fingerprint: Some("00ff".into()),
                host: None,
            }
        );
        assert!(banner_params("?mode=lost&kind=fine-grained").lost);
        for query in [
            "",
            "?",
            "?kind=",
            "?kind=<b>",
            "?kind=ghp_abc",
            "?kinds=classic",
            "?fp=xyz&state=odd%",
        ] {
            let params = banner_params(query);
            assert_eq!(params.kind, None, "{query}");
            assert_eq!(params.fingerprint, None, "{query}");
        }
        assert_eq!(percent_decode("a%zz%4"), "a%zz%4");
        assert_eq!(
            banner_live("#state=copied&expires=Expires%20on%20Tue%2C%20Dec%201"),
            BannerLive {
                state: SaveState::Copied,
                expires: Some("Expires on Tue, Dec 1".into()),
                theme: None,
            }
        );
        assert_eq!(
            banner_live("#state=acknowledged").state,
            SaveState::Acknowledged
        );
        for fragment in ["", "#", "#copied", "#state=odd", "#state=copied%00"] {
            assert_eq!(
                banner_live(fragment).state,
                SaveState::Unsaved,
                "{fragment}"
            );
        }
        assert_eq!(banner_live("#expires=%0A%0D").expires, None);
        let key = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            banner_key(&format!(
                "chrome-extension://x/banner.html?fp=00#key={key}&state=copied"
            ))
            .as_deref(),
            Some(key)
        );
        let long = format!("{key}{key}");
        assert_eq!(
            banner_key(&format!(
                "chrome-extension://x/banner.html#state=copied&key={long}"
            ))
            .as_deref(),
            Some(long.as_str())
        );
        for url in [
            format!("chrome-extension://x/banner.html?key={key}"),
            "chrome-extension://x/banner.html#key=short".to_owned(),
            format!("chrome-extension://x/banner.html#key={key}zz"),
            format!("chrome-extension://x/banner.html#key={key}{key}0"),
            format!("chrome-extension://x/banner.html#key=%30{key}"),
            format!("chrome-extension://x/banner.html#xkey={key}"),
            "chrome-extension://x/banner.html".to_owned(),
        ] {
            assert_eq!(banner_key(&url), None, "{url}");
        }
    }
}
