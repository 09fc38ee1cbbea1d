//! Writing JavaScript values: the [`Build`]er that `message::write` writes messages and
//! stored records with, by hand. Objects are made with `Object.fromEntries`, which defines
//! each key as data (a key named `__proto__` stays a key).
//!
//! serde-wasm-bindgen could do this, and so could a serde `Serializer` (this module was one):
//! both compile a writer per type through a general serializer into every module.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use crate::message::Build;

impl Build for JsValue {
    fn null() -> Self {
        JsValue::NULL
    }

    fn boolean(value: bool) -> Self {
        JsValue::from_bool(value)
    }

    fn integer(value: i64) -> Self {
        JsValue::from_f64(value as f64)
    }

    fn string(value: &str) -> Self {
        JsValue::from_str(value)
    }

    fn array(items: Vec<Self>) -> Self {
        items.into_iter().collect::<Array>().into()
    }

    fn object(entries: Vec<(&'static str, Self)>) -> Self {
        let pairs: Array = entries
            .into_iter()
            .map(|(key, value)| Array::of2(&JsValue::from_str(key), &value))
            .collect();
        // fromEntries fails only on entries that are not pairs, which these are.
        Object::from_entries(&pairs)
            .map(JsValue::from)
            .unwrap_or_else(|_| Object::new().into())
    }
}
