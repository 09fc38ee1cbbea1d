//! The wasm module's exports: one start function per context. The JS loaders in
//! `extension/` call exactly these and nothing else.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::{background, ui};

/// Background: answer one `runtime.onMessage` message. The loader registers the listener
/// synchronously (a service worker must) and hands each message here.
#[wasm_bindgen]
pub fn background_handle(message: JsValue, sender: JsValue) -> Promise {
    future_to_promise(async move { Ok(background::plans::handle(message, sender).await) })
}

/// Background: serve one request that arrives over a port the popup opened (`runtime.onConnect`);
/// `early` holds its messages that came before the wasm was ready.
#[wasm_bindgen]
pub fn background_connect(port: JsValue, early: js_sys::Array) {
    background::plans::connect(port, early);
}

/// Popup: render into `#app` of `popup.html`.
#[wasm_bindgen]
pub fn start_popup() {
    ui::mount::<ui::popup::Popup>();
}

/// In-page banner: render into `#app` of `banner.html`.
#[wasm_bindgen]
pub fn start_banner() {
    ui::mount::<ui::banner::Banner>();
}

/// The wasm module's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
