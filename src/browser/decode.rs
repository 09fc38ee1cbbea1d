//! Reading a JavaScript value (a message, a stored record) into a Rust type with serde.
//!
//! serde-wasm-bindgen can do this too, but its errors carry serde's description of what was
//! wrong, and the code that writes such descriptions (among them the formatting of floating
//! point numbers) is linked into every module that decodes: 10 KB of the reminder's module,
//! gzipped. Nothing here ever shows why a value did not decode (a message is just malformed,
//! a stored record just absent), so this reader's one error says nothing, and costs nothing.
//!
//! The value is read as JSON would be: `null` and `undefined` are absent, numbers are integers
//! when they are whole and exactly representable, objects are read by their own enumerable
//! string keys, in order. A value nested deeper than [`MAX_DEPTH`] is refused rather than
//! walked: a reader that recursed without bound could be made to run out of stack.
//!
//! A message ([`from_message`]) must also hold no field, at any depth, that its type does not
//! have: what another context sends is exactly one of the shapes PAT Guard writes. A stored
//! record ([`from_value`]) may hold fields this version does not know.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use wasm_bindgen::JsValue;

use super::{as_array, as_object, pair};

/// Deeper than any message or record PAT Guard writes.
const MAX_DEPTH: usize = 16;

/// `value` as a `T`, or `None` when it has another shape.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    T::deserialize(Reader {
        value,
        depth: 0,
        strict: false,
    })
    .ok()
}

/// A message as a `T`, or `None` when it has another shape or a field `T` does not have.
pub fn from_message<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    T::deserialize(Reader {
        value,
        depth: 0,
        strict: true,
    })
    .ok()
}

/// Why a value did not decode: never said (see the module's comment).
#[derive(Debug)]
pub struct Malformed;

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed")
    }
}

impl std::error::Error for Malformed {}

impl de::Error for Malformed {
    fn custom<T: fmt::Display>(_why: T) -> Self {
        Malformed
    }
}

struct Reader {
    value: JsValue,
    depth: usize,
    /// Refuse fields a struct does not have.
    strict: bool,
}

impl Reader {
    /// A value inside this one.
    fn inner(&self, value: JsValue) -> Result<Reader, Malformed> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(Malformed);
        }
        Ok(Reader {
            value,
            depth,
            strict: self.strict,
        })
    }

    /// The object's entries, for a struct with these `fields` (`None`: a map, any keys).
    fn entries<'de, V: Visitor<'de>>(
        self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        visitor.visit_map(Entries {
            entries: self.object_entries()?,
            reader: &self,
            next: 0,
            value: None,
            fields: fields.filter(|_| self.strict),
        })
    }

    // The reading itself is kept out of the generic methods, each of which is compiled once
    // per type read: only the call into the type's visitor is compiled that often.

    #[inline(never)]
    fn object_entries(&self) -> Result<Array, Malformed> {
        Ok(Object::entries(as_object(&self.value).ok_or(Malformed)?))
    }

    /// An enum's value: a unit variant's name, or a variant with content.
    #[inline(never)]
    fn variant(&self) -> Result<Result<String, Variant>, Malformed> {
        if let Some(name) = self.value.as_string() {
            return Ok(Ok(name));
        }
        let entries = self.object_entries()?;
        if entries.length() != 1 {
            return Err(Malformed);
        }
        let [name, content] = pair(&entries.get(0)).ok_or(Malformed)?;
        Ok(Err(Variant {
            name: name.as_string().ok_or(Malformed)?,
            content: self.inner(content)?,
        }))
    }

    fn is_absent(&self) -> bool {
        self.value.is_null() || self.value.is_undefined()
    }
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = Malformed;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        if self.is_absent() {
            visitor.visit_unit()
        } else if let Some(flag) = self.value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = self.value.as_f64() {
            // Whole numbers within 2^53 are exact in JavaScript: read them as integers, which
            // is what an integer field accepts.
            if number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_992.0 {
                if number >= 0.0 {
                    visitor.visit_u64(number as u64)
                } else {
                    visitor.visit_i64(number as i64)
                }
            } else {
                visitor.visit_f64(number)
            }
        } else if let Some(text) = self.value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&self.value) {
            self.deserialize_seq(visitor)
        } else {
            self.deserialize_map(visitor)
        }
    }

    // A type that says what it expects is given only that: each of its visitor's other
    // methods would be code in the module, never run.

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        visitor.visit_string(self.value.as_string().ok_or(Malformed)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        self.deserialize_string(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        let items = as_array(&self.value).ok_or(Malformed)?.clone();
        visitor.visit_seq(Items {
            reader: &self,
            items,
            next: 0,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        self.entries(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        self.entries(Some(fields), visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        if self.is_absent() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is its name, `"classic"`; any other is an object with one key, the
    /// variant's name, holding its content: `{"ping": {}}`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        match self.variant()? {
            Ok(name) => visitor.visit_enum(name.into_deserializer()),
            Err(variant) => visitor.visit_enum(variant),
        }
    }

    /// What a type does not read is not looked at, however deep it goes.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct tuple tuple_struct
    }
}

/// An array's items, in order.
struct Items<'a> {
    reader: &'a Reader,
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Malformed;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Malformed> {
        match self.next_item()? {
            Some(item) => seed.deserialize(item).map(Some),
            None => Ok(None),
        }
    }
}

impl Items<'_> {
    #[inline(never)]
    fn next_item(&mut self) -> Result<Option<Reader>, Malformed> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        self.reader.inner(item).map(Some)
    }
}

