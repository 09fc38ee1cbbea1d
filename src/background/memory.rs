//! What the background remembers between messages, in `storage.session` (memory only,
//! gone when the browser closes): a random key, what the user did with each shown secret
//! under a keyed fingerprint of it, and what each tab shows. Never a token.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::page::{PageAssessment, PageKind, SaveState, SecretKind};
use crate::token::Kind;

/// The most tabs and fingerprints remembered; the oldest go first.
const MAX_ENTRIES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Memory {
    /// 32 random bytes, hex; made once per browser session.
    pub key: String,
    /// Fingerprint → what the user did, with a sequence number for eviction.
    pub saved: BTreeMap<String, (u64, SaveState)>,
    /// Tab id (as text: storage keeps JSON objects) → what it shows.
    pub tabs: BTreeMap<String, TabStatus>,
    pub sequence: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TabStatus {
    pub url: String,
    pub page: PageKind,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
    pub fingerprint: Option<String>,
    pub sequence: u64,
}

/// A keyed fingerprint of a secret: the first 16 bytes of SHA-256(key ‖ 0 ‖ secret), hex.
/// Without the key (which never leaves the session) it tells nothing about the secret.
pub fn fingerprint(key: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key.as_bytes());
    hasher.update([0]);
    hasher.update(secret.as_bytes());
    hasher.finalize()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Memory {
    fn tick(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    pub fn state_of(&self, fingerprint: &str) -> SaveState {
        self.saved
            .get(fingerprint)
            .map(|(_, state)| *state)
            .unwrap_or_default()
    }

    /// Record what the user did; returns the resulting state.
    pub fn remember(&mut self, fingerprint: &str, state: SaveState) -> SaveState {
        let now = match state {
            SaveState::Copied => self.state_of(fingerprint).copied(),
            other => other,
        };
        let sequence = self.tick();
        self.saved.insert(fingerprint.to_owned(), (sequence, now));
        evict(&mut self.saved, |(sequence, _)| *sequence);
        now
    }

    pub fn record_tab(&mut self, tab_id: i32, url: &str, assessment: &PageAssessment) {
        let sequence = self.tick();
        self.tabs.insert(
            tab_id.to_string(),
            TabStatus {
                url: url.to_owned(),
                page: assessment.page,
                kind: assessment.kind,
                secret: assessment.secret,
                fingerprint: assessment.fingerprint.clone(),
                sequence,
            },
        );
        evict(&mut self.tabs, |status| status.sequence);
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

fn evict<K: Ord + Clone, V>(map: &mut BTreeMap<K, V>, sequence: impl Fn(&V) -> u64) {
    while map.len() > MAX_ENTRIES {
        let oldest = map
            .iter()
            .min_by_key(|(_, value)| sequence(value))
            .map(|(key, _)| key.clone());
        match oldest {
            Some(key) => map.remove(&key),
            None => break,
        };
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
        let assessment = PageAssessment {
            page: PageKind::TokenShown,
            ..PageAssessment::default()
        };
        memory.record_tab(3, "https://github.com/settings/tokens", &assessment);
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

    #[test]
    fn memory_stays_bounded() {
        let mut memory = Memory::default();
        for i in 0..(MAX_ENTRIES + 50) {
            memory.remember(&format!("f{i}"), SaveState::Copied);
            memory.record_tab(i as i32, "u", &PageAssessment::default());
        }
        assert_eq!(memory.saved.len(), MAX_ENTRIES);
        assert_eq!(memory.tabs.len(), MAX_ENTRIES);
        assert!(!memory.saved.contains_key("f0"), "the oldest went first");
        assert!(memory.saved.contains_key(&format!("f{}", MAX_ENTRIES + 49)));
    }
}
