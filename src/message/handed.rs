//! Background → the extension page that checks a token (the popup, or a reminder's or a leak
//! warning's frame): the one message that carries a token's value.

use serde::{Deserialize, Serialize};

use super::wire::{limit, ProtocolError, Wire};
use crate::hosts::MAX_HOST_LEN;
use crate::page::MAX_CANDIDATE_LEN;
use crate::token::HandedSecret;

/// A token to check (the one a tab shows, or a posted one), handed over only for a page on a
/// host PAT Guard may send tokens to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenToCheck {
    pub token: HandedSecret,
    /// The page's host (`Host::name`), whose API is asked.
    pub host: String,
    /// Whether PAT Guard may read every header of that API's answers (its host permission).
    pub all_headers: bool,
}

impl Wire for TokenToCheck {
    fn validate(&self) -> Result<(), ProtocolError> {
        limit("token", self.token.0.expose(), MAX_CANDIDATE_LEN)?;
        limit("host", &self.host, MAX_HOST_LEN)
    }
}
