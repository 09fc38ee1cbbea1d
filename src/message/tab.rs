//! Background → the content script of a tab's top frame.

use serde::{Deserialize, Serialize};

use super::wire::{limit, wire_enum, ProtocolError, Request, Wire, MAX_FINGERPRINT_LEN};
use crate::page::{SaveState, MAX_CANDIDATE_LEN};
use crate::token::SecretString;

/// The longest reminder address (`banner.html?…#…`) a message may carry.
pub const MAX_ADDRESS_LEN: usize = 1024;

wire_enum! {
    pub enum TabCommand {
        /// Remove the reminder.
        UnmountBanner {},
        /// Before acting on a click in the reminder: is it really visible (on screen, not covered,
        /// not faded)? The answer is `Ack`, or a refusal with the reason.
        ConfirmBannerVisible {
            /// A leak warning's key; none for the reminder.
            #[serde(default)]
            key: Option<String>,
        },
        /// Make the reminder's frame this tall (CSS pixels).
        ResizeBanner {
            height: u32,
            /// A leak warning's key; none for the reminder.
            #[serde(default)]
            key: Option<String>,
        },
        /// What the user did with a token now (the reminder in this tab acknowledged it).
        SaveStateChanged(SaveStateChange),
        /// Hand over the shown token, for one check.
        ShareShownToken { fingerprint: String },
        /// The user decided in the leak warning with this key: take the secret out of its
        /// field, or keep it (and let a held post go).
        LeakDecided { key: String, keep: bool },
        /// Hand over the secret a leak warning is about, for one check.
        ShareLeak { key: String },
    }
}

wire_enum! {
    pub enum TabReply {
        /// Done (also what an unanswered command counts as).
        Ack {},
        /// The answer to `ShareShownToken`.
        ShownToken { value: SecretString },
    }
}

/// A token's new save state, decided by the background (acknowledging outranks copying), and
/// the reminder's new address, which the content script only carries to the frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveStateChange {
    pub fingerprint: String,
    pub state: SaveState,
    /// `banner.html?…#…` with the new state, when the tab shows this token's reminder.
    #[serde(default)]
    pub banner_address: Option<String>,
}

impl Wire for SaveStateChange {
    fn validate(&self) -> Result<(), ProtocolError> {
        limit("fingerprint", &self.fingerprint, MAX_FINGERPRINT_LEN)?;
        match &self.banner_address {
            Some(address) => limit("bannerAddress", address, MAX_ADDRESS_LEN),
            None => Ok(()),
        }
    }
}

impl Wire for TabCommand {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            TabCommand::SaveStateChanged(change) => change.validate(),
            TabCommand::ShareShownToken { fingerprint } => {
                limit("fingerprint", fingerprint, MAX_FINGERPRINT_LEN)
            }
            TabCommand::LeakDecided { key, .. } | TabCommand::ShareLeak { key } => {
                limit("key", key, MAX_FINGERPRINT_LEN)
            }
            TabCommand::ConfirmBannerVisible { key } | TabCommand::ResizeBanner { key, .. } => {
                match key {
                    Some(key) => limit("key", key, MAX_FINGERPRINT_LEN),
                    None => Ok(()),
                }
            }
            TabCommand::UnmountBanner {} => Ok(()),
        }
    }
}

impl Wire for TabReply {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            TabReply::ShownToken { value } => limit("value", value.expose(), MAX_CANDIDATE_LEN),
            TabReply::Ack {} => Ok(()),
        }
    }
}

impl Request for TabCommand {
    type Reply = TabReply;
}
