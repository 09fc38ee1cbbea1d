//! Reading messages and stored records by hand: every message a Rust context receives (the
//! background's requests and the content script's replies, the popup's and the reminder's
//! replies) and everything read from extension storage (settings, hosts, the background's
//! session memory).
//!
//! serde's derived readers are general: each struct gets a visitor that accepts its fields in
//! any order, tracks each one, and names what is missing or repeated; compiled once per type
//! and per reader, they were a third of the background's module. Here a struct is read by
//! asking its object for each field by name, and each field type's reader is shared by every
//! field of that type. The shapes are the ones serde writes and reads (`wire_enum!`): a
//! message is an object tagged by `type`, fields in camelCase, unit variants by their
//! kebab-case names; the tests read every shape of the message tests both ways and require
//! the same answer, and the `message` fuzz target holds this reader to serde's on any JSON.
//!
//! Values are read as the serde reader that came before read them: `null` and `undefined`
//! are absent, a number is an integer only when it is whole, and a message
//! ([`Strictness::Message`]) holds no field, at any depth, that its type does not have, while
//! a stored record may hold fields this version does not know. The types read here have no
//! recursion, so no input can make the reader go deep.
//! One shape serde takes is refused here: a unit variant written as an object holding
//! nothing (`{"copy-button": null}`), which no context writes.

use crate::background::memory::{LeakFrame, Memory, Recent, TabStatus};
use crate::github::Settings;
use crate::page::{
    Candidate, PageColors, PageFacts, PageKind, SaveState, SecretKind, Source, Theme,
};
use crate::token::{HandedSecret, Kind, SecretString};

use super::{
    BannerReply, BannerRequest, ContentRequest, PopupReply, PopupRequest, Refusal, TabReply,
    TokenToCheck, TAG,
};

/// A JSON-like value as the reader sees it: a JavaScript value in the extension, a
/// `serde_json::Value` in the tests and the fuzzer.
pub trait Tree: Sized {
    /// A plain object's own entries, in order; `None` for anything but a plain object. The
    /// extension's tree (`browser::decode`) leaves out entries holding `null` or `undefined`,
    /// as the serde reader before it did; serde_json's keeps them, as serde_json does.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
    /// An array's items; `None` for anything but an array.
    fn items(&self) -> Option<Vec<Self>>;
    fn string(&self) -> Option<String>;
    /// A number that is a whole number of at most 2^53 in magnitude.
    fn whole(&self) -> Option<i64>;
    fn boolean(&self) -> Option<bool>;
    /// `null` (or, in JavaScript, `undefined`).
    fn is_absent(&self) -> bool;
}

/// Whether unknown fields are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// What another context sends: exactly one of PAT Guard's shapes.
    Message,
    /// What PAT Guard stored: fields a later version added are passed over.
    Record,
}

/// A type read by hand from a [`Tree`].
pub trait Read: Sized {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self>;
}

/// A message in its wire form as its channel's type, validated: how every Rust context reads
/// what another sends (a JavaScript value), and how the tests and the fuzzer read JSON. Only
/// a plain object with a string `type` is a message, and it holds no field, at any depth,
/// that its type does not have.
pub fn read_wire<R: Read + super::Wire>(value: &impl Tree) -> Result<R, super::ProtocolError> {
    let message = R::read(value, Strictness::Message).ok_or(super::ProtocolError::Malformed)?;
    message.validate()?;
    Ok(message)
}

/// A stored record, or `None` when it is not one.
pub fn read_record<R: Read, T: Tree>(value: &T) -> Option<R> {
    R::read(value, Strictness::Record)
}

/// An object's fields, each taken once by name.
pub struct Fields<T> {
    entries: Vec<(String, T)>,
    strictness: Strictness,
}

impl<T: Tree> Fields<T> {
    fn of(value: &T, strictness: Strictness) -> Option<Self> {
        Some(Fields {
            entries: value.entries()?,
            strictness,
        })
    }

    /// The fields left may only be these (for a message; a record may hold any).
    fn only(self, names: &[&str]) -> Option<Self> {
        let known = self.strictness == Strictness::Record
            || self
                .entries
                .iter()
                .all(|(key, _)| names.contains(&key.as_str()));
        known.then_some(self)
    }

    fn take(&mut self, name: &str) -> Option<T> {
        let at = self.entries.iter().position(|(key, _)| key == name)?;
        Some(self.entries.swap_remove(at).1)
    }

    /// A field that must be there.
    fn get<R: Read>(&mut self, name: &str) -> Option<R> {
        R::read(&self.take(name)?, self.strictness)
    }

    /// An optional field: missing or `null` is `None`; anything else must read.
    fn maybe<R: Read>(&mut self, name: &str) -> Option<Option<R>> {
        match self.take(name) {
            None => Some(None),
            Some(value) if value.is_absent() => Some(None),
            Some(value) => R::read(&value, self.strictness).map(Some),
        }
    }

