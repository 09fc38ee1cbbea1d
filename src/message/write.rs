//! Writing messages and stored records by hand: the other half of [`super::read`], for every
//! message a Rust context sends and everything it stores.
//!
//! serde's derived writers were compiled per type, through a general serializer, into every
//! module; here a struct names its fields to a small object builder, and each field type's
//! writer is shared. The shapes are exactly serde's (the tests compare every message and
//! record both ways, and the `message` fuzz target every message it accepts): a message is an
//! object tagged by `type` with its fields in camelCase, `None` is `null`, a unit variant is
//! its kebab-case name. A type holding a [`SecretString`](crate::token::SecretString) has no
//! writer at all, so no message or record a Rust context writes can carry one; the one secret
//! written is a [`HandedSecret`].

use crate::background::memory::{LeakFrame, Memory, Recent, TabStatus};
use crate::github::Settings;
use crate::page::{Lost, PageKind, SaveState, SecretKind, Theme, TokenAt};
use crate::token::{HandedSecret, Kind};

use super::{
    BannerReply, BannerRequest, ContentReply, LeakFinding, PopupReply, PopupRequest, Refusal,
    SaveStateChange, TabCommand, TokenToCheck, TAG,
};

/// Builds a JSON-like value: a JavaScript value in the extension, a `serde_json::Value` in
/// the tests and the fuzzer.
pub trait Build: Sized {
    fn null() -> Self;
    fn boolean(value: bool) -> Self;
    /// Every number PAT Guard writes is an integer within 2^53.
    fn integer(value: i64) -> Self;
    fn string(value: &str) -> Self;
    fn array(items: Vec<Self>) -> Self;
    /// An object with these entries, in order, each defined as data (a key `__proto__`
    /// would stay a key).
    fn object(entries: Vec<(&'static str, Self)>) -> Self;
}

/// A type written by hand to a [`Build`]er.
pub trait Write {
    fn write<B: Build>(&self) -> B;
}

/// An object being written, field by field.
pub struct Object<B> {
    entries: Vec<(&'static str, B)>,
}

impl<B: Build> Object<B> {
    fn new() -> Self {
        Object {
            entries: Vec::new(),
        }
    }

    /// A message's object: its `type` first.
    fn tagged(tag: &'static str) -> Self {
        let mut object = Object::new();
        object.entries.push((TAG, B::string(tag)));
        object
    }

    fn field<W: Write + ?Sized>(mut self, name: &'static str, value: &W) -> Self {
        self.entries.push((name, value.write()));
        self
    }

    fn done(self) -> B {
        B::object(self.entries)
    }
}

impl Write for str {
    fn write<B: Build>(&self) -> B {
        B::string(self)
    }
}

impl Write for String {
    fn write<B: Build>(&self) -> B {
        B::string(self)
    }
}

impl Write for HandedSecret {
    fn write<B: Build>(&self) -> B {
        B::string(self.0.expose())
    }
}

impl Write for bool {
    fn write<B: Build>(&self) -> B {
        B::boolean(*self)
    }
}

macro_rules! write_integer {
    ($($type:ty),*) => {$(
        impl Write for $type {
            fn write<B: Build>(&self) -> B {
                // Every integer PAT Guard writes (tab ids, heights, offsets, a counter) is
                // far below 2^53.
                B::integer(*self as i64)
            }
        }
    )*};
}
write_integer!(i32, u32, u64, usize);

impl Write for () {
    fn write<B: Build>(&self) -> B {
        B::null()
    }
}

impl<W: Write> Write for Option<W> {
    fn write<B: Build>(&self) -> B {
        match self {
            Some(value) => value.write(),
            None => B::null(),
        }
    }
}

impl<W: Write> Write for [W] {
    fn write<B: Build>(&self) -> B {
        B::array(self.iter().map(Write::write).collect())
    }
}

impl<W: Write> Write for Vec<W> {
    fn write<B: Build>(&self) -> B {
        self.as_slice().write()
    }
}

/// A unit enum is its variant's code (`Kind::code` and the like), as `message::read` reads it.
macro_rules! write_by_code {
    ($($type:ident),*) => {$(
        impl Write for $type {
            fn write<B: Build>(&self) -> B {
                B::string(self.code())
            }
        }
    )*};
}
write_by_code!(PageKind, SecretKind, Kind, SaveState, Theme);

impl Write for Refusal {
    fn write<B: Build>(&self) -> B {
        Object::tagged("refused")
            .field("reason", self.reason())
            .done()
    }
}

impl TokenToCheck {
    fn write_fields<B: Build>(&self, object: Object<B>) -> B {
        object
            .field("token", &self.token)
            .field("host", &self.host)
            .field("allHeaders", &self.all_headers)
            .done()
    }
}

impl Write for PopupRequest {
    fn write<B: Build>(&self) -> B {
        match self {
            PopupRequest::Ping {} => Object::tagged("ping").done(),
            PopupRequest::CheckShownToken { tab_id } => Object::tagged("check-shown-token")
                .field("tabId", tab_id)
                .done(),
            PopupRequest::PageStatusRequest { tab_id, url } => {
                Object::tagged("page-status-request")
                    .field("tabId", tab_id)
                    .field("url", url)
                    .done()
            }
            PopupRequest::SyncHosts {} => Object::tagged("sync-hosts").done(),
        }
    }
}

impl Write for PopupReply {
    fn write<B: Build>(&self) -> B {
        match self {
            PopupReply::Pong { version } => Object::tagged("pong").field("version", version).done(),
            PopupReply::TokenToCheck(handed) => {
                handed.write_fields(Object::tagged("token-to-check"))
            }
            PopupReply::HostsSynced {} => Object::tagged("hosts-synced").done(),
            PopupReply::PageStatus {
                page,
                state,
                kind,
                secret,
            } => Object::tagged("page-status")
                .field("page", page)
                .field("state", state)
                .field("kind", kind)
                .field("secret", secret)
                .done(),
        }
    }
}

impl Write for TokenAt {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("candidate", &self.candidate)
            .field("start", &self.start)
            .field("end", &self.end)
            .done()
    }
}

impl Write for Lost {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("kind", &self.kind)
            .field("regeneratePath", &self.regenerate_path)
            .done()
    }
}

impl Write for LeakFinding {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("candidate", &self.candidate)
            .field("start", &self.start)
            .field("end", &self.end)
            .field("kind", &self.kind)
            .field("key", &self.key)
            .field("kept", &self.kept)
            .field("warningAddress", &self.warning_address)
            .done()
    }
}

