//! The only module that touches the WebExtension API (`browser.*` in Firefox, `chrome.*` in
//! Chromium). Written against `globalThis`, never `window`, so it works in the background
//! service worker too.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

mod decode;
mod encode;
pub mod github;
pub mod hosts;
pub mod http;
pub mod storage;

use crate::message::{
    read_wire, ProtocolError, Read, Refusal, Request, TabCommand, TabReply, Wire, Write,
};

/// A failure of the browser API, with a message safe to show (it never contains a token:
/// no message PAT Guard sends carries one into an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserError(pub String);

impl std::fmt::Display for BrowserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ProtocolError> for BrowserError {
    fn from(error: ProtocolError) -> Self {
        BrowserError(error.to_string())
    }
}

/// `browser` where it exists (Firefox, promise-based), else `chrome` (Chromium MV3 returns
/// promises too).
fn api() -> Result<JsValue, BrowserError> {
    let global = js_sys::global();
    for name in ["browser", "chrome"] {
        if let Ok(value) = Reflect::get(&global, &JsValue::from_str(name)) {
            if value.is_object() {
                return Ok(value);
            }
        }
    }
    Err(BrowserError(
        "the WebExtension API is not available here".into(),
    ))
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, BrowserError> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
        .ok_or_else(|| BrowserError(format!("the browser has no `{key}`")))
}

/// `target[name]` as a function; `label` names the target in the error.
fn function(target: &JsValue, label: &str, name: &str) -> Result<Function, BrowserError> {
    get(target, name)?
        .dyn_into()
        .map_err(|_| BrowserError(format!("`{label}.{name}` is not a function")))
}

/// Call `api.<namespace>.<method>(...args)` and await its promise.
async fn call(namespace: &str, method: &str, args: &[JsValue]) -> Result<JsValue, BrowserError> {
    let target = get(&api()?, namespace)?;
    call_target(&target, namespace, method, args).await
}

/// Call `target.<method>(...args)` and await its promise (or its value); `label` names the
/// target in errors.
pub(crate) async fn call_target(
    target: &JsValue,
    label: &str,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, BrowserError> {
    let args: Array = args.iter().collect();
    let returned = function(target, label, method)?
        .apply(target, &args)
        .map_err(|error| BrowserError(describe(&error, label, method)))?;
    // Adopt the API's promise into one of this page's own: in Firefox the API's promise
    // belongs to a privileged compartment, and awaiting it directly from wasm loses the value.
    JsFuture::from(Promise::resolve(&returned))
        .await
        .map_err(|error| BrowserError(describe(&error, label, method)))
}

/// A short, token-free description of a rejected browser call.
fn describe(error: &JsValue, namespace: &str, method: &str) -> String {
    let detail = Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .unwrap_or_else(|| "unknown error".into());
    let detail: String = detail.chars().take(200).collect();
    format!("{namespace}.{method} failed: {detail}")
}

/// The extension's own id (`runtime.id`).
pub fn runtime_id() -> Option<String> {
    let runtime = get(&api().ok()?, "runtime").ok()?;
    get(&runtime, "id").ok()?.as_string()
}

/// A message as every context expects it: a plain object tagged by `type`, written by hand
/// (see `message::write`).
pub fn to_js(message: &(impl Wire + Write)) -> JsValue {
    message.write()
}

/// JSON text read by the browser's `JSON.parse` (see `crate::json`).
pub fn parse_json(text: &str) -> Option<JsValue> {
    js_sys::JSON::parse(text).ok()
}

/// A `[key, value]` entry of `Object.entries`.
fn pair(entry: &JsValue) -> Option<[JsValue; 2]> {
    let entry = as_array(entry)?;
    Some([entry.get(0), entry.get(1)])
}

// Firefox hands a message from another context over as objects of another compartment,
// which fail `instanceof Object` (and so `dyn_ref`): these ask the value itself (here and in
// `decode`).

/// A plain object (not an array, a function or null), whatever realm made it.
fn as_object(value: &JsValue) -> Option<&Object> {
    (value.is_object() && !Array::is_array(value)).then(|| value.unchecked_ref())
}

/// An array, whatever realm made it.
fn as_array(value: &JsValue) -> Option<&Array> {
    Array::is_array(value).then(|| value.unchecked_ref())
}

/// Why asking another context gave no answer, in words safe to show: a refusal is a failure
/// like any other, so callers handle one error type instead of four cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskError {
    /// The other side refused; its reason never quotes what was sent.
    Refused(String),
    /// An answer that is not one of the channel's replies, or not the one this request takes.
    Unexpected,
    /// The browser could not deliver the message or its answer.
    Browser(BrowserError),
}

impl std::fmt::Display for AskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AskError::Refused(reason) => f.write_str(reason),
            AskError::Unexpected => f.write_str("unexpected answer"),
            AskError::Browser(error) => write!(f, "{error}"),
        }
    }
}

/// Read an answer: a refusal, or one of the channel's replies.
fn answer<R: Wire + Read>(reply: &JsValue) -> Result<R, AskError> {
    if let Ok(refusal) = read_wire::<Refusal>(reply) {
        return Err(AskError::Refused(refusal.reason().to_owned()));
    }
    read_wire(reply).map_err(|_| AskError::Unexpected)
}

/// Ask the background, and take from its reply what this request expects (`pick` returns
/// `None` for any other reply, which becomes [`AskError::Unexpected`]).
pub async fn ask<R: Request + Write, T>(
    request: &R,
    pick: impl FnOnce(R::Reply) -> Option<T>,
) -> Result<T, AskError>
where
    R::Reply: Read,
{
    let reply = call("runtime", "sendMessage", &[to_js(request)])
        .await
        .map_err(AskError::Browser)?;
    pick(answer(&reply)?).ok_or(AskError::Unexpected)
}

