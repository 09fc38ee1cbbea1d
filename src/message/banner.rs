//! The reminder (an extension page framed in a tab) → background.

use super::wire::{limit, wire_enum, ProtocolError, Request, Wire, MAX_FINGERPRINT_LEN};
use crate::github::Report;

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
    }
}

wire_enum! {
    pub enum BannerReply {
        /// Done, nothing to report.
        Ack {},
        /// What the check found.
        CheckResult { report: Box<Report> },
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
            | BannerRequest::ResizeBanner { .. } => Ok(()),
        }
    }
}

impl Wire for BannerReply {}

impl Request for BannerRequest {
    type Reply = BannerReply;
}
