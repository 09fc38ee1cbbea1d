//! Popup → background.

use super::wire::{limit, wire_enum, ProtocolError, Request, Wire};
use super::TokenToCheck;
use crate::page::{PageKind, SaveState, SecretKind, MAX_URL_LEN};
use crate::token::Kind;

wire_enum! {
    pub enum PopupRequest {
        /// Are you there, and which version?
        Ping {},
        /// The token a tab shows, to check it with GitHub.
        CheckShownToken { tab_id: i32 },
        /// What does this tab show?
        PageStatusRequest { tab_id: i32, url: String },
        /// The Enterprise hosts or their permissions changed: watch exactly the usable ones.
        SyncHosts {},
    }
}

wire_enum! {
    pub enum PopupReply {
        Pong {
            version: String,
        },
        /// The token the tab shows, for the popup to check.
        TokenToCheck(TokenToCheck),
        /// The content scripts now match the usable hosts.
        HostsSynced {},
        PageStatus {
            page: PageKind,
            #[serde(default)]
            state: Option<SaveState>,
            #[serde(default)]
            kind: Option<Kind>,
            #[serde(default)]
            secret: Option<SecretKind>,
        },
    }
}

impl Wire for PopupRequest {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            PopupRequest::PageStatusRequest { url, .. } => limit("url", url, MAX_URL_LEN),
            PopupRequest::Ping {}
            | PopupRequest::CheckShownToken { .. }
            | PopupRequest::SyncHosts {} => Ok(()),
        }
    }
}

impl Wire for PopupReply {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            PopupReply::Pong { version } => limit("version", version, super::MAX_REASON_LEN),
            PopupReply::TokenToCheck(handed) => handed.validate(),
            PopupReply::HostsSynced {} | PopupReply::PageStatus { .. } => Ok(()),
        }
    }
}

impl Request for PopupRequest {
    type Reply = PopupReply;
}