/// An object's entries, in order; those holding `null` or `undefined` are absent, as if the
/// object were JSON written without them.
struct Entries<'a> {
    reader: &'a Reader,
    entries: Array,
    next: u32,
    value: Option<JsValue>,
    /// The only keys allowed, when reading a message's struct.
    fields: Option<&'static [&'static str]>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Malformed;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Malformed> {
        match self.next_key()? {
            Some(key) => seed.deserialize(key).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Malformed> {
        seed.deserialize(self.take_value()?)
    }
}

impl Entries<'_> {
    /// The next present entry's key; its value is kept for [`Self::take_value`].
    #[inline(never)]
    fn next_key(&mut self) -> Result<Option<Reader>, Malformed> {
        while self.next < self.entries.length() {
            let [key, value] = pair(&self.entries.get(self.next)).ok_or(Malformed)?;
            self.next += 1;
            if value.is_null() || value.is_undefined() {
                continue;
            }
            if let Some(fields) = self.fields {
                let known = key
                    .as_string()
                    .is_some_and(|key| fields.contains(&key.as_str()));
                if !known {
                    return Err(Malformed);
                }
            }
            self.value = Some(value);
            return self.reader.inner(key).map(Some);
        }
        Ok(None)
    }

    #[inline(never)]
    fn take_value(&mut self) -> Result<Reader, Malformed> {
        let value = self.value.take().ok_or(Malformed)?;
        self.reader.inner(value)
    }
}

/// A variant's name and what it holds.
struct Variant {
    name: String,
    content: Reader,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Malformed;
    type Variant = Reader;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Reader), Malformed> {
        let name = seed.deserialize(de::value::StringDeserializer::<Malformed>::new(self.name))?;
        Ok((name, self.content))
    }
}

impl<'de> VariantAccess<'de> for Reader {
    type Error = Malformed;

    fn unit_variant(self) -> Result<(), Malformed> {
        if self.is_absent() {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Malformed> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        self.entries(Some(fields), visitor)
    }
}

/// The tree `message::read` reads by hand: the same values as [`Reader`] sees them.
impl crate::message::Tree for JsValue {
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
        let number = self.as_f64()?;
        (number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_992.0).then_some(number as i64)
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_absent(&self) -> bool {
        self.is_null() || self.is_undefined()
    }
}
