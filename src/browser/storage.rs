//! Settings in `storage.local`. Only [`Settings`] are ever written: never a token.

use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::BrowserError;
use crate::github::Settings;

const KEY: &str = "settings";

pub async fn load_settings() -> Settings {
    let Ok(stored) = call_storage("get", &[JsValue::from_str(KEY)]).await else {
        return Settings::default();
    };
    Reflect::get(&stored, &KEY.into())
        .ok()
        .and_then(|value| serde_wasm_bindgen::from_value::<Settings>(value).ok())
        .unwrap_or_default()
        .sanitized()
}

pub async fn save_settings(settings: &Settings) -> Result<(), BrowserError> {
    let value = settings
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| BrowserError("could not prepare the settings".into()))?;
    let items = Object::new();
    Reflect::set(&items, &KEY.into(), &value)
        .map_err(|_| BrowserError("could not prepare the settings".into()))?;
    call_storage("set", &[items.into()]).await.map(drop)
}

async fn call_storage(method: &str, args: &[JsValue]) -> Result<JsValue, BrowserError> {
    call_area("local", method, args).await
}

async fn call_area(area: &str, method: &str, args: &[JsValue]) -> Result<JsValue, BrowserError> {
    let storage = super::get(&super::api()?, "storage")?;
    let target = super::get(&storage, area)?;
    super::call_target(&target, area, method, args).await
}

/// Read a value from `storage.session` (memory only, this browser session, not shared with
/// content scripts).
pub async fn load_session<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let stored = call_area("session", "get", &[JsValue::from_str(key)])
        .await
        .ok()?;
    let value = Reflect::get(&stored, &key.into()).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

pub async fn save_session<T: Serialize>(key: &str, value: &T) -> Result<(), BrowserError> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| BrowserError("could not prepare the session memory".into()))?;
    let items = Object::new();
    Reflect::set(&items, &key.into(), &value)
        .map_err(|_| BrowserError("could not prepare the session memory".into()))?;
    call_area("session", "set", &[items.into()]).await.map(drop)
}
