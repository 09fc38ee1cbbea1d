//! The reminder (an extension page framed in a tab) → background.

use super::wire::{limit, wire_enum, ProtocolError, Request, Wire, MAX_FINGERPRINT_LEN};
use super::TokenToCheck;

wire_enum! {
    pub enum BannerRequest {
        /// The user says the token is saved.
        TokenAcknowledged { fingerprint: String },
        /// Check the token shown in the reminder's own tab.
        CheckShownToken {},
        /// The user closed the reminder.
        BannerDismissed {},
        /// Make the reminder's frame this tall (CSS pixels), to fit what it shows.
        ResizeBanner { height: u32 },
        /// In a leak warning: the user chose to take the secret out of the field (`keep`
        /// false) or to keep it there.
        LeakDecision { keep: bool },
        /// In a leak warning after the post: check the posted token with GitHub.
        CheckLeak {},
    }
}

wire_enum! {
    pub enum BannerReply {
        /// Done, nothing to report.
        Ack {},
        /// The token to check (the one the tab shows, or the posted one). The frame is the
        /// extension's: the page cannot read it.
        TokenToCheck(TokenToCheck),
    }
}

impl Wire for BannerRequest {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            BannerRequest::TokenAcknowledged { fingerprint } => {
                limit("fingerprint", fingerprint, MAX_FINGERPRINT_LEN)
            }
            BannerRequest::CheckShownToken {}
            | BannerRequest::BannerDismissed {}
            | BannerRequest::ResizeBanner { .. }
            | BannerRequest::LeakDecision { .. }
            | BannerRequest::CheckLeak {} => Ok(()),
        }
    }
}

impl Wire for BannerReply {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            BannerReply::TokenToCheck(handed) => handed.validate(),
            BannerReply::Ack {} => Ok(()),
        }
    }
}

impl Request for BannerRequest {
    type Reply = BannerReply;
}
