//! What the background remembers between messages, in `storage.session` (memory only,
//! gone when the browser closes): a random key, what the user did with each shown secret
//! under a keyed fingerprint of it, and what each tab shows. Never a token.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::message::{banner_address, BannerLive, BannerParams};
use crate::page::{PageAssessment, PageKind, SaveState, SecretKind, Theme};
use crate::token::Kind;

/// The most tabs and fingerprints remembered; the oldest go first.
const MAX_ENTRIES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Memory {
    /// 32 random bytes, hex; made once per browser session.
    pub key: String,
    /// Fingerprint → what the user did.
    pub saved: Recent<SaveState>,
    /// Tab id (as text) → what it shows.
    pub tabs: Recent<TabStatus>,
    /// Leak warnings by their frame's key: the tab they are in, the secret's fingerprint and
    /// the page's URL (never the secret).
    pub leaks: Recent<LeakFrame>,
    /// Fingerprints of secrets the user chose to keep in a field.
    pub kept: Recent<()>,
    /// How many page decisions were recorded: tells a newer record about a tab from an
    /// older one (the tests wait on it instead of on the clock).
    pub sequence: u64,
}

/// Entries by key, the most recently written last, at most [`MAX_ENTRIES`]: writing one
/// more drops the oldest. A list, not a map: a few hundred short keys are searched in a
/// blink, and one small generic list costs the background's wasm far less than a B-tree
/// for each of the four kinds of entry (see the commit that made it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Recent<V>(Vec<(String, V)>);

impl<V> Default for Recent<V> {
    fn default() -> Self {
        Recent(Vec::new())
    }
}

impl<V> Recent<V> {
    /// The entries as stored, oldest first.
    pub(crate) fn from_entries(entries: Vec<(String, V)>) -> Self {
        Recent(entries)
    }

