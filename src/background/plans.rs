//! Runs the routers' plans against the browser: storage, tabs, the network.

use std::cell::RefCell;
use std::future::Future;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::memory::{fingerprint, Memory};
use super::{
    route_banner, route_content, route_popup, BannerJob, BannerPlan, Channel, ContentPlan,
    PopupPlan, Sender,
};
use crate::browser::github::reads_all_headers;
use crate::browser::hosts::{hosts_for, sync_content_scripts, usable_hosts};
use crate::browser::{self, storage, to_js, AskError};
use crate::hosts::locate_url;
use crate::leak;
use crate::message::{
    banner_key, leak_address, read_record, read_wire, BannerReply, ContentReply, LeakFinding,
    PopupReply, Read, Refusal, SaveStateChange, TabCommand, TabReply, TokenToCheck, Wire, Write,
};
use crate::page::{self, PageKind, SaveState};
use crate::token::HandedSecret;

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

/// Handle one message from `runtime.onMessage`; resolves to the reply. The message is read
/// as the request type of the channel its sender is on.
pub async fn handle(message: JsValue, sender: JsValue) -> JsValue {
    let reply = match sender_from_js(&sender).channel() {
        Err(why) => Err(Refusal::new(why)),
        Ok(Channel::Popup { in_tab }) => {
            serve(message, |r| run_popup(route_popup(r, in_tab))).await
        }
        Ok(Channel::Content { tab_id }) => {
            serve(message, |r| run_content(route_content(tab_id, r))).await
        }
        Ok(Channel::Banner { tab_id, key }) => {
            serve(message, |r| run_banner(route_banner(tab_id, key, r))).await
        }
    };
    reply.unwrap_or_else(|refusal| to_js(&refusal))
}

/// Decode `message` as the request type `run` takes (its channel's), run it, and write the
/// reply for the wire.
async fn serve<R: Wire + Read, T: Wire + Write, F: Future<Output = Result<T, Refusal>>>(
    message: JsValue,
    run: impl FnOnce(R) -> F,
) -> Result<JsValue, Refusal> {
    let request = read_wire(&message).map_err(|error| Refusal::from(&error))?;
    Ok(to_js(&run(request).await?))
}

/// Jobs that must not overlap, each started after the one before it has ended.
type Queue = std::thread::LocalKey<RefCell<Option<Promise>>>;