    /// A field with a default: missing is the default; anything else must read.
    fn or_default<R: Read + Default>(&mut self, name: &str) -> Option<R> {
        match self.take(name) {
            None => Some(R::default()),
            Some(value) => R::read(&value, self.strictness),
        }
    }

    /// A message's `type`.
    fn tag(&mut self) -> Option<String> {
        self.take(TAG)?.string()
    }
}

impl Read for String {
    fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
        value.string()
    }
}

impl Read for SecretString {
    fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
        value.string().map(SecretString::new)
    }
}

impl Read for bool {
    fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
        value.boolean()
    }
}

/// Integers: whole numbers in the type's range.
macro_rules! read_integer {
    ($($type:ty),*) => {$(
        impl Read for $type {
            fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
                <$type>::try_from(value.whole()?).ok()
            }
        }
    )*};
}
read_integer!(i32, u32, u64);

/// `()` is `null`: the value of a set's entries.
impl Read for () {
    fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
        value.is_absent().then_some(())
    }
}

impl<R: Read> Read for Vec<R> {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let items = value.items()?;
        let mut read = Vec::with_capacity(items.len());
        for item in &items {
            read.push(R::read(item, strictness)?);
        }
        Some(read)
    }
}

/// A unit enum is its variant's code (`Kind::code` and the like: the kebab-case name serde
/// writes, one table per enum in its own module).
macro_rules! read_by_code {
    ($($type:ident),*) => {$(
        impl Read for $type {
            fn read<T: Tree>(value: &T, _: Strictness) -> Option<Self> {
                $type::from_code(&value.string()?)
            }
        }
    )*};
}
read_by_code!(Source, PageKind, SecretKind, Kind, SaveState, Theme);

impl Read for Candidate {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?.only(&["value", "source", "row"])?;
        Some(Candidate {
            value: fields.get("value")?,
            source: fields.get("source")?,
            row: fields.maybe("row")?,
        })
    }
}

impl Read for PageColors {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?.only(&[
            "mode",
            "lightTheme",
            "darkTheme",
            "systemDark",
        ])?;
        Some(PageColors {
            mode: fields.maybe("mode")?,
            light_theme: fields.maybe("lightTheme")?,
            dark_theme: fields.maybe("darkTheme")?,
            system_dark: fields.or_default("systemDark")?,
        })
    }
}

impl PageFacts {
    fn read_fields<T: Tree>(fields: Fields<T>) -> Option<Self> {
        let mut fields = fields.only(&[
            "url",
            "tokenElement",
            "candidates",
            "text",
            "leftUnsaved",
            "colors",
        ])?;
        Some(PageFacts {
            url: fields.get("url")?,
            token_element: fields.get("tokenElement")?,
            candidates: fields.or_default("candidates")?,
            text: fields.maybe("text")?,
            left_unsaved: fields.maybe("leftUnsaved")?,
            colors: fields.maybe("colors")?,
        })
    }
}

impl Read for PopupRequest {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        Some(match fields.tag()?.as_str() {
            "ping" => {
                fields.only(&[])?;
                PopupRequest::Ping {}
            }
            "check-shown-token" => PopupRequest::CheckShownToken {
                tab_id: fields.only(&["tabId"])?.get("tabId")?,
            },
            "page-status-request" => {
                let mut fields = fields.only(&["tabId", "url"])?;
                PopupRequest::PageStatusRequest {
                    tab_id: fields.get("tabId")?,
                    url: fields.get("url")?,
                }
            }
            "sync-hosts" => {
                fields.only(&[])?;
                PopupRequest::SyncHosts {}
            }
            _ => return None,
        })
    }
}

impl Read for ContentRequest {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        Some(match fields.tag()?.as_str() {
            "page-facts" => ContentRequest::PageFacts(PageFacts::read_fields(fields)?),
            "token-copied" => ContentRequest::TokenCopied {
                fingerprint: fields.only(&["fingerprint"])?.get("fingerprint")?,
            },
            "leak-candidates" => {
                let mut fields = fields.only(&["url", "candidates"])?;
                ContentRequest::LeakCandidates {
                    url: fields.get("url")?,
                    candidates: fields.get("candidates")?,
                }
            }
            _ => return None,
        })
    }
}

impl Read for BannerRequest {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        let tag = fields.tag()?;
        let unit = |fields: Fields<T>, request| fields.only(&[]).map(|_| request);
        match tag.as_str() {
            "token-acknowledged" => Some(BannerRequest::TokenAcknowledged {
                fingerprint: fields.only(&["fingerprint"])?.get("fingerprint")?,
            }),
            "check-shown-token" => unit(fields, BannerRequest::CheckShownToken {}),
            "banner-dismissed" => unit(fields, BannerRequest::BannerDismissed {}),
            "resize-banner" => Some(BannerRequest::ResizeBanner {
                height: fields.only(&["height"])?.get("height")?,
            }),
            "leak-decision" => Some(BannerRequest::LeakDecision {
                keep: fields.only(&["keep"])?.get("keep")?,
            }),
            "check-leak" => unit(fields, BannerRequest::CheckLeak {}),
            _ => None,
        }
    }
}