    /// The entries, oldest first, as they are stored.
    pub(crate) fn entries(&self) -> &[(String, V)] {
        &self.0
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Write `value` under `key` as the newest entry, then drop the oldest beyond the bound.
    pub fn insert(&mut self, key: String, value: V) {
        self.0.retain(|(k, _)| *k != key);
        self.0.push((key, value));
        let excess = self.0.len().saturating_sub(MAX_ENTRIES);
        self.0.drain(..excess);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeakFrame {
    pub tab_id: i32,
    pub fingerprint: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TabStatus {
    pub url: String,
    pub page: PageKind,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
    pub fingerprint: Option<String>,
    /// The key of the reminder mounted in the tab (see `PageAssessment::banner_address`).
    #[serde(default)]
    pub banner_key: Option<String>,
    /// The secret's expiry as the page last stated it, for the reminder's address.
    #[serde(default)]
    pub expires: Option<String>,
    /// GitHub's colour mode in the page, for the reminder's address.
    #[serde(default)]
    pub theme: Option<Theme>,
    /// The memory's `sequence` when this was recorded.
    pub sequence: u64,
}

/// A keyed fingerprint of a secret: the first 16 bytes of SHA-256(key ‖ 0 ‖ secret), hex.
/// Without the key (which never leaves the session) it tells nothing about the secret.
pub fn fingerprint(key: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key.as_bytes());
    hasher.update([0]);
    hasher.update(secret.as_bytes());
    crate::encoding::hex(&hasher.finalize()[..16])
}

impl Memory {
    pub fn state_of(&self, fingerprint: &str) -> SaveState {
        self.saved.get(fingerprint).copied().unwrap_or_default()
    }

    /// Record what the user did; returns the resulting state.
    pub fn remember(&mut self, fingerprint: &str, state: SaveState) -> SaveState {
        let now = match state {
            SaveState::Copied => self.state_of(fingerprint).copied(),
            other => other,
        };
        self.saved.insert(fingerprint.to_owned(), now);
        now
    }

    /// Record what a tab shows. When a reminder (or the lost notice) is to be mounted, the
    /// assessment gets its address, with a key: the one already recorded for the same secret
    /// at the same address (a second look at the page must not orphan the reminder already
    /// shown), else `fresh_key`.
    pub fn record_tab(
        &mut self,
        tab_id: i32,
        url: &str,
        assessment: &mut PageAssessment,
        fresh_key: String,
    ) {
        let kept = self
            .tab_any_url(tab_id)
            .filter(|status| {
                status.url == url
                    && status.fingerprint.is_some()
                    && status.fingerprint == assessment.fingerprint
            })
            .and_then(|status| status.banner_key.clone());
        let mounts = assessment.banner || assessment.lost.is_some();
        let key = if mounts {
            Some(kept.unwrap_or(fresh_key))
        } else {
            kept
        };
        self.sequence += 1;
        let status = TabStatus {
            url: url.to_owned(),
            page: assessment.page,
            kind: assessment.kind,
            secret: assessment.secret,
            fingerprint: assessment.fingerprint.clone(),
            banner_key: key,
            expires: assessment.expires.clone(),
            theme: assessment.theme,
            sequence: self.sequence,
        };
        // The lost notice when there is one (it says why the page changed); else the
        // reminder's, whenever the tab has one for this secret (a later look at the page
        // brings its expiry).
        assessment.banner_address = match (&assessment.lost, &status.banner_key) {
            (Some(lost), Some(key)) => Some(banner_address(
                &BannerParams {
                    lost: true,
                    kind: Some(lost.kind),
                    host: crate::hosts::enterprise_host_of(url),
                    ..BannerParams::default()
                },
                &BannerLive {
                    theme: status.theme,
                    ..BannerLive::default()
                },
                key,
            )),
            _ => self.address_for(&status),
        };
        self.tabs.insert(tab_id.to_string(), status);
    }

    /// The address of the reminder a tab shows for `fingerprint`, with the token's current
    /// save state: what the content script loads into the frame when that state changes.
    pub fn banner_address(&self, tab_id: i32, fingerprint: &str) -> Option<String> {
        self.tab_any_url(tab_id)
            .filter(|status| status.fingerprint.as_deref() == Some(fingerprint))
            .and_then(|status| self.address_for(status))
    }

    fn address_for(&self, status: &TabStatus) -> Option<String> {
        let key = status.banner_key.as_deref()?;
        let fingerprint = status.fingerprint.clone()?;
        let live = BannerLive {
            state: self.state_of(&fingerprint),
            expires: status.expires.clone(),
            theme: status.theme,
        };
        let params = BannerParams {
            lost: false,
            kind: status.kind,
            secret: status.secret,
            fingerprint: Some(fingerprint),
            host: None,
        };
        Some(banner_address(&params, &live, key))
    }

    /// Whether a message that says it comes from a tab's reminder really does: its frame's
    /// address holds the key recorded when that reminder was mounted.
    pub fn is_tabs_banner(&self, tab_id: i32, key: Option<&str>) -> bool {
        match (
            self.tab_any_url(tab_id)
                .and_then(|s| s.banner_key.as_deref()),
            key,
        ) {
            (Some(recorded), Some(key)) => recorded == key,
            _ => false,
        }
    }

    /// Record a leak warning about to be mounted in `tab_id` under `key`.
    pub fn record_leak(&mut self, key: String, tab_id: i32, fingerprint: String, url: &str) {
        self.leaks.insert(
            key,
            LeakFrame {
                tab_id,
                fingerprint,
                url: url.to_owned(),
            },
        );
    }

    /// The leak warning whose frame holds `key`, if it is in `tab_id` (a page can frame the
    /// warning's page itself, but cannot know a key).
    pub fn tabs_leak(&self, tab_id: i32, key: Option<&str>) -> Option<&LeakFrame> {
        self.leaks.get(key?).filter(|frame| frame.tab_id == tab_id)
    }

    /// The user keeps this secret where it is: no more warnings about it this session.
    pub fn keep(&mut self, fingerprint: &str) {
        self.kept.insert(fingerprint.to_owned(), ());
    }

    pub fn is_kept(&self, fingerprint: &str) -> bool {
        self.kept.contains_key(fingerprint)
    }

    /// The fingerprint of the token a tab shows, to check it with GitHub; a client secret is
    /// no token and is never sent to the API, whatever a message asks.
    pub fn token_to_check(&self, tab_id: i32) -> Result<&str, &'static str> {
        let status = self
            .tab_any_url(tab_id)
            .ok_or("no new token is shown in that tab")?;
        if status.secret == Some(SecretKind::ClientSecret) {
            return Err("a client secret is not a token: PAT Guard does not send it to GitHub");
        }
        status
            .fingerprint
            .as_deref()
            .ok_or("no new token is shown in that tab")
    }

    /// What a tab shows, if what PAT Guard recorded is still about its current URL.
    pub fn tab(&self, tab_id: i32, url: &str) -> Option<&TabStatus> {
        self.tab_any_url(tab_id).filter(|status| status.url == url)
    }

    /// What PAT Guard last recorded for a tab, whatever its URL now.
    pub fn tab_any_url(&self, tab_id: i32) -> Option<&TabStatus> {
        self.tabs.get(&tab_id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_depend_on_key_and_secret_and_hide_both() {
        let a = fingerprint("k1", "ghp_secret");
        assert_eq!(a.len(), 32);
        assert_eq!(a, fingerprint("k1", "ghp_secret"));
        assert_ne!(a, fingerprint("k2", "ghp_secret"));
        assert_ne!(a, fingerprint("k1", "ghp_secreT"));
        assert!(!a.contains("secret"));
    }

    #[test]
    fn copying_never_undoes_an_acknowledgement() {
        let mut memory = Memory::default();
        assert_eq!(memory.state_of("f"), SaveState::Unsaved);
        assert_eq!(memory.remember("f", SaveState::Copied), SaveState::Copied);
        assert_eq!(
            memory.remember("f", SaveState::Acknowledged),
            SaveState::Acknowledged
        );
        assert_eq!(
            memory.remember("f", SaveState::Copied),
            SaveState::Acknowledged
        );
    }

    #[test]
    fn tab_status_is_only_for_the_url_it_was_recorded_at() {
        let mut memory = Memory::default();
        let mut assessment = PageAssessment {
            page: PageKind::TokenShown,
            ..PageAssessment::default()
        };
        memory.record_tab(
            3,
            "https://github.com/settings/tokens",
            &mut assessment,
            "k".into(),
        );
        assert_eq!(
            memory
                .tab(3, "https://github.com/settings/tokens")
                .unwrap()
                .page,
            PageKind::TokenShown
        );
        assert!(memory
            .tab(3, "https://github.com/settings/profile")
            .is_none());
        assert!(memory
            .tab(4, "https://github.com/settings/tokens")
            .is_none());
    }

    fn shown(fingerprint: &str, secret: SecretKind) -> PageAssessment {
        PageAssessment {
            page: PageKind::TokenShown,
            banner: true,
            guard: true,
            secret: Some(secret),
            fingerprint: Some(fingerprint.into()),
            ..PageAssessment::default()
        }
    }

    #[test]
    fn a_reminder_keeps_its_key_for_the_same_secret_and_only_its_frame_is_believed() {
        let mut memory = Memory::default();
        let url = "https://github.com/settings/tokens";
        let mut first = shown("fp1", SecretKind::Token);
        memory.record_tab(7, url, &mut first, "key-a".into());
        let address = first.banner_address.clone().unwrap();
        assert_eq!(
            crate::message::banner_key(&address),
            None,
            "too short to be a key"
        );
        assert!(address.contains("#key=key-a&state=unsaved"), "{address}");
        assert!(memory.is_tabs_banner(7, Some("key-a")));
        for forged in [None, Some(""), Some("key-b"), Some("KEY-A")] {
            assert!(!memory.is_tabs_banner(7, forged), "{forged:?}");
        }
        assert!(!memory.is_tabs_banner(8, Some("key-a")), "another tab");
        // A second look at the same token keeps the key of the reminder already shown.
        let mut again = shown("fp1", SecretKind::Token);
        again.banner = false;
        memory.record_tab(7, url, &mut again, "key-c".into());
        let kept = again.banner_address.unwrap();
        assert!(kept.contains("#key=key-a&"), "{kept}");
        assert!(memory.is_tabs_banner(7, Some("key-a")));
        // Another token, or another page, gets a new key.
        let mut other = shown("fp2", SecretKind::Token);
        memory.record_tab(7, url, &mut other, "key-d".into());
        assert!(other.banner_address.unwrap().contains("#key=key-d&"));
        assert!(!memory.is_tabs_banner(7, Some("key-a")));
        let mut nothing = PageAssessment::default();
        memory.record_tab(
            7,
            "https://github.com/settings/profile",
            &mut nothing,
            "key-e".into(),
        );
        assert_eq!(nothing.banner_address, None, "no reminder, no address");
        assert!(!memory.is_tabs_banner(7, Some("key-d")));
    }

    #[test]
    fn the_reminder_address_follows_the_save_state_and_the_expiry() {
        let mut memory = Memory::default();
        let url = "https://github.com/settings/tokens";
        let mut assessment = shown("00ff", SecretKind::Token);
        assessment.kind = Some(Kind::Classic);
        memory.record_tab(7, url, &mut assessment, "k".into());
        assert_eq!(
            assessment.banner_address.as_deref(),
            Some("banner.html?kind=classic&secret=token&fp=00ff#key=k&state=unsaved")
        );
        memory.remember("00ff", SaveState::Copied);
        let mut later = shown("00ff", SecretKind::Token);
        later.kind = Some(Kind::Classic);
        later.expires = Some("Expires on Tue, Jul 28 2026".into());
        memory.record_tab(7, url, &mut later, "other".into());
        assert_eq!(
            memory.banner_address(7, "00ff").as_deref(),
            Some("banner.html?kind=classic&secret=token&fp=00ff#key=k&state=copied&expires=Expires+on+Tue%2C+Jul+28+2026")
        );
        assert_eq!(memory.banner_address(7, "other-token"), None);
        assert_eq!(memory.banner_address(8, "00ff"), None);
        // Back from a token left unsaved: the notice, under its own key.
        let mut lost = PageAssessment {
            lost: Some(crate::page::Lost {
                kind: Kind::FineGrained,
                regenerate_path: "/settings/personal-access-tokens/new".into(),
            }),
            ..PageAssessment::default()
        };
        memory.record_tab(
            7,
            "https://github.com/settings/profile",
            &mut lost,
            "n".into(),
        );
        assert_eq!(
            lost.banner_address.as_deref(),
            Some("banner.html?mode=lost&kind=fine-grained#key=n&state=unsaved")
        );
    }

    #[test]
    fn a_client_secret_is_never_handed_out_for_a_check() {
        let mut memory = Memory::default();
        let url = "https://github.com/settings/apps/x";
        memory.record_tab(
            1,
            url,
            &mut shown("fp", SecretKind::ClientSecret),
            "k".into(),
        );
        assert!(memory
            .token_to_check(1)
            .unwrap_err()
            .contains("client secret"));
        memory.record_tab(2, url, &mut shown("fp", SecretKind::Token), "k".into());
        assert_eq!(memory.token_to_check(2), Ok("fp"));
        assert!(memory.token_to_check(3).is_err());
    }

    #[test]
    fn a_leak_warning_is_believed_only_in_its_tab_and_a_kept_secret_is_remembered() {
        let mut memory = Memory::default();
        let key = "0123456789abcdef0123456789abcdef".to_owned();
        memory.record_leak(
            key.clone(),
            7,
            "fp".into(),
            "https://github.com/o/r/issues/new",
        );
        assert_eq!(
            memory
                .tabs_leak(7, Some(&key))
                .map(|f| f.fingerprint.as_str()),
            Some("fp")
        );
        assert!(memory.tabs_leak(8, Some(&key)).is_none(), "another tab");
        assert!(memory.tabs_leak(7, Some("other")).is_none());
        assert!(memory.tabs_leak(7, None).is_none());
        assert!(!memory.is_kept("fp"));
        memory.keep("fp");
        assert!(memory.is_kept("fp"));
        for i in 0..1000 {
            memory.record_leak(format!("k{i}"), 1, format!("f{i}"), "u");
            memory.keep(&format!("f{i}"));
        }
        assert!(memory.leaks.len() <= MAX_ENTRIES && memory.kept.len() <= MAX_ENTRIES);
    }

    /// The background writes and reads its memory by hand (`message::write`, `message::read`):
    /// it writes what serde writes; what serde wrote, with
    /// every kind of entry, reads back whole; a field a later version added is passed over;
    /// a missing one is its default; a malformed one loses the memory, never a wrong value.
    #[test]
    fn the_memory_reads_back_as_it_was_written() {
        use crate::message::read_record;
        let mut memory = Memory {
            key: "ab".repeat(32),
            ..Memory::default()
        };
        let url = "https://github.com/settings/tokens";
        let mut assessment = shown("00ff", SecretKind::Token);
        assessment.kind = Some(Kind::Classic);
        assessment.expires = Some("Expires on Tue, Jul 28 2026".into());
        assessment.theme = Some(crate::page::Theme::Dark);
        memory.record_tab(7, url, &mut assessment, "k".into());
        memory.record_tab(
            8,
            "https://github.com/",
            &mut PageAssessment::default(),
            "n".into(),
        );
        memory.remember("00ff", SaveState::Copied);
        memory.record_leak(
            "lk".into(),
            7,
            "fp".into(),
            "https://github.com/o/r/issues/new",
        );
        memory.keep("fp");
        let written = serde_json::to_value(&memory).unwrap();
        assert_eq!(
            crate::message::write_wire(&memory),
            written,
            "written by hand as by serde"
        );
        assert_eq!(read_record::<Memory, _>(&written), Some(memory.clone()));

        let mut newer = written.clone();
        newer["addedLater"] = serde_json::json!({"x": 1});
        newer["tabs"][0][1]["addedLater"] = serde_json::json!(true);
        assert_eq!(read_record::<Memory, _>(&newer), Some(memory.clone()));
        let mut older = written.clone();
        older.as_object_mut().unwrap().remove("kept");
        let without_kept = Memory {
            kept: Recent::default(),
            ..memory.clone()
        };
        assert_eq!(read_record::<Memory, _>(&older), Some(without_kept));
        for broken in [
            serde_json::json!({"sequence": -1}),
            serde_json::json!({"saved": [["fp", "lost"]]}),
            serde_json::json!({"tabs": [["7"]]}),
            serde_json::json!({"kept": [["fp", 1]]}),
            serde_json::json!([]),
        ] {
            assert_eq!(read_record::<Memory, _>(&broken), None, "{broken}");
        }
    }

    #[test]
    fn a_rewritten_entry_counts_as_new_and_the_oldest_write_goes_first() {
        let mut recent = Recent::default();
        recent.insert("a".to_owned(), 1);
        recent.insert("b".to_owned(), 2);
        recent.insert("a".to_owned(), 3);
        assert_eq!((recent.len(), recent.get("a")), (2, Some(&3)));
        for i in 0..(MAX_ENTRIES - 1) {
            recent.insert(format!("n{i}"), 0);
        }
        assert!(
            !recent.contains_key("b"),
            "b was written before a's rewrite"
        );
        assert_eq!(recent.get("a"), Some(&3));
        assert_eq!(recent.len(), MAX_ENTRIES);
    }

    #[test]
    fn memory_stays_bounded() {
        let mut memory = Memory::default();
        for i in 0..(MAX_ENTRIES + 50) {
            memory.remember(&format!("f{i}"), SaveState::Copied);
            memory.record_tab(i as i32, "u", &mut PageAssessment::default(), "k".into());
        }
        assert_eq!(memory.saved.len(), MAX_ENTRIES);
        assert_eq!(memory.tabs.len(), MAX_ENTRIES);
        assert!(!memory.saved.contains_key("f0"), "the oldest went first");
        assert!(memory.saved.contains_key(&format!("f{}", MAX_ENTRIES + 49)));
    }
}
