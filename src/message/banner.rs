//! The reminder (an extension page framed in a tab) → background.

use serde::{Deserialize, Serialize};

use super::wire::{limit, ProtocolError, Request, Wire, MAX_FINGERPRINT_LEN};
use crate::github::Report;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum BannerReply {
    /// Done, nothing to report.
    Ack {},
    /// What the check found.
    CheckResult { report: Box<Report> },
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
