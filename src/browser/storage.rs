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
    let storage = super::get(&super::api()?, "storage")?;
    let local = super::get(&storage, "local")?;
    super::call_target(&local, "storage.local", method, args).await
}
