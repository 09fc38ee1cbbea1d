//! JSON text to a tree, for the few places that read JSON someone else wrote (GitHub's
//! answers, a pasted object that holds a token). They read a field or two of an object, so
//! the tree is read through `message::Tree` (as messages are) and [`members`]; nothing
//! converts it into another value.
//!
//! Natively (tests, fuzzing) serde_json's parser reads it into its `Value`. In the extension
//! the browser's own `JSON.parse` does, and the tree is the JavaScript value it made: a module
//! then carries no JSON parser and no JSON value type (serde_json's parser cost 20 KB of the
//! popup's and the background's gzipped wasm, its value type with its B-tree another 2).
//! Both read JSON as the standard says; where they differ is said here and tested end to end:
//! - `null` members are absent in the browser's reading (the readers give `None` for both);
//! - JavaScript has one kind of number: `5.0` is the whole number 5 there, and not natively
//!   (`Tree::whole`);
//! - serde_json refuses values nested deeper than 128 levels; the browser's parser reads them,
//!   and as only an object's own members are read, nothing of PAT Guard's walks them.

use zeroize::Zeroizing;

use crate::message::Tree;

/// The tree JSON text is read into (`serde_json::Value` natively).
#[cfg(not(target_arch = "wasm32"))]
pub type Json = serde_json::Value;

/// The tree JSON text is read into (what `JSON.parse` made, in the extension).
#[cfg(target_arch = "wasm32")]
pub type Json = wasm_bindgen::JsValue;

/// `text` as JSON, or `None` when it is not.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Option<Json> {
    serde_json::from_str(text).ok()
}

/// `text` as JSON, or `None` when it is not.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Option<Json> {
    crate::browser::parse_json(text)
}

/// An object's members that hold strings, in order, each string wiped when dropped; `None`
/// for anything but an object. The tree is consumed: natively its strings move out (and are
/// wiped with the returned copies); in the extension they are the browser's.
#[cfg(not(target_arch = "wasm32"))]
pub fn string_members(value: Json) -> Option<Vec<(String, Zeroizing<String>)>> {
    let serde_json::Value::Object(object) = value else {
        return None;
    };
    let strings = object.into_iter().filter_map(|(name, value)| match value {
        serde_json::Value::String(text) => Some((name, Zeroizing::new(text))),
        _ => None,
    });
    Some(strings.collect())
}

/// An object's members that hold strings, in order, each string wiped when dropped; `None`
/// for anything but an object. The tree is consumed: natively its strings move out (and are
/// wiped with the returned copies); in the extension they are the browser's.
#[cfg(target_arch = "wasm32")]
pub fn string_members(value: Json) -> Option<Vec<(String, Zeroizing<String>)>> {
    let entries = value.entries()?.into_iter();
    let strings = entries.filter_map(|(name, value)| Some((name, Zeroizing::new(value.string()?))));
    Some(strings.collect())
}

/// An object's own members, read once; `None` for anything but an object.
pub fn members(value: &Json) -> Option<Members> {
    value.entries().map(Members)
}

/// An object's own members, in order (see [`members`]).
#[derive(Default)]
pub struct Members(Vec<(String, Json)>);

impl Members {
    /// The member `name`, unless it is absent or `null`.
    pub fn get(&self, name: &str) -> Option<&Json> {
        let (_, member) = self.0.iter().find(|(key, _)| key == name)?;
        (!member.is_absent()).then_some(member)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(members: &Members, name: &str) -> Option<String> {
        members.get(name).and_then(|value| value.string())
    }

    #[test]
    fn reads_json_and_refuses_what_is_not() {
        let value = parse(r#"{"login": "octocat", "id": 1, "plan": {"name": "free"}}"#).unwrap();
        let fields = members(&value).unwrap();
        assert_eq!(string(&fields, "login").as_deref(), Some("octocat"));
        let plan = members(fields.get("plan").unwrap()).unwrap();
        assert_eq!(string(&plan, "name").as_deref(), Some("free"));
        assert_eq!(fields.get("id").and_then(|id| id.whole()), Some(1));
        for bad in ["", "{", "<html>", "{'a': 1}", "{\"a\": 1,}"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_member_is_an_objects_own_and_not_null() {
        let value = parse(r#"{"a": null, "b": "x", "constructor": 1}"#).unwrap();
        let fields = members(&value).unwrap();
        assert_eq!(fields.get("a"), None);
        assert_eq!(fields.get("c"), None);
        assert_eq!(fields.get("toString"), None);
        assert_eq!(fields.get("constructor").and_then(|c| c.whole()), Some(1));
        for not_an_object in [r#"["b"]"#, r#""b""#, "1", "null"] {
            assert!(
                members(&parse(not_an_object).unwrap()).is_none(),
                "{not_an_object}"
            );
        }
    }
}
