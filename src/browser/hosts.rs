//! GitHub Enterprise hosts against the browser: the lists (the user's in `storage.local`,
//! the administrator's in `storage.managed`), the optional host permissions that make a host
//! usable, and the content scripts registered for usable hosts.
//!
//! A host is usable (watched, and sent tokens) only while the browser holds its permissions:
//! a page or a content script can write `storage.local`, but only the user, in the browser's
//! own prompt, can grant a permission.

use std::future::Future;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::{call, holds, origins_permission, request_permissions, storage, BrowserError};
use crate::hosts::{known_hosts, parse_host, Host, HostEntry};

/// The key of the user's hosts in `storage.local` and of the administrator's in
/// `storage.managed` (see `managed_schema.json`).
const HOSTS_KEY: &str = "enterpriseHosts";

/// A known host and what the browser says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostState {
    pub host: Host,
    pub managed: bool,
    pub granted: bool,
}

impl HostState {
    pub fn entry(&self) -> HostEntry {
        HostEntry {
            host: self.host.name().to_owned(),
            api: self.host.api_origin(),
            granted: self.granted,
            managed: self.managed,
        }
    }
}

/// The user's own hosts, as stored (names only; each is parsed again where it is used).
pub async fn user_hosts() -> Vec<String> {
    storage::load("local", HOSTS_KEY).await.unwrap_or_default()
}

pub async fn save_user_hosts(hosts: &[String]) -> Result<(), BrowserError> {
    storage::save("local", HOSTS_KEY, hosts).await
}

/// The administrator's hosts. `storage.managed.get` fails where no policy is installed.
async fn managed_hosts() -> Vec<String> {
    storage::load("managed", HOSTS_KEY)
        .await
        .unwrap_or_default()
}

fn permissions_for(host: &Host) -> JsValue {
    origins_permission(&host.match_patterns())
}

/// Whether the browser holds every permission `host` needs.
pub async fn is_granted(host: &Host) -> bool {
    holds(permissions_for(host), false).await
}

/// Every host PAT Guard knows (the administrator's first), and whether each is granted.
pub async fn host_states() -> Vec<HostState> {
    let managed = managed_hosts().await;
    let user = user_hosts().await;
    let mut states = Vec::new();
    for (host, managed) in known_hosts(&managed, &user) {
        let granted = is_granted(&host).await;
        states.push(HostState {
            host,
            managed,
            granted,
        });
    }
    states
}

/// github.com and the Enterprise hosts PAT Guard may watch and send tokens to now.
pub async fn usable_hosts() -> Vec<Host> {
    let mut hosts = vec![Host::github_com()];
    hosts.extend(
        host_states()
            .await
            .into_iter()
            .filter(|state| state.granted)
            .map(|state| state.host),
    );
    hosts
}

/// The hosts a page at `url` may be on: github.com alone when it is there (no storage read
/// on github.com's pages), else github.com and the usable Enterprise hosts.
pub async fn hosts_for(url: &str) -> Vec<Host> {
    if crate::page::is_github_url(url) {
        vec![Host::github_com()]
    } else {
        usable_hosts().await
    }
}

/// The usable host named `name`, if there is one.
pub async fn usable_host(name: &str) -> Option<Host> {
    let wanted = parse_host(name).ok();
    usable_hosts()
        .await
        .into_iter()
        .find(|host| host.name() == name || Some(host) == wanted.as_ref())
}

/// Ask for `host`'s permissions, at once (inside the user's click); the answer comes later.
pub fn request(host: &Host) -> impl Future<Output = bool> {
    request_permissions(permissions_for(host))
}

/// Give `host`'s permissions back to the browser.
pub async fn give_back(host: &Host) -> bool {
    call("permissions", "remove", &[permissions_for(host)])
        .await
        .ok()
        .and_then(|removed| removed.as_bool())
        .unwrap_or(false)
}

/// Watch exactly the usable Enterprise hosts: register PAT Guard's content script for each
/// (the manifest's covers github.com) and unregister it from hosts no longer usable.
pub async fn sync_content_scripts(usable: &[Host]) -> Result<(), BrowserError> {
    let wanted: Vec<&Host> = usable.iter().filter(|h| !h.is_github_com()).collect();
    let registered = call("scripting", "getRegisteredContentScripts", &[]).await?;
    let registered: Vec<String> = registered
        .dyn_into::<Array>()
        .map(|list| {
            list.iter()
                .filter_map(|script| Reflect::get(&script, &"id".into()).ok()?.as_string())
                .collect()
        })
        .unwrap_or_default();
    let stale: Array = registered
        .iter()
        .filter(|id| id.starts_with("host:") && !wanted.iter().any(|h| h.script_id() == **id))
        .map(|id| JsValue::from_str(id))
        .collect();
    if stale.length() > 0 {
        let filter = Object::new();
        let _ = Reflect::set(&filter, &"ids".into(), &stale);
        call("scripting", "unregisterContentScripts", &[filter.into()]).await?;
    }
    let missing: Array = wanted
        .iter()
        .filter(|host| !registered.contains(&host.script_id()))
        .map(|host| content_script(host))
        .collect();
    if missing.length() > 0 {
        call("scripting", "registerContentScripts", &[missing.into()]).await?;
    }
    Ok(())
}

/// The same content script as the manifest's, for one host's pages.
fn content_script(host: &Host) -> JsValue {
    let script = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&script, &key.into(), &value);
    };
    set("id", JsValue::from_str(&host.script_id()));
    set(
        "matches",
        Array::of1(&JsValue::from_str(&format!("{}/*", host.web_origin()))).into(),
    );
    set("js", Array::of1(&JsValue::from_str("content.js")).into());
    set("runAt", JsValue::from_str("document_start"));
    set("persistAcrossSessions", JsValue::TRUE);
    script.into()
}
