//! Runs [`super::route`]'s plans against the browser: storage, tabs, the network.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use super::memory::{fingerprint, Memory};
use super::{route, Notify, Plan, Sender};
use crate::browser::github::check;
use crate::browser::http::Cancel;
use crate::browser::{self, storage};
use crate::message::Message;
use crate::page::{self, PageKind};
use crate::token::inspect;

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
    let extension_page = match (
        field("url").and_then(|url| url.as_string()),
        browser::extension_base_url(),
    ) {
        (Some(url), Some(base)) => url.starts_with(&base),
        _ => false,
    };
    Sender {
        own_extension: own_id.is_some() && own_id == sender_id,
        tab_id,
        frame_id,
        extension_page,
    }
}

/// Handle one message from `runtime.onMessage`; resolves to the reply.
pub async fn handle(message: JsValue, sender: JsValue) -> JsValue {
    let sender = sender_from_js(&sender);
    let reply = match browser::from_js(message) {
        Ok(message) => run(route(message, &sender)).await,
        Err(error) => Message::refused(&error),
    };
    browser::to_js(&reply)
}

fn refused(reason: impl Into<String>) -> Message {
    Message::Refused {
        reason: reason.into(),
    }
}

async fn run(plan: Plan) -> Message {
    match plan {
        Plan::Reply(message) => message,
        Plan::Assess { tab_id, facts } => {
            let mut memory = load_memory().await;
            let assessment = page::assess(&facts, |secret| {
                let print = fingerprint(&memory.key, secret);
                let state = memory.state_of(&print);
                (print, state)
            });
            let url = facts.url.clone();
            drop(facts); // the page's strings (and any token in them) are wiped here
            memory.record_tab(tab_id, &url, &assessment);
            save_memory(&memory).await;
            Message::PageAssessment(assessment)
        }
        Plan::Remember {
            fingerprint,
            state,
            notify,
        } => {
            let mut memory = load_memory().await;
            let state = memory.remember(&fingerprint, state);
            save_memory(&memory).await;
            let change = Message::SaveStateChanged { fingerprint, state };
            match notify {
                Notify::Nobody => {}
                Notify::Tab(tab_id) => {
                    if let Err(error) = browser::ask_tab(tab_id, &change).await {
                        web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
                    }
                }
            }
            Message::Ack {}
        }
        Plan::CheckShownToken { tab_id } => check_shown_token(tab_id).await,
        Plan::PageStatus { tab_id, url } => {
            let memory = load_memory().await;
            match memory.tab(tab_id, &url) {
                Some(status) => Message::PageStatus {
                    page: status.page,
                    state: status
                        .fingerprint
                        .as_deref()
                        .map(|print| memory.state_of(print)),
                    kind: status.kind,
                    secret: status.secret,
                },
                None => Message::PageStatus {
                    page: page::github_path(&url).map_or(PageKind::None, page::page_for_path),
                    state: None,
                    kind: None,
                    secret: None,
                },
            }
        }
        Plan::TellTab { tab_id, message } => match browser::ask_tab(tab_id, &message).await {
            Ok(_) => Message::Ack {},
            Err(error) => refused(error.to_string()),
        },
    }
}

async fn check_shown_token(tab_id: i32) -> Message {
    let memory = load_memory().await;
    let Some(print) = memory
        .tab_any_url(tab_id)
        .and_then(|status| status.fingerprint.clone())
    else {
        return refused("no new token is shown in that tab");
    };
    let value =
        match browser::ask_tab(tab_id, &Message::ShareShownToken { fingerprint: print }).await {
            Ok(Message::ShownToken { value }) => value,
            Ok(Message::Refused { reason }) => return refused(reason),
            Ok(_) => return refused("the page gave an unexpected answer"),
            Err(error) => return refused(error.to_string()),
        };
    let inspection = inspect(value.expose());
    drop(value);
    let settings = storage::load_settings().await;
    let Some(cancel) = Cancel::new() else {
        return refused("the browser cannot make the request");
    };
    let report = check(&inspection, &settings, &cancel).await;
    Message::CheckResult {
        report: Box::new(report),
    }
}

const MEMORY_KEY: &str = "memory";

async fn load_memory() -> Memory {
    let mut memory: Memory = storage::load_session(MEMORY_KEY).await.unwrap_or_default();
    if memory.key.len() != 64 {
        memory.key = random_hex(32);
    }
    memory
}

async fn save_memory(memory: &Memory) {
    if let Err(error) = storage::save_session(MEMORY_KEY, memory).await {
        web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
    }
}

fn random_hex(bytes: u32) -> String {
    let buffer = Uint8Array::new_with_length(bytes);
    let filled = Reflect::get(&js_sys::global(), &"crypto".into())
        .and_then(|crypto| {
            let get = Reflect::get(&crypto, &"getRandomValues".into())?;
            js_sys::Function::from(get).call1(&crypto, &buffer)
        })
        .is_ok();
    if !filled {
        // No crypto: fall back to Math.random, still never stored beyond the session.
        for i in 0..bytes {
            buffer.set_index(i, (js_sys::Math::random() * 256.0) as u8);
        }
    }
    buffer.to_vec().iter().map(|b| format!("{b:02x}")).collect()
}
