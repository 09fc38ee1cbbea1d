//! Extension storage. `storage.local` keeps [`Settings`] and the user's Enterprise hosts
//! (never a token; `storage.managed`, the administrator's, is read by `hosts`); `storage.session`
//! keeps the background's [`crate::background::memory::Memory`] (memory only, this browser
//! session, out of content scripts' reach).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::BrowserError;
use crate::github::Settings;
use crate::message::{read_record, Read, Write};

const SETTINGS: &str = "settings";

pub async fn load_settings() -> Settings {
    load::<Settings>("local", SETTINGS)
        .await
        .unwrap_or_default()
        .sanitized()
}

pub async fn save_settings(settings: &Settings) -> Result<(), BrowserError> {
    save("local", SETTINGS, settings).await
}

pub async fn save_session<T: Write>(key: &str, value: &T) -> Result<(), BrowserError> {
    save("session", key, value).await
}

/// What `storage.session` holds under `key`, as it is, for its one reader (the background's
/// memory) to read by hand: `load` would compile one more async wrapper into the background,
/// 126 bytes of a module held to 60,000.
pub async fn load_session_value(key: &str) -> Option<JsValue> {
    load_value("session", key).await
}

/// What `area` holds under `key`, read by hand (`message::read`) as a stored record.
pub(super) async fn load<T: Read>(area: &str, key: &str) -> Option<T> {
    read_record(&load_value(area, key).await?)
}

async fn load_value(area: &str, key: &str) -> Option<JsValue> {
    let stored = call(area, "get", &[JsValue::from_str(key)]).await.ok()?;
    Reflect::get(&stored, &key.into()).ok()
}

/// Store `value` under `key` in `area`, written by hand (`message::write`).
pub(super) async fn save<T: Write + ?Sized>(
    area: &str,
    key: &str,
    value: &T,
) -> Result<(), BrowserError> {
    let items = Object::new();
    Reflect::set(&items, &key.into(), &value.write())
        .map_err(|_| BrowserError(format!("could not prepare `{key}` for storage")))?;
    call(area, "set", &[items.into()]).await.map(drop)
}

async fn call(area: &str, method: &str, args: &[JsValue]) -> Result<JsValue, BrowserError> {
    let storage = super::get(&super::api()?, "storage")?;
    let target = super::get(&storage, area)?;
    super::call_target(&target, area, method, args).await
}
