//! What the background decides about a page, and the save state of a shown secret.

use serde::{Deserialize, Serialize};

use super::facts::PageFacts;
use super::locate::locate;
use super::paths::{may_show_new_secret, page_for_path, regenerate_path, PageKind};
use super::theme::{effective_theme, Theme};
use crate::hosts::{locate_url, Host};
use crate::token::Kind;

/// What the shown secret is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// A GitHub token (the kind says which).
    Token,
    /// An OAuth app's or a GitHub App's new client secret (40 hex characters), shown once
    /// like a token. It is never sent to the API.
    ClientSecret,
}

impl SecretKind {
    pub const ALL: [SecretKind; 2] = [SecretKind::Token, SecretKind::ClientSecret];

    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            SecretKind::Token => "token",
            SecretKind::ClientSecret => "client-secret",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "token" => Some(SecretKind::Token),
            "client-secret" => Some(SecretKind::ClientSecret),
            _ => None,
        }
    }
}

/// How the reminder and the popup name a shown secret: "personal access token (classic)",
/// "client secret", or plain "token" when the kind is not known.
pub fn secret_label(secret: Option<SecretKind>, kind: Option<Kind>) -> &'static str {
    match (secret, kind) {
        (Some(SecretKind::ClientSecret), _) => "client secret",
        (_, Some(kind)) if kind != Kind::NotAToken => kind.label(),
        _ => "token",
    }
}

/// Whether the user has saved the token shown (as far as PAT Guard can tell). The names are
/// the banner's `data-state` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SaveState {
    #[default]
    Unsaved,
    Copied,
    Acknowledged,
}

impl SaveState {
    pub fn code(self) -> &'static str {
        match self {
            SaveState::Unsaved => "unsaved",
            SaveState::Copied => "copied",
            SaveState::Acknowledged => "acknowledged",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            SaveState::Unsaved,
            SaveState::Copied,
            SaveState::Acknowledged,
        ]
        .into_iter()
        .find(|state| state.code() == code)
    }

    /// The state after the user copied the token: acknowledging outranks copying.
    pub fn copied(self) -> Self {
        match self {
            SaveState::Acknowledged => SaveState::Acknowledged,
            _ => SaveState::Copied,
        }
    }

    pub fn is_saved(self) -> bool {
        self != SaveState::Unsaved
    }
}

/// Where the token is among the facts, so the content script can tell when it is copied:
/// `candidate` is an index into `candidates`, or `None` for the page text; `start..end` are
/// UTF-16 offsets (JavaScript's string indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenAt {
    pub candidate: Option<usize>,
    pub start: usize,
    pub end: usize,
}

/// A token that was left unsaved, and where to make a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lost {
    pub kind: Kind,
    pub regenerate_path: String,
}

/// What the background decided about a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageAssessment {
    pub page: PageKind,
    /// Mount the in-page reminder.
    pub banner: bool,
    /// Arm the warning before leaving.
    pub guard: bool,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
    pub state: Option<SaveState>,
    /// An opaque, keyed fingerprint of the shown secret (never the secret).
    pub fingerprint: Option<String>,
    pub token_at: Option<TokenAt>,
    /// The secret's expiry as its row states it ("Expires on Tue, Jul 28 2026",
    /// "Expired on …", "Never expires"); `None` while the page has not said.
    pub expires: Option<String>,
    /// A token left unsaved by a history navigation.
    pub lost: Option<Lost>,
    /// The address of the reminder (or lost notice) to mount now, `banner.html?…#…`, which
    /// the background fills in ([`crate::message::banner_address`]). Its fragment holds a
    /// random key: the background takes banner messages only from a frame whose address holds
    /// the key recorded for its tab, which a page that frames `banner.html` itself cannot know.
    pub banner_address: Option<String>,
    /// GitHub's effective colour mode, for the reminder.
    pub theme: Option<Theme>,
}

/// Decide what a page is and what to do there. `fingerprint_state` gives the keyed
/// fingerprint of a secret and what the user already did with it.
pub fn assess(
    facts: &PageFacts,
    fingerprint_state: impl Fn(&str) -> (String, SaveState),
) -> PageAssessment {
    assess_on(facts, &[Host::github_com()], fingerprint_state)
}

/// [`assess`] on any of the `known` hosts (github.com and the Enterprise hosts PAT Guard
/// watches): a page on any other host is nothing to PAT Guard.
pub fn assess_on(
    facts: &PageFacts,
    known: &[Host],
    fingerprint_state: impl Fn(&str) -> (String, SaveState),
) -> PageAssessment {
    let Some((_, path)) = locate_url(&facts.url, known) else {
        return PageAssessment::default();
    };
    let theme = facts.colors.as_ref().map(effective_theme);
    let lost = facts.left_unsaved.map(|kind| Lost {
        kind,
        regenerate_path: regenerate_path(kind).to_owned(),
    });
    let located = may_show_new_secret(path)
        .then(|| locate(facts, path))
        .flatten();
    let Some(located) = located else {
        return PageAssessment {
            page: page_for_path(path),
            lost,
            theme,
            ..PageAssessment::default()
        };
    };
    let (fingerprint, state) = fingerprint_state(&located.value);
    PageAssessment {
        page: PageKind::TokenShown,
        banner: state == SaveState::Unsaved,
        guard: state == SaveState::Unsaved,
        kind: Some(located.kind),
        secret: Some(located.secret),
        state: Some(state),
        fingerprint: Some(fingerprint),
        token_at: Some(located.at),
        expires: located.expires,
        lost,
        banner_address: None,
        theme,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_serialize_to_the_test_contract_names() {
        for state in [
            SaveState::Unsaved,
            SaveState::Copied,
            SaveState::Acknowledged,
        ] {
            assert_eq!(
                serde_json::to_string(&state).unwrap(),
                format!("\"{}\"", state.code())
            );
            assert_eq!(SaveState::from_code(state.code()), Some(state));
        }
    }

    #[test]
    fn secrets_are_named_by_kind() {
        assert_eq!(
            secret_label(Some(SecretKind::ClientSecret), Some(Kind::NotAToken)),
            "client secret"
        );
        assert_eq!(
            secret_label(Some(SecretKind::Token), Some(Kind::Classic)),
            Kind::Classic.label()
        );
        assert_eq!(secret_label(None, Some(Kind::NotAToken)), "token");
        assert_eq!(secret_label(None, None), "token");
    }

    #[test]
    fn acknowledging_outranks_copying() {
        assert_eq!(SaveState::Unsaved.copied(), SaveState::Copied);
        assert_eq!(SaveState::Copied.copied(), SaveState::Copied);
        assert_eq!(SaveState::Acknowledged.copied(), SaveState::Acknowledged);
    }
}