impl SaveStateChange {
    fn write_fields<B: Build>(&self, object: Object<B>) -> B {
        object
            .field("fingerprint", &self.fingerprint)
            .field("state", &self.state)
            .field("bannerAddress", &self.banner_address)
            .done()
    }
}

impl Write for ContentReply {
    fn write<B: Build>(&self) -> B {
        match self {
            ContentReply::PageAssessment(assessment) => Object::tagged("page-assessment")
                .field("page", &assessment.page)
                .field("banner", &assessment.banner)
                .field("guard", &assessment.guard)
                .field("kind", &assessment.kind)
                .field("secret", &assessment.secret)
                .field("state", &assessment.state)
                .field("fingerprint", &assessment.fingerprint)
                .field("tokenAt", &assessment.token_at)
                .field("expires", &assessment.expires)
                .field("lost", &assessment.lost)
                .field("bannerAddress", &assessment.banner_address)
                .field("theme", &assessment.theme)
                .done(),
            ContentReply::SaveStateChanged(change) => {
                change.write_fields(Object::tagged("save-state-changed"))
            }
            ContentReply::LeaksFound { leaks } => {
                Object::tagged("leaks-found").field("leaks", leaks).done()
            }
        }
    }
}

impl Write for BannerRequest {
    fn write<B: Build>(&self) -> B {
        match self {
            BannerRequest::TokenAcknowledged { fingerprint } => {
                Object::tagged("token-acknowledged")
                    .field("fingerprint", fingerprint)
                    .done()
            }
            BannerRequest::CheckShownToken {} => Object::tagged("check-shown-token").done(),
            BannerRequest::BannerDismissed {} => Object::tagged("banner-dismissed").done(),
            BannerRequest::ResizeBanner { height } => Object::tagged("resize-banner")
                .field("height", height)
                .done(),
            BannerRequest::LeakDecision { keep } => {
                Object::tagged("leak-decision").field("keep", keep).done()
            }
            BannerRequest::CheckLeak {} => Object::tagged("check-leak").done(),
        }
    }
}

