//! JSON text to a value, for the few places that read JSON someone else wrote (GitHub's
//! answers, a pasted object that holds a token).
//!
//! Natively (tests, fuzzing) serde_json's parser reads it. In the extension the browser's own
//! `JSON.parse` does, and `browser::decode` turns its result into the same value: a module then
//! carries no JSON parser, and none of the error descriptions serde_json's parser writes,
//! which cost 20 KB of the popup's and the background's gzipped wasm. Both read JSON as
//! the standard says; where they differ is said here and tested end to end:
//! - `null` members are absent in the browser's reading (`get` gives `None` for both);
//! - the browser's reading refuses values nested deeper than 16 levels (GitHub's answers
//!   nest 4), serde_json's deeper than 128.

use serde_json::Value;

/// `text` as JSON, or `None` when it is not.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

/// `text` as JSON, or `None` when it is not.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Option<Value> {
    crate::browser::parse_json(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_and_refuses_what_is_not() {
        let value = parse(r#"{"login": "octocat", "id": 1, "plan": {"name": "free"}}"#).unwrap();
        assert_eq!(value["login"], "octocat");
        assert_eq!(value["plan"]["name"], "free");
        for bad in ["", "{", "<html>", "{'a': 1}", "{\"a\": 1,}"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
