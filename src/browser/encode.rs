//! Writing a Rust value (a message, a stored record) as a plain JavaScript value with serde:
//! what `JSON.parse` would make of the value's JSON. `browser::decode` reads it back.
//!
//! Written here rather than taken from serde-wasm-bindgen for the same reason as the reader:
//! nothing ever shows why a value could not be written, so the error says nothing and costs
//! nothing, and the module carries one small writer instead of a general one.
//!
//! `None` and `()` are `null`; numbers are numbers (every integer PAT Guard writes fits in
//! 2^53); a unit variant is its name, any other variant an object with one key, its name;
//! objects are made with `Object.fromEntries`, which defines each key as data (a key named
//! `__proto__` stays a key).

use std::fmt;

use js_sys::{Array, Object};
use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript value, or `None` if it cannot be one (a map whose keys are
/// not strings).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value.serialize(Writer).ok()
}

/// Why a value could not be written: never said.
#[derive(Debug)]
pub struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unwritable")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_why: T) -> Self {
        Unwritable
    }
}

type Written = Result<JsValue, Unwritable>;

struct Writer;

/// `{name: value}`: how a variant with content is written.
fn tagged(name: &str, value: JsValue) -> Written {
    let entries = Array::of1(&Array::of2(&JsValue::from_str(name), &value));
    Object::from_entries(&entries)
        .map(JsValue::from)
        .map_err(|_| Unwritable)
}

/// `serialize_i8` … `serialize_f32`: each writes its value as a number.
macro_rules! as_number {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, value: $type) -> Written {
            self.serialize_f64(value as f64)
        }
    )*};
}

impl ser::Serializer for Writer {
    type Ok = JsValue;
    type Error = Unwritable;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Fields;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Fields;

    fn serialize_bool(self, value: bool) -> Written {
        Ok(JsValue::from_bool(value))
    }

    // Every number is a JavaScript number (PAT Guard's integers fit in 2^53).
    as_number!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32
    );

    fn serialize_f64(self, value: f64) -> Written {
        Ok(JsValue::from_f64(value))
    }

    fn serialize_char(self, value: char) -> Written {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Written {
        Ok(JsValue::from_str(value))
    }

    fn serialize_bytes(self, value: &[u8]) -> Written {
        let items = Array::new();
        for byte in value {
            items.push(&JsValue::from_f64((*byte).into()));
        }
        Ok(items.into())
    }

    fn serialize_none(self) -> Written {
        Ok(JsValue::NULL)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Written {
        Ok(JsValue::NULL)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Written {
        Ok(JsValue::NULL)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Written {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Written {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Written {
        tagged(variant, value.serialize(self)?)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Items, Unwritable> {
        Ok(Items {
            items: Array::new(),
            variant: None,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Items, Unwritable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Items, Unwritable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Items, Unwritable> {
        Ok(Items {
            items: Array::new(),
            variant: Some(variant),
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Fields, Unwritable> {
        Ok(Fields {
            entries: Array::new(),
            key: None,
            variant: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Fields, Unwritable> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Fields, Unwritable> {
        Ok(Fields {
            entries: Array::new(),
            key: None,
            variant: Some(variant),
        })
    }
}

/// An array being written (of a sequence, a tuple or a tuple variant).
struct Items {
    items: Array,
    variant: Option<&'static str>,
}

impl Items {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.items.push(&value.serialize(Writer)?);
        Ok(())
    }

    fn finish(self) -> Written {
        match self.variant {
            Some(variant) => tagged(variant, self.items.into()),
            None => Ok(self.items.into()),
        }
    }
}

/// The four array-writing traits do the same: push each item, then finish.
macro_rules! writes_items {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Items {
            type Ok = JsValue;
            type Error = Unwritable;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
                self.push(value)
            }

            fn end(self) -> Written {
                self.finish()
            }
        }
    )*};
}

writes_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// An object being written (of a map, a struct or a struct variant), as its entries.
struct Fields {
    entries: Array,
    /// A map's key, waiting for its value.
    key: Option<JsValue>,
    variant: Option<&'static str>,
}

impl Fields {
    fn entry(&mut self, key: JsValue, value: JsValue) {
        self.entries.push(&Array::of2(&key, &value));
    }

    fn finish(self) -> Written {
        let object = Object::from_entries(&self.entries).map_err(|_| Unwritable)?;
        match self.variant {
            Some(variant) => tagged(variant, object.into()),
            None => Ok(object.into()),
        }
    }
}

impl ser::SerializeMap for Fields {
    type Ok = JsValue;
    type Error = Unwritable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        let key = key.serialize(Writer)?;
        if !key.is_string() {
            return Err(Unwritable);
        }
        self.key = Some(key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let key = self.key.take().ok_or(Unwritable)?;
        let value = value.serialize(Writer)?;
        self.entry(key, value);
        Ok(())
    }

    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        let value = value.serialize(Writer)?;
        self.entry(JsValue::from_str(name), value);
        Ok(())
    }

    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Fields {
    type Ok = JsValue;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        ser::SerializeStruct::serialize_field(self, name, value)
    }

    fn end(self) -> Written {
        self.finish()
    }
}
