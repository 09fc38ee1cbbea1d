//! Reading JavaScript values as the [`Tree`] that `message::read` reads messages and stored
//! records from, and `crate::json` GitHub's answers (which the browser's `JSON.parse` read).
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
use wasm_bindgen::JsValue;

use super::{as_array, as_object, pair};
use crate::message::Tree;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

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