impl Read for TabReply {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        match fields.tag()?.as_str() {
            "ack" => fields.only(&[]).map(|_| TabReply::Ack {}),
            "shown-token" => Some(TabReply::ShownToken {
                value: fields.only(&["value"])?.get("value")?,
            }),
            _ => None,
        }
    }
}

impl Read for Refusal {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        match fields.tag()?.as_str() {
            "refused" => Some(Refusal::Refused {
                reason: fields.only(&["reason"])?.get("reason")?,
            }),
            _ => None,
        }
    }
}

/// `[[key, value], …]`, as serde writes a list of pairs.
impl<V: Read> Read for Recent<V> {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut entries = Vec::new();
        for item in value.items()? {
            let pair = item.items()?;
            let [key, value] = pair.as_slice() else {
                return None;
            };
            entries.push((String::read(key, strictness)?, V::read(value, strictness)?));
        }
        Some(Recent::from_entries(entries))
    }
}

impl Read for LeakFrame {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?.only(&["tabId", "fingerprint", "url"])?;
        Some(LeakFrame {
            tab_id: fields.get("tabId")?,
            fingerprint: fields.get("fingerprint")?,
            url: fields.get("url")?,
        })
    }
}

impl Read for TabStatus {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?.only(&[
            "url",
            "page",
            "kind",
            "secret",
            "fingerprint",
            "bannerKey",
            "expires",
            "theme",
            "sequence",
        ])?;
        Some(TabStatus {
            url: fields.get("url")?,
            page: fields.get("page")?,
            kind: fields.maybe("kind")?,
            secret: fields.maybe("secret")?,
            fingerprint: fields.maybe("fingerprint")?,
            banner_key: fields.maybe("bannerKey")?,
            expires: fields.maybe("expires")?,
            theme: fields.maybe("theme")?,
            sequence: fields.get("sequence")?,
        })
    }
}

/// Every field of the memory may be missing (then its default).
impl Read for Memory {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?
            .only(&["key", "saved", "tabs", "leaks", "kept", "sequence"])?;
        Some(Memory {
            key: fields.or_default("key")?,
            saved: fields.or_default("saved")?,
            tabs: fields.or_default("tabs")?,
            leaks: fields.or_default("leaks")?,
            kept: fields.or_default("kept")?,
            sequence: fields.or_default("sequence")?,
        })
    }
}

impl Read for HandedSecret {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        SecretString::read(value, strictness).map(HandedSecret)
    }
}

impl TokenToCheck {
    fn read_fields<T: Tree>(fields: Fields<T>) -> Option<Self> {
        let mut fields = fields.only(&["token", "host", "allHeaders"])?;
        Some(TokenToCheck {
            token: fields.get("token")?,
            host: fields.get("host")?,
            all_headers: fields.get("allHeaders")?,
        })
    }
}

impl Read for PopupReply {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        Some(match fields.tag()?.as_str() {
            "pong" => PopupReply::Pong {
                version: fields.only(&["version"])?.get("version")?,
            },
            "token-to-check" => PopupReply::TokenToCheck(TokenToCheck::read_fields(fields)?),
            "hosts-synced" => {
                fields.only(&[])?;
                PopupReply::HostsSynced {}
            }
            "page-status" => {
                let mut fields = fields.only(&["page", "state", "kind", "secret"])?;
                PopupReply::PageStatus {
                    page: fields.get("page")?,
                    state: fields.maybe("state")?,
                    kind: fields.maybe("kind")?,
                    secret: fields.maybe("secret")?,
                }
            }
            _ => return None,
        })
    }
}

impl Read for BannerReply {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?;
        match fields.tag()?.as_str() {
            "ack" => fields.only(&[]).map(|_| BannerReply::Ack {}),
            "token-to-check" => TokenToCheck::read_fields(fields).map(BannerReply::TokenToCheck),
            _ => None,
        }
    }
}

/// Every field may be missing (then its default); an old `apiBase` is passed over.
impl Read for Settings {
    fn read<T: Tree>(value: &T, strictness: Strictness) -> Option<Self> {
        let mut fields = Fields::of(value, strictness)?.only(&["requiredScopes"])?;
        Some(Settings {
            required_scopes: fields.or_default("requiredScopes")?,
        })
    }
}

/// The tests' and the fuzzer's trees, read as `serde_json` reads them: a number is an
/// integer only when JSON wrote it as one.
impl Tree for serde_json::Value {
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        let object = self.as_object()?;
        Some(
            object
                .iter()
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        )
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn whole(&self) -> Option<i64> {
        const LIMIT: u64 = 1 << 53;
        match (self.as_i64(), self.as_u64()) {
            (Some(number), _) if number.unsigned_abs() <= LIMIT => Some(number),
            _ => None,
        }
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_absent(&self) -> bool {
        self.is_null()
    }
}
