//! What the reminder shows of the token, as its URL fragment says.

use crate::message::BannerLive;
use crate::page::{SaveState, Theme};

/// What the banner shows of the token: what the user did with it, which only ever moves
/// forward (acknowledging outranks copying), and its expiry once the page states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub state: SaveState,
    pub expires: Option<String>,
    /// GitHub's colour mode in the page (light when the page did not say).
    pub theme: Theme,
}

impl From<BannerLive> for Shown {
    fn from(live: BannerLive) -> Self {
        Shown {
            state: live.state,
            expires: live.expires,
            theme: live.theme.unwrap_or_default(),
        }
    }
}

impl Shown {
    /// Take in what changed; whether anything did.
    pub fn apply(&mut self, live: BannerLive) -> bool {
        let state = match live.state {
            SaveState::Copied => self.state.copied(),
            SaveState::Acknowledged => SaveState::Acknowledged,
            SaveState::Unsaved => self.state,
        };
        let next = Shown {
            state,
            expires: live.expires.or_else(|| self.expires.clone()),
            theme: live.theme.unwrap_or(self.theme),
        };
        let changed = next != *self;
        *self = next;
        changed
    }
}
