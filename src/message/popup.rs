//! Popup → background.

use super::wire::{limit, wire_enum, ProtocolError, Request, Wire};
use crate::hosts::MAX_HOST_LEN;
use crate::page::{PageKind, SaveState, SecretKind, MAX_CANDIDATE_LEN, MAX_URL_LEN};
use crate::token::{HandedSecret, Kind};

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
        /// The token the tab shows and the host of its page, whose API the popup asks.
        TokenToCheck {
            token: HandedSecret,
            host: String,
            /// Whether PAT Guard may read every header of that host's API answers.
            all_headers: bool,
        },
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
            PopupReply::TokenToCheck { token, host, .. } => {
                limit("token", token.0.expose(), MAX_CANDIDATE_LEN)?;
                limit("host", host, MAX_HOST_LEN)
            }
            PopupReply::HostsSynced {} | PopupReply::PageStatus { .. } => Ok(()),
        }
    }
}

impl Request for PopupRequest {
    type Reply = PopupReply;
}