thread_local! {
    /// The end of the queue of memory updates.
    static MEMORY_QUEUE: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// The end of the queue of host syncs. Its own: a sync reads `storage.managed`, which
    /// Chromium leaves unanswered for seconds after the browser starts, and until its first
    /// page has stopped loading (docs/github-enterprise.md); a reminder or a leak warning must
    /// not wait for that.
    static SYNC_QUEUE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Run `job` once every job that came into `queue` before it has ended.
async fn in_turn<T>(queue: &'static Queue, job: impl Future<Output = T>) -> T {
    let mut release: Option<Function> = None;
    let mine = Promise::new(&mut |resolve, _| release = Some(resolve));
    let previous = queue.with(|queue| queue.borrow_mut().replace(mine));
    if let Some(previous) = previous {
        let _ = JsFuture::from(previous).await;
    }
    let result = job.await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    result
}

/// Run `job` (which reads, changes and saves the session memory) after every such job that
/// came before it: two messages handled at once would otherwise both load the memory, and
/// the second save would lose the first's update (or make the fingerprint key twice).
async fn one_at_a_time<T>(job: impl Future<Output = T>) -> T {
    in_turn(&MEMORY_QUEUE, job).await
}

async fn run_popup(plan: PopupPlan) -> Result<PopupReply, Refusal> {
    match plan {
        PopupPlan::Reply(reply) => Ok(reply),
        PopupPlan::Refuse(why) => Err(Refusal::new(why)),
        PopupPlan::CheckShownToken { tab_id } => {
            Ok(PopupReply::TokenToCheck(shown_token(tab_id).await?))
        }
        PopupPlan::SyncHosts => {
            sync_hosts().await;
            Ok(PopupReply::HostsSynced {})
        }
        PopupPlan::PageStatus { tab_id, url } => {
            let memory = load_memory().await;
            if let Some(status) = memory.tab(tab_id, &url) {
                return Ok(PopupReply::PageStatus {
                    page: status.page,
                    state: status
                        .fingerprint
                        .as_deref()
                        .map(|print| memory.state_of(print)),
                    kind: status.kind,
                    secret: status.secret,
                });
            }
            // Nothing recorded for it: which page the URL is, on the hosts PAT Guard watches.
            let known = hosts_for(&url).await;
            Ok(PopupReply::PageStatus {
                page: locate_url(&url, &known)
                    .map_or(PageKind::None, |(_, path)| page::page_for_path(path)),
                state: None,
                kind: None,
                secret: None,
            })
        }
    }
}

async fn run_content(plan: ContentPlan) -> Result<ContentReply, Refusal> {
    match plan {
        ContentPlan::Assess { tab_id, facts } => {
            let known = hosts_for(&facts.url).await;
            let assessment = one_at_a_time(async move {
                let mut memory = load_memory().await;
                let mut assessment = page::assess_on(&facts, &known, |secret| {
                    let print = fingerprint(&memory.key, secret);
                    let state = memory.state_of(&print);
                    (print, state)
                });
                let url = facts.url.clone();
                drop(facts); // the page's strings (and any token in them) are wiped here
                memory.record_tab(tab_id, &url, &mut assessment, random_hex(16));
                save_memory(&memory).await;
                assessment
            })
            .await;
            // After the memory job, not inside it: the badge is the browser's, not memory's.
            show_badge(tab_id, assessment.guard).await;
            Ok(ContentReply::PageAssessment(assessment))
        }
        ContentPlan::Copied {
            tab_id,
            fingerprint,
        } => Ok(ContentReply::SaveStateChanged(
            remember(tab_id, fingerprint, SaveState::Copied).await,
        )),
        ContentPlan::FindLeaks {
            tab_id,
            url,
            candidates,
        } => Ok(ContentReply::LeaksFound {
            leaks: find_leaks_in(tab_id, &url, candidates).await,
        }),
    }
}

/// The secrets among a field's candidate strings, each with a warning frame of its own;
/// nothing where the leak guard stays quiet (secrets pages, token pages, unknown hosts).
async fn find_leaks_in(
    tab_id: i32,
    url: &str,
    candidates: Vec<crate::token::SecretString>,
) -> Vec<LeakFinding> {
    let known = hosts_for(url).await;
    if leak::watched_path(url, &known).is_none() {
        return Vec::new();
    }
    let texts: Vec<&str> = candidates.iter().map(|c| c.expose()).collect();
    let leaks = leak::find_leaks(&texts);
    if leaks.is_empty() {
        return Vec::new();
    }
    one_at_a_time(async {
        let mut memory = load_memory().await;
        let mut findings = Vec::new();
        for found in leaks {
            let (start, end) = found.bytes;
            let secret = texts
                .get(found.candidate)
                .and_then(|text| text.get(start..end));
            let print = fingerprint(&memory.key, secret.unwrap_or_default());
            let key = random_hex(16);
            let kept = memory.is_kept(&print);
            memory.record_leak(key.clone(), tab_id, print, url);
            findings.push(LeakFinding {
                candidate: found.candidate,
                start: found.start,
                end: found.end,
                warning_address: leak_address(&found.kind, &found.redacted, &key, "warning"),
                kind: found.kind,
                key,
                kept,
            });
        }
        save_memory(&memory).await;
        findings
    })
    .await
}

async fn run_banner(plan: BannerPlan) -> Result<BannerReply, Refusal> {
    let BannerPlan {
        tab_id,
        key,
        visible,
        job,
    } = plan;
    let leak_warning = job.is_leak_warnings();
    let memory = one_at_a_time(load_memory()).await;
    let leak = memory.tabs_leak(tab_id, key.as_deref()).cloned();
    let genuine = if leak_warning {
        leak.is_some()
    } else if job.is_any_frames() {
        leak.is_some() || memory.is_tabs_banner(tab_id, key.as_deref())
    } else {
        memory.is_tabs_banner(tab_id, key.as_deref())
    };
    if !genuine {
        return Err(Refusal::new("this reminder was not put there by PAT Guard"));
    }
    if visible {
        let confirm = TabCommand::ConfirmBannerVisible {
            key: if leak_warning { key.clone() } else { None },
        };
        browser::ask_tab(tab_id, &confirm, |reply| {
            matches!(reply, TabReply::Ack {}).then_some(())
        })
        .await
        .map_err(refusal)?;
    }
    match job {
        BannerJob::Acknowledge { fingerprint } => {
            let change = remember(tab_id, fingerprint, SaveState::Acknowledged).await;
            let told = browser::ask_tab(tab_id, &TabCommand::SaveStateChanged(change), Some).await;
            if let Err(error) = told {
                warn(&error);
            }
            Ok(BannerReply::Ack {})
        }
        BannerJob::CheckShownToken => Ok(BannerReply::TokenToCheck(shown_token(tab_id).await?)),
        BannerJob::Tell(mut command) => {
            // A leak warning's resize names its frame.
            if let (TabCommand::ResizeBanner { key: frame, .. }, Some(_)) = (&mut command, &leak) {
                frame.clone_from(&key);
            }
            browser::ask_tab(tab_id, &command, Some)
                .await
                .map_err(refusal)?;
            Ok(BannerReply::Ack {})
        }
        BannerJob::LeakDecision { keep } => {
            let (Some(leak), Some(key)) = (leak, key) else {
                return Err(Refusal::new("no such warning"));
            };
            if keep {
                one_at_a_time(async {
                    let mut memory = load_memory().await;
                    memory.keep(&leak.fingerprint);
                    save_memory(&memory).await;
                })
                .await;
            }
            browser::ask_tab(tab_id, &TabCommand::LeakDecided { key, keep }, Some)
                .await
                .map_err(refusal)?;
            Ok(BannerReply::Ack {})
        }
        BannerJob::CheckLeak => {
            let (Some(leak), Some(key)) = (leak, key) else {
                return Err(Refusal::new("no such warning"));
            };
            let share = TabCommand::ShareLeak { key };
            Ok(BannerReply::TokenToCheck(
                share_from_tab(tab_id, share, &leak.url).await?,
            ))
        }
    }
}

/// Say in the background's console what went wrong, where nobody else would hear of it.
fn warn(error: &dyn std::fmt::Display) {
    web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
}

fn refusal(error: AskError) -> Refusal {
    Refusal::new(error.to_string())
}

/// Record what the user did with a token; the resulting state (acknowledging outranks
/// copying) with the reminder's new address, for the tab's content script to carry to it.
async fn remember(tab_id: i32, fingerprint: String, state: SaveState) -> SaveStateChange {
    let change = one_at_a_time(async {
        let mut memory = load_memory().await;
        let state = memory.remember(&fingerprint, state);
        save_memory(&memory).await;
        SaveStateChange {
            banner_address: memory.banner_address(tab_id, &fingerprint),
            fingerprint,
            state,
        }
    })
    .await;
    show_badge(tab_id, !change.state.is_saved()).await;
    change
}

async fn show_badge(tab_id: i32, unsaved: bool) {
    let (text, title) = super::badge(unsaved);
    browser::set_badge(tab_id, text, title).await;
}

/// The token a tab shows (never a client secret: see `Memory::token_to_check`), with the
/// host whose API may be asked about it.
async fn shown_token(tab_id: i32) -> Result<TokenToCheck, Refusal> {
    let memory = one_at_a_time(load_memory()).await;
    let print = memory
        .token_to_check(tab_id)
        .map_err(Refusal::new)?
        .to_owned();
    let url = memory
        .tab_any_url(tab_id)
        .map(|status| status.url.clone())
        .unwrap_or_default();
    let share = TabCommand::ShareShownToken { fingerprint: print };
    share_from_tab(tab_id, share, &url).await
}

/// Ask a tab's content script for a secret (`share`: the shown token, or a posted one), for an
/// extension page to check it with the API of the host of the page at `url`: only if PAT
/// Guard may send it there. The background itself never sends a token anywhere.
async fn share_from_tab(
    tab_id: i32,
    share: TabCommand,
    url: &str,
) -> Result<TokenToCheck, Refusal> {
    let known = hosts_for(url).await;
    let host = leak::api_host_for(url, &known)
        .ok_or_else(|| Refusal::new("that page is not on a host PAT Guard may send tokens to"))?;
    let token = browser::ask_tab(tab_id, &share, |reply| match reply {
        TabReply::ShownToken { value } => Some(value),
        TabReply::Ack {} => None,
    })
    .await
    .map_err(refusal)?;
    Ok(TokenToCheck {
        token: HandedSecret(token),
        all_headers: reads_all_headers(&host).await,
        host: host.name().to_owned(),
    })
}

/// Register content scripts for exactly the usable Enterprise hosts (one sync at a time).
pub async fn sync_hosts() {
    in_turn(&SYNC_QUEUE, async {
        if let Err(error) = sync_content_scripts(&usable_hosts().await).await {
            warn(&error);
        }
    })
    .await;
}

const MEMORY_KEY: &str = "memory";

async fn load_memory() -> Memory {
    let stored = storage::load_session_value(MEMORY_KEY).await;
    let mut memory: Memory = stored
        .and_then(|value| read_record(&value))
        .unwrap_or_default();
    if memory.key.len() != 64 {
        memory.key = random_hex(32);
    }
    memory
}

async fn save_memory(memory: &Memory) {
    if let Err(error) = storage::save_session(MEMORY_KEY, memory).await {
        warn(&error);
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
    crate::encoding::hex(&buffer.to_vec())
}
