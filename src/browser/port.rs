//! Requests that can be cancelled across contexts: the popup asks the background over a port
//! of its own (`runtime.connect`), so that when the user cancels, or closes the popup, the
//! port closes and the background aborts its side of the work (the request to GitHub) too.
//! A `runtime.sendMessage` cannot be withdrawn.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::http::Cancel;
use super::{answer, api, function, get, to_js, AskError, BrowserError};
use crate::message::Request;

/// The name of the ports the popup opens to ask the background.
pub const ASK_PORT: &str = "ask";

/// `port.<event>.addListener(listener)`.
pub fn listen(port: &JsValue, event: &str, listener: &Function) -> Result<(), BrowserError> {
    let target = get(port, event)?;
    function(&target, event, "addListener")?
        .call1(&target, listener)
        .map(|_| ())
        .map_err(|_| BrowserError(format!("could not listen to `{event}`")))
}

/// `port.postMessage(message)`; a port the other side closed throws, which is no error here.
pub fn post(port: &JsValue, message: &JsValue) {
    if let Ok(post) = function(port, "port", "postMessage") {
        let _ = post.call1(port, message);
    }
}

pub fn disconnect(port: &JsValue) {
    if let Ok(disconnect) = function(port, "port", "disconnect") {
        let _ = disconnect.call0(port);
    }
}

/// Ask the background over a port of its own, and take from its reply what this request
/// expects. `cancel` closes the port (the background then aborts), as closing the popup does.
pub async fn ask<R: Request, T>(
    request: &R,
    cancel: &Cancel,
    pick: impl FnOnce(R::Reply) -> Option<T>,
) -> Result<T, AskError> {
    let runtime = get(&api().map_err(AskError::Browser)?, "runtime").map_err(AskError::Browser)?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"name".into(), &ASK_PORT.into());
    let port = function(&runtime, "runtime", "connect")
        .and_then(|connect| {
            connect
                .call1(&runtime, &options)
                .map_err(|_| BrowserError("runtime.connect failed".into()))
        })
        .map_err(AskError::Browser)?;
    let mut listening = Ok(());
    let reply = Promise::new(&mut |resolve, reject| {
        listening = listen(&port, "onMessage", &resolve)
            .and_then(|()| listen(&port, "onDisconnect", &reject));
        let port = port.clone();
        cancel.on_cancel(move || {
            disconnect(&port);
            let _ = reject.call0(&JsValue::NULL);
        });
    });
    listening.map_err(AskError::Browser)?;
    post(&port, &to_js(request));
    let reply = JsFuture::from(reply).await;
    disconnect(&port);
    let reply = reply.map_err(|_| {
        AskError::Browser(BrowserError(
            "the request was cancelled, or the background went away".into(),
        ))
    })?;
    pick(answer(reply)?).ok_or(AskError::Unexpected)
}
