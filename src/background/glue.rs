//! Wires [`super::route`] to the browser: one incoming message in, one reply out.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use super::{route, Sender};
use crate::browser;
use crate::message::Message;

/// Reduce the browser's `MessageSender` to what routing needs.
fn sender_from_js(sender: &JsValue) -> Sender {
    let field = |key: &str| Reflect::get(sender, &JsValue::from_str(key)).ok();
    let own_id = browser::runtime_id();
    let sender_id = field("id").and_then(|id| id.as_string());
    let tab_id = field("tab")
        .and_then(|tab| Reflect::get(&tab, &"id".into()).ok())
        .and_then(|id| id.as_f64())
        .map(|id| id as i32);
    let frame_id = field("frameId")
        .and_then(|id| id.as_f64())
        .map(|id| id as i32);
    Sender {
        own_extension: own_id.is_some() && own_id == sender_id,
        tab_id,
        frame_id,
    }
}

/// Handle one message from `runtime.onMessage`; resolves to the reply.
pub async fn handle(message: JsValue, sender: JsValue) -> JsValue {
    let sender = sender_from_js(&sender);
    let message = match browser::from_js(message) {
        Ok(message) => message,
        Err(error) => return browser::to_js(&Message::refused(&error)),
    };
    let outcome = route(message, &sender);
    if let Some(tell) = outcome.tell {
        if let Err(error) = browser::tell_tab(tell.tab_id, &tell.message).await {
            web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
        }
    }
    browser::to_js(&outcome.reply)
}
