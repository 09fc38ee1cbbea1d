//! What every channel shares: how a message is checked beyond its shape, which reply type a
//! request expects, and the refusal that may answer any request.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::page::fits_utf16;

/// The longest free text (a version, a refusal's reason) a message may carry.
pub const MAX_REASON_LEN: usize = 512;

/// The longest fingerprint a message may carry (32 hex characters are made).
pub const MAX_FINGERPRINT_LEN: usize = 64;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// Not one of the shapes this channel takes. What was wrong is not kept: the decoder's
    /// own words quote the input (an unknown `type` could be a token).
    Malformed,
    /// A field is longer than the protocol allows.
    TooLong { field: &'static str, max: usize },
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Malformed => {
                write!(
                    f,
                    "malformed message: not one of PAT Guard's message shapes"
                )
            }
            ProtocolError::TooLong { field, max } => {
                write!(f, "message field `{field}` is longer than {max} characters")
            }
        }
    }
}

impl std::error::Error for ProtocolError {}

/// Declare a message enum with the one wire shape every channel uses: a JSON object tagged by
/// `type` (the variant's name in kebab-case), fields in camelCase, unknown fields refused.
/// Every variant has named fields (`Ping {}`) or wraps one struct (`PageFacts(PageFacts)`).
///
/// serde itself sees the enum externally tagged, `{"ping": {}}`: its internally tagged form
/// buffers every message into a generic tree and replays it, which cost 10 to 18 KB (gzipped)
/// of each wasm module. The tag is moved between the two shapes at the edge, by
/// [`to_wire`]/[`from_wire`] here (natively: tests, fuzzing) and by `browser::to_js` (in the
/// extension), which follow the same rule. The extension reads messages by hand, in their
/// wire form (`message::read`), held to [`from_wire`] by the tests and the fuzzer.
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(
            rename_all = "kebab-case",
            rename_all_fields = "camelCase",
            deny_unknown_fields
        )]
        pub enum $name { $($body)* }
    };
}
pub(crate) use wire_enum;

/// The wire form of a message: `{"type": "<variant>", …fields}`.
pub fn to_wire<T: Wire>(message: &T) -> Option<serde_json::Value> {
    let serde_json::Value::Object(outer) = serde_json::to_value(message).ok()? else {
        return None;
    };
    let mut entries = outer.into_iter();
    let (Some((tag, serde_json::Value::Object(fields))), None) = (entries.next(), entries.next())
    else {
        return None;
    };
    let mut wire = serde_json::Map::new();
    wire.insert(TAG.into(), tag.into());
    wire.extend(fields);
    Some(wire.into())
}

/// A message from its wire form, validated; anything but an object with a string `type`
/// is malformed.
pub fn from_wire<T: Wire>(value: serde_json::Value) -> Result<T, ProtocolError> {
    let serde_json::Value::Object(mut fields) = value else {
        return Err(ProtocolError::Malformed);
    };
    let Some(serde_json::Value::String(tag)) = fields.remove(TAG) else {
        return Err(ProtocolError::Malformed);
    };
    let mut outer = serde_json::Map::new();
    outer.insert(tag, fields.into());
    let message: T = serde_json::from_value(outer.into()).map_err(|_| ProtocolError::Malformed)?;
    message.validate()?;
    Ok(message)
}

/// The field that names a message's variant on the wire.
pub const TAG: &str = "type";

/// A message as it crosses between contexts: a JSON object tagged by `type`, checked after
/// decoding for the limits serde's shape check does not cover.
pub trait Wire: Serialize + DeserializeOwned {
    fn validate(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// A request, and the reply its channel answers with (or a [`Refusal`]).
pub trait Request: Wire {
    type Reply: Wire;
}

/// A free-text field must fit `max` UTF-16 code units, as the JavaScript side counts and cuts.
pub(crate) fn limit(field: &'static str, value: &str, max: usize) -> Result<(), ProtocolError> {
    if fits_utf16(value, max) {
        Ok(())
    } else {
        Err(ProtocolError::TooLong { field, max })
    }
}

wire_enum! {
    /// The answer to any request that was not accepted: `{"type":"refused","reason":…}`,
    /// where the reason is safe to show and never quotes what was sent.
    pub enum Refusal {
        Refused { reason: String },
    }
}

impl Refusal {
    pub fn new(reason: impl Into<String>) -> Self {
        Refusal::Refused {
            reason: reason.into(),
        }
    }

    pub fn reason(&self) -> &str {
        let Refusal::Refused { reason } = self;
        reason
    }
}

impl From<&ProtocolError> for Refusal {
    fn from(error: &ProtocolError) -> Self {
        Refusal::new(error.to_string())
    }
}

impl Wire for Refusal {
    fn validate(&self) -> Result<(), ProtocolError> {
        limit("reason", self.reason(), MAX_REASON_LEN)
    }
}

wire_enum! {
    /// An acknowledgement with nothing to report: `{"type":"ack"}`.
    pub enum Ack {
        Ack {},
    }
}

impl Wire for Ack {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[test]
    fn a_refusal_never_quotes_the_message() {
        #[derive(Debug, Deserialize)]
        #[serde(tag = "type")]
        enum Any {
            #[serde(rename = "ping")]
            Ping {},
        }
        let token_as_type = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
        let decoded: Result<Any, _> = serde_json::from_value(json!({ "type": token_as_type }));
        assert!(
            decoded.unwrap_err().to_string().contains(token_as_type),
            "serde quotes it"
        );
        assert_eq!(
            Refusal::from(&ProtocolError::Malformed).reason(),
            "malformed message: not one of PAT Guard's message shapes"
        );
    }

    #[test]
    fn refusals_and_acknowledgements_have_one_wire_shape() {
        assert_eq!(
            to_wire(&Refusal::new("no")).unwrap(),
            json!({"type": "refused", "reason": "no"})
        );
        assert_eq!(to_wire(&Ack::Ack {}).unwrap(), json!({"type": "ack"}));
        assert_eq!(
            from_wire::<Refusal>(json!({"reason": "no", "type": "refused"})),
            Ok(Refusal::new("no"))
        );
        let long = Refusal::new("x".repeat(MAX_REASON_LEN + 1));
        assert!(long.validate().is_err());
    }
}