/// Tell the background something whose answer does not matter (a resize, say).
pub fn tell<R: Request + Write + 'static>(request: R)
where
    R::Reply: Read,
{
    wasm_bindgen_futures::spawn_local(async move {
        let _ = ask(&request, |_| Some(())).await;
    });
}

/// Ask the content script in a tab's top frame. A command it does not answer counts as
/// acknowledged.
pub async fn ask_tab<T>(
    tab_id: i32,
    command: &TabCommand,
    pick: impl FnOnce(TabReply) -> Option<T>,
) -> Result<T, AskError> {
    let options = Object::new();
    Reflect::set(&options, &"frameId".into(), &JsValue::from(0)).map_err(|_| {
        AskError::Browser(BrowserError("could not build the message options".into()))
    })?;
    let reply = call(
        "tabs",
        "sendMessage",
        &[JsValue::from(tab_id), to_js(command), options.into()],
    )
    .await
    .map_err(AskError::Browser)?;
    let reply = if reply.is_undefined() {
        TabReply::Ack {}
    } else {
        answer(&reply)?
    };
    pick(reply).ok_or(AskError::Unexpected)
}

/// Mark the toolbar button of one tab: `text` on the badge (empty clears it) and `title` as
/// its tooltip, as password managers badge theirs. The badge is a hint, never the protection.
pub async fn set_badge(tab_id: i32, text: &str, title: &str) {
    let details = |pairs: &[(&str, JsValue)]| {
        let object = Object::new();
        let _ = Reflect::set(&object, &"tabId".into(), &JsValue::from(tab_id));
        for (key, value) in pairs {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        JsValue::from(object)
    };
    let calls = [
        ("setBadgeText", details(&[("text", text.into())])),
        (
            "setBadgeBackgroundColor",
            details(&[("color", "#9a6700".into())]),
        ),
        ("setTitle", details(&[("title", title.into())])),
    ];
    for (method, argument) in calls {
        // The one way these fail is a tab that has closed meanwhile: nothing left to mark.
        if call("action", method, &[argument]).await.is_err() {
            return;
        }
    }
}

/// `runtime.getURL("")`: the prefix of every URL of this extension's own pages.
pub fn extension_base_url() -> Option<String> {
    let runtime = get(&api().ok()?, "runtime").ok()?;
    function(&runtime, "runtime", "getURL")
        .ok()?
        .call1(&runtime, &JsValue::from_str(""))
        .ok()?
        .as_string()
}

/// The id of the active tab of the current window, with its URL.
pub async fn active_tab() -> Result<Option<(i32, Option<String>)>, BrowserError> {
    let query = Object::new();
    for key in ["active", "currentWindow"] {
        Reflect::set(&query, &key.into(), &JsValue::TRUE)
            .map_err(|_| BrowserError("could not build the tab query".into()))?;
    }
    let tabs: Array = call("tabs", "query", &[query.into()])
        .await?
        .dyn_into()
        .map_err(|_| BrowserError("tabs.query did not return a list".into()))?;
    let tab = tabs.get(0);
    if tab.is_undefined() {
        return Ok(None);
    }
    let id = Reflect::get(&tab, &"id".into())
        .ok()
        .and_then(|id| id.as_f64())
        .map(|id| id as i32);
    let url = Reflect::get(&tab, &"url".into())
        .ok()
        .and_then(|url| url.as_string());
    Ok(id.map(|id| (id, url)))
}

/// The host permissions the manifest asks for. Firefox lets users withhold them.
const HOST_ORIGINS: [&str; 3] = [
    "https://github.com/*",
    "https://gist.github.com/*",
    "https://api.github.com/*",
];

/// `{origins: patterns}`, as the permissions API takes it.
pub(crate) fn origins_permission(patterns: &[impl AsRef<str>]) -> JsValue {
    let origins: Array = patterns
        .iter()
        .map(|o| JsValue::from_str(o.as_ref()))
        .collect();
    let permissions = Object::new();
    let _ = Reflect::set(&permissions, &"origins".into(), &origins);
    permissions.into()
}

/// Whether the browser holds all of `permissions`; `absent` when it cannot say.
pub(crate) async fn holds(permissions: JsValue, absent: bool) -> bool {
    call("permissions", "contains", &[permissions])
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(absent)
}

/// Whether this context can ask the browser about permissions (Firefox gives an extension
/// frame inside a web page no `permissions` API).
pub fn has_permissions_api() -> bool {
    api().and_then(|api| get(&api, "permissions")).is_ok()
}

/// Whether PAT Guard has its host permissions.
pub async fn has_host_access() -> bool {
    holds(origins_permission(&HOST_ORIGINS), true).await
}

/// Ask for the host permissions.
pub fn request_host_access() -> impl std::future::Future<Output = bool> {
    request_permissions(origins_permission(&HOST_ORIGINS))
}

/// Ask the browser for `permissions`. The browser call is made at once, inside the click that
/// asked for it (Firefox requires a user action); the answer comes later.
pub(crate) fn request_permissions(permissions: JsValue) -> impl std::future::Future<Output = bool> {
    let started = api()
        .and_then(|api| get(&api, "permissions"))
        .and_then(|target| {
            function(&target, "permissions", "request")?
                .call1(&target, &permissions)
                .map_err(|error| BrowserError(describe(&error, "permissions", "request")))
        });
    async move {
        match started.map(|value| value.dyn_into::<Promise>()) {
            Ok(Ok(promise)) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|granted| granted.as_bool())
                .unwrap_or(false),
            _ => false,
        }
    }
}
