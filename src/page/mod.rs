//! Page rules: which GitHub page a tab shows, and what PAT Guard should do there.
//!
//! Pure functions over plain values. The content script only gathers facts (the URL, the
//! strings where GitHub puts a new secret, the page text); every decision is made here. The
//! facts about GitHub's pages these rules rely on, each with its public source, are in
//! `docs/github-pages.md`.
//!
//! - [`paths`]: which page a path names, and the content script's cheap gate.
//! - [`facts`]: what the content script reports, and the limits on it.
//! - [`locate`]: finding the one fresh secret among the facts.
//! - [`expiry`]: the secret's expiry, as its row states it.
//! - [`assessment`]: the decision (reminder, leave guard, save state).
//! - [`theme`]: GitHub's colour mode, which the reminder follows.
//! - [`phrase`], [`url`]: reading GitHub's wording and URLs.

mod assessment;
mod expiry;
mod facts;
mod locate;
mod paths;
mod phrase;
mod theme;
mod url;

pub use assessment::{
    assess, assess_on, secret_label, Lost, PageAssessment, SaveState, SecretKind, TokenAt,
};
pub use expiry::{expiries, page_expiry, row_expiry, NEVER_EXPIRES};
pub use facts::{
    fits_utf16, utf16_len, utf16_offset, Candidate, PageFacts, Source, MAX_CANDIDATES,
    MAX_CANDIDATE_LEN, MAX_ROW_LEN, MAX_TEXT_LEN, MAX_URL_LEN,
};
pub use locate::{locate, says_new_secret, Located};
pub use paths::{
    is_app_settings, may_show_new_secret, new_token_path, page_for_path, passes_gate,
    regenerate_path, PageKind, CONTENT_GATE, ORGANIZATION_GATE,
};
pub use phrase::{contains_phrase, find_phrase};
pub use theme::{effective_theme, PageColors, Theme, MAX_THEME_NAME_LEN};
pub use url::{github_path, is_github_url};
