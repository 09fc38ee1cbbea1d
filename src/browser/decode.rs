//! Reading JavaScript values: as the [`Tree`] that `message::read` reads messages and stored
//! records from, and as a `serde_json::Value` (GitHub's answers, which the browser's
//! `JSON.parse` has read).
//!
//! Values are read as JSON would be: `null` and `undefined` are absent, numbers are integers
//! when they are whole and exactly representable, objects are read by their own enumerable
//! string keys, in order. Firefox hands a message from another context over as objects of
//! another compartment, which fail `instanceof Object`: `as_object` and `as_array` ask the
//! value itself.
//!
//! serde-wasm-bindgen could do this, and so could a serde `Deserializer` (this module was
//! one): both compile a reader per type read, and the errors serde describes, into every
//! module. Nothing here ever shows why a value did not read, so nothing says.

use js_sys::Object;
use serde_json::{Map, Number, Value};
use wasm_bindgen::JsValue;

use super::{as_array, as_object, pair};
use crate::message::Tree;

/// Deeper than any answer of GitHub's that PAT Guard reads (they nest 4 levels): a value
/// nested deeper is refused rather than walked, so no answer can exhaust the stack.
const MAX_DEPTH: usize = 16;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// `value` as JSON: what `JSON.parse` made, back as serde_json's value (see `crate::json`
/// for where the two readings differ). `None` when it is nested too deep or holds something
/// JSON does not (a function, a symbol, a number that is not finite).
pub fn to_json(value: &JsValue) -> Option<Value> {
    json_at(value, 0)
}

fn json_at(value: &JsValue, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(if value.is_null() || value.is_undefined() {
        Value::Null
    } else if let Some(flag) = value.as_bool() {
        Value::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        Value::Number(json_number(number)?)
    } else if let Some(text) = value.as_string() {
        Value::String(text)
    } else if let Some(items) = as_array(value) {
        let mut array = Vec::with_capacity(items.length() as usize);
        for item in items.iter() {
            array.push(json_at(&item, depth + 1)?);
        }
        Value::Array(array)
    } else {
        let mut object = Map::new();
        for (key, item) in value.entries()? {
            object.insert(key, json_at(&item, depth + 1)?);
        }
        Value::Object(object)
    })
}

/// Whole numbers within 2^53 are integers, as JSON's integers are read.
fn json_number(number: f64) -> Option<Number> {
    match whole(number) {
        Some(integer) => Some(Number::from(integer)),
        None => Number::from_f64(number),
    }
}

/// `number` as an integer when it is whole and exactly representable (within 2^53).
fn whole(number: f64) -> Option<i64> {
    (number.fract() == 0.0 && number.abs() <= MAX_SAFE).then_some(number as i64)
}

/// The tree `message::read` reads by hand.
impl Tree for JsValue {
    fn entries(&self) -> Option<Vec<(String, JsValue)>> {
        let mut entries = Vec::new();
        for entry in Object::entries(as_object(self)?).iter() {
            let [key, value] = pair(&entry)?;
            if !(value.is_null() || value.is_undefined()) {
                entries.push((key.as_string()?, value));
            }
        }
        Some(entries)
    }

    fn items(&self) -> Option<Vec<JsValue>> {
        Some(as_array(self)?.iter().collect())
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn whole(&self) -> Option<i64> {
        whole(self.as_f64()?)
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_absent(&self) -> bool {
        self.is_null() || self.is_undefined()
    }
}
