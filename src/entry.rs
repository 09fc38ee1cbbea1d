//! The wasm modules' exports: one start function per context, each only in the module built
//! for that context (Cargo features `background`, `popup`, `banner`). The JS loaders in
//! `extension/` call exactly these and nothing else.

#[cfg(feature = "background")]
use js_sys::Promise;
use wasm_bindgen::prelude::*;
#[cfg(feature = "background")]
use wasm_bindgen_futures::future_to_promise;

#[cfg(feature = "background")]
use crate::background;
#[cfg(feature = "ui")]
use crate::ui;

/// Background: answer one `runtime.onMessage` message. The loader registers the listener
/// synchronously (a service worker must) and hands each message here.
#[cfg(feature = "background")]
#[wasm_bindgen]
pub fn background_handle(message: JsValue, sender: JsValue) -> Promise {
    future_to_promise(async move { Ok(background::plans::handle(message, sender).await) })
}

/// Background: watch exactly the usable GitHub Enterprise hosts. The loader calls it at
/// start and whenever permissions or the host lists change.
#[cfg(feature = "background")]
#[wasm_bindgen]
pub fn background_sync_hosts() -> Promise {
    future_to_promise(async move {
        background::plans::sync_hosts().await;
        Ok(JsValue::UNDEFINED)
    })
}

/// Popup: render into `#app` of `popup.html`.
#[cfg(feature = "popup")]
#[wasm_bindgen]
pub fn start_popup() {
    ui::mount::<ui::popup::Popup>();
}

/// In-page banner: render into `#app` of `banner.html`.
#[cfg(feature = "banner")]
#[wasm_bindgen]
pub fn start_banner() {
    ui::banner::start();
}

/// The wasm module's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
