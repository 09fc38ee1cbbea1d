//! The messages between PAT Guard's contexts: one request type and one reply type per
//! channel, so a message sent on the wrong channel cannot be written, and the background
//! decodes each message as the type of the channel its sender is on.
//!
//! | channel | request | reply |
//! |---|---|---|
//! | popup → background | [`PopupRequest`] | [`PopupReply`] |
//! | content script → background | [`ContentRequest`] | [`ContentReply`] |
//! | reminder → background | [`BannerRequest`] | [`BannerReply`] |
//! | background → content script | [`TabCommand`] | [`TabReply`] |
//!
//! A page's token reaches the popup or a reminder's frame, to be checked there, only as a
//! [`TokenToCheck`] reply.
//!
//! On the wire a message is a plain JSON object tagged by `type` (`{"type":"ping"}`), written
//! in the extension by `browser::encode` and read by [`read`] (by hand, over
//! `browser::decode`'s view of JavaScript values). Any request may
//! instead be answered by a [`Refusal`]. [`wire`] holds what the channels share;
//! [`banner_url`] is the reminder's address, which the background writes and the reminder
//! reads.

mod banner;
mod banner_url;
mod content;
mod handed;
mod popup;
mod read;
mod tab;
mod wire;
mod write;

#[cfg(test)]
mod tests;

pub use banner::{BannerReply, BannerRequest};
pub use banner_url::{
    banner_address, banner_key, banner_live, banner_params, leak_address, leak_params, leak_state,
    BannerLive, BannerParams, LeakParams,
};
pub use content::{ContentReply, ContentRequest, LeakFinding};
pub use handed::TokenToCheck;
pub use popup::{PopupReply, PopupRequest};
pub use read::{read_record, read_wire, Read, Strictness, Tree};
pub use tab::{SaveStateChange, TabCommand, TabReply, MAX_ADDRESS_LEN};
pub use wire::{
    from_wire, to_wire, Ack, ProtocolError, Refusal, Request, Wire, MAX_FINGERPRINT_LEN,
    MAX_REASON_LEN, TAG,
};
pub use write::{write_wire, Build, Write};