impl Write for BannerReply {
    fn write<B: Build>(&self) -> B {
        match self {
            BannerReply::Ack {} => Object::tagged("ack").done(),
            BannerReply::TokenToCheck(handed) => {
                handed.write_fields(Object::tagged("token-to-check"))
            }
        }
    }
}

impl Write for TabCommand {
    fn write<B: Build>(&self) -> B {
        match self {
            TabCommand::UnmountBanner {} => Object::tagged("unmount-banner").done(),
            TabCommand::ConfirmBannerVisible { key } => Object::tagged("confirm-banner-visible")
                .field("key", key)
                .done(),
            TabCommand::ResizeBanner { height, key } => Object::tagged("resize-banner")
                .field("height", height)
                .field("key", key)
                .done(),
            TabCommand::SaveStateChanged(change) => {
                change.write_fields(Object::tagged("save-state-changed"))
            }
            TabCommand::ShareShownToken { fingerprint } => Object::tagged("share-shown-token")
                .field("fingerprint", fingerprint)
                .done(),
            TabCommand::LeakDecided { key, keep } => Object::tagged("leak-decided")
                .field("key", key)
                .field("keep", keep)
                .done(),
            TabCommand::ShareLeak { key } => Object::tagged("share-leak").field("key", key).done(),
        }
    }
}

impl Write for Settings {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("requiredScopes", &self.required_scopes)
            .done()
    }
}

/// `[[key, value], …]`, as serde writes a list of pairs.
impl<V: Write> Write for Recent<V> {
    fn write<B: Build>(&self) -> B {
        B::array(
            self.entries()
                .iter()
                .map(|(key, value)| B::array(vec![key.write(), value.write()]))
                .collect(),
        )
    }
}

impl Write for LeakFrame {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("tabId", &self.tab_id)
            .field("fingerprint", &self.fingerprint)
            .field("url", &self.url)
            .done()
    }
}

impl Write for TabStatus {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("url", &self.url)
            .field("page", &self.page)
            .field("kind", &self.kind)
            .field("secret", &self.secret)
            .field("fingerprint", &self.fingerprint)
            .field("bannerKey", &self.banner_key)
            .field("expires", &self.expires)
            .field("theme", &self.theme)
            .field("sequence", &self.sequence)
            .done()
    }
}

impl Write for Memory {
    fn write<B: Build>(&self) -> B {
        Object::new()
            .field("key", &self.key)
            .field("saved", &self.saved)
            .field("tabs", &self.tabs)
            .field("leaks", &self.leaks)
            .field("kept", &self.kept)
            .field("sequence", &self.sequence)
            .done()
    }
}

/// A message in its wire form, or a record as stored: what the extension writes, as JSON, for
/// the tests and the fuzzer.
pub fn write_wire<W: Write>(message: &W) -> serde_json::Value {
    message.write()
}

/// The tests' and the fuzzer's builder.
impl Build for serde_json::Value {
    fn null() -> Self {
        serde_json::Value::Null
    }

    fn boolean(value: bool) -> Self {
        value.into()
    }

    fn integer(value: i64) -> Self {
        value.into()
    }

    fn string(value: &str) -> Self {
        value.into()
    }

    fn array(items: Vec<Self>) -> Self {
        items.into()
    }

    fn object(entries: Vec<(&'static str, Self)>) -> Self {
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}
