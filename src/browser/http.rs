//! Fetching from the GitHub API: no cookies, no referrer, redirects refused, a time limit,
//! cancellable. Works in the popup and in the background service worker (global `fetch`).

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{
    AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect,
    ResponseType,
};

use super::call_target;
use crate::github::{Answer, Failure, TIMEOUT_MS};
use crate::token::join_secret;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, timeout: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Bodies longer than this are cut, and the rest is never downloaded: GitHub's answers here
/// are a few KB.
const MAX_BODY: usize = 1 << 20;

/// Read a response body as it streams, and stop (cancelling the rest) at [`MAX_BODY`] bytes:
/// a hostile server cannot make PAT Guard hold more than that.
async fn read_capped(response: &Response) -> Result<String, ()> {
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let stream = JsValue::from(stream);
    let reader = call_target(&stream, "body", "getReader", &[])
        .await
        .map_err(|_| ())?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = call_target(&reader, "body", "read", &[])
            .await
            .map_err(|_| ())?;
        if Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            break;
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(|_| ())?;
        let array = value.dyn_into::<Uint8Array>().map_err(|_| ())?;
        let room = MAX_BODY - bytes.len();
        let take = (array.length() as usize).min(room);
        let start = bytes.len();
        bytes.resize(start + take, 0);
        array.subarray(0, take as u32).copy_to(&mut bytes[start..]);
        if bytes.len() >= MAX_BODY {
            let _ = call_target(&reader, "body", "cancel", &[]).await;
            break;
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A request that can be cancelled from elsewhere (the Cancel button, the popup closing).
#[derive(Clone)]
pub struct Cancel(AbortController);

impl Cancel {
    pub fn new() -> Option<Self> {
        AbortController::new().ok().map(Cancel)
    }

    pub fn cancel(&self) {
        self.0.abort();
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.signal().aborted()
    }
}

/// Aborts the request when the time limit passes, unless dropped first.
struct Deadline {
    handle: JsValue,
    passed: Rc<Cell<bool>>,
    _closure: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: &AbortController, ms: u32) -> Self {
        let passed = Rc::new(Cell::new(false));
        let closure = {
            let passed = passed.clone();
            let controller = controller.clone();
            Closure::<dyn FnMut()>::new(move || {
                passed.set(true);
                controller.abort();
            })
        };
        let handle = set_timeout(closure.as_ref().unchecked_ref(), ms as i32);
        Deadline {
            handle,
            passed,
            _closure: closure,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.handle);
    }
}

fn offline() -> bool {
    Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|navigator| Reflect::get(&navigator, &"onLine".into()))
        .map(|online| online.as_bool() == Some(false))
        .unwrap_or(false)
}

fn locked_down(builder: RequestBuilder, cancel: &Cancel) -> RequestBuilder {
    builder
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .redirect(RequestRedirect::Manual)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&cancel.0.signal()))
}

/// Send a request with the deadline, and read the whole answer.
async fn send(request: Option<Request>, cancel: &Cancel) -> Result<Answer, Failure> {
    let request = request.ok_or(Failure::Unreachable)?;
    if offline() {
        return Err(Failure::Offline);
    }
    let deadline = Deadline::start(&cancel.0, TIMEOUT_MS);
    let outcome = async {
        let response: Response = request.send().await.map_err(|_| ())?;
        if response.type_() == ResponseType::Opaqueredirect {
            return Ok(Err(Failure::Redirect));
        }
        let headers = response.headers().entries().collect();
        let status = response.status();
        let body = read_capped(&response).await?;
        Ok(Ok(Answer {
            status,
            headers,
            body,
        }))
    }
    .await;
    match outcome {
        Ok(answer) => answer,
        Err(()) if deadline.passed.get() => Err(Failure::Timeout),
        Err(()) if cancel.0.signal().aborted() => Err(Failure::Cancelled),
        Err(()) if offline() => Err(Failure::Offline),
        Err(()) => Err(Failure::Unreachable),
    }
}

/// `GET url` with the token in the Authorization header, and nowhere else.
pub async fn get_with_token(url: &str, token: &str, cancel: &Cancel) -> Result<Answer, Failure> {
    // The header value is a copy of the token: wiped when this returns (the browser's own
    // copy is a JS string, which nothing can wipe: see SECURITY.md).
    let authorization = join_secret(&["Bearer ", token]);
    let builder = Request::get(url)
        .header("Authorization", &authorization)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28");
    send(locked_down(builder, cancel).build().ok(), cancel).await
}

/// `POST url` with a JSON body and no Authorization header.
pub async fn post_json(url: &str, body: &str, cancel: &Cancel) -> Result<Answer, Failure> {
    let builder = Request::post(url)
        .header("Accept", "application/vnd.github+json")
        .header("Content-Type", "application/json")
        .header("X-GitHub-Api-Version", "2022-11-28");
    send(locked_down(builder, cancel).body(body).ok(), cancel).await
}
