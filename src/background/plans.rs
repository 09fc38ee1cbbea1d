//! Runs [`super::route`]'s plans against the browser: storage, tabs, the network.

use std::cell::RefCell;
use std::future::Future;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::memory::{fingerprint, Memory};
use super::{route, Notify, Plan, Sender};
use crate::browser::github::check;
use crate::browser::http::Cancel;
use crate::browser::{self, storage, AskError};
use crate::message::{banner_key, Message};
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
    let url = field("url").and_then(|url| url.as_string());
    let extension_page = match (&url, browser::extension_base_url()) {
        (Some(url), Some(base)) => url.starts_with(&base),
        _ => false,
    };
    Sender {
        own_extension: own_id.is_some() && own_id == sender_id,
        tab_id,
        frame_id,
        extension_page,
        banner_key: url
            .as_deref()
            .filter(|_| extension_page)
            .and_then(banner_key),
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

thread_local! {
    /// The end of the queue of memory updates: each waits for the one before it.
    static MEMORY_QUEUE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Run `job` (which reads, changes and saves the session memory) after every such job that
/// came before it: two messages handled at once would otherwise both load the memory, and
/// the second save would lose the first's update (or make the fingerprint key twice).
async fn one_at_a_time<T>(job: impl Future<Output = T>) -> T {
    let mut release: Option<Function> = None;
    let mine = Promise::new(&mut |resolve, _| release = Some(resolve));
    let previous = MEMORY_QUEUE.with(|queue| queue.borrow_mut().replace(mine));
    if let Some(previous) = previous {
        let _ = JsFuture::from(previous).await;
    }
    let result = job.await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    result
}

async fn run(plan: Plan) -> Message {
    match plan {
        Plan::Reply(message) => message,
        Plan::Assess { tab_id, facts } => {
            one_at_a_time(async move {
                let mut memory = load_memory().await;
                let mut assessment = page::assess(&facts, |secret| {
                    let print = fingerprint(&memory.key, secret);
                    let state = memory.state_of(&print);
                    (print, state)
                });
                let url = facts.url.clone();
                drop(facts); // the page's strings (and any token in them) are wiped here
                memory.record_tab(tab_id, &url, &mut assessment, random_hex(16));
                save_memory(&memory).await;
                Message::PageAssessment(assessment)
            })
            .await
        }
        Plan::FromBanner {
            tab_id,
            key,
            visible,
            plan,
        } => {
            let genuine =
                one_at_a_time(async { load_memory().await.is_tabs_banner(tab_id, key.as_deref()) })
                    .await;
            if !genuine {
                return refused("this reminder was not put there by PAT Guard");
            }
            if visible {
                let answer = browser::ask_in_tab(tab_id, &Message::ConfirmBannerVisible {}).await;
                if let Err(error) = browser::acknowledged(answer) {
                    return refused(error.to_string());
                }
            }
            Box::pin(run(*plan)).await
        }
        Plan::Remember {
            fingerprint,
            state,
            notify,
        } => {
            let state = one_at_a_time(async {
                let mut memory = load_memory().await;
                let state = memory.remember(&fingerprint, state);
                save_memory(&memory).await;
                state
            })
            .await;
            let change = Message::SaveStateChanged { fingerprint, state };
            match notify {
                Notify::Sender => change,
                Notify::Tab(tab_id) => {
                    if let Err(error) = browser::ask_tab(tab_id, &change).await {
                        web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
                    }
                    Message::Ack {}
                }
            }
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
    let memory = one_at_a_time(load_memory()).await;
    let print = match memory.token_to_check(tab_id) {
        Ok(print) => print.to_owned(),
        Err(why) => return refused(why),
    };
    let share = Message::ShareShownToken { fingerprint: print };
    let value = match browser::ask_in_tab(tab_id, &share).await {
        Ok(Message::ShownToken { value }) => value,
        Ok(_) => return refused(AskError::Unexpected.to_string()),
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
