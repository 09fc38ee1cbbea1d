//! Fetching from the GitHub API: no cookies, no referrer, redirects refused, a time limit,
//! cancellable. Works in the popup and in the background service worker (global `fetch`).

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{
    AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect,
    ResponseType,
};

use crate::github::{Answer, Failure, TIMEOUT_MS};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, timeout: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Bodies longer than this are cut: GitHub's answers here are a few KB.
const MAX_BODY: usize = 1 << 20;

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
        let mut body = response.text().await.map_err(|_| ())?;
        if body.len() > MAX_BODY {
            let cut = (0..=MAX_BODY)
                .rev()
                .find(|&i| body.is_char_boundary(i))
                .unwrap_or(0);
            body.truncate(cut);
        }
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
    let builder = Request::get(url)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28");
    send(locked_down(builder, cancel).build().ok(), cancel).await
}

/// `POST url` with a JSON body and no Authorization header.
pub async fn post_json(url: &str, body: String, cancel: &Cancel) -> Result<Answer, Failure> {
    let builder = Request::post(url)
        .header("Accept", "application/vnd.github+json")
        .header("Content-Type", "application/json")
        .header("X-GitHub-Api-Version", "2022-11-28");
    send(locked_down(builder, cancel).body(body).ok(), cancel).await
}
