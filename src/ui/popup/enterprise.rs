//! The popup's "GitHub Enterprise" section: add a host (PAT Guard asks the browser for exactly
//! its origins, on this click), see each host with its API and whether access is granted,
//! grant it again, remove it (its permissions go back to the browser). And the choice of the
//! server the pasted token is checked with.

use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser::{self, hosts};
use crate::hosts::{parse_host, Host, HostEntry, GITHUB_COM};
use crate::message::{PopupReply, PopupRequest};

/// The hosts PAT Guard knows, loaded once and again after each change.
#[hook]
pub fn use_hosts() -> (UseStateHandle<Option<Vec<HostEntry>>>, Callback<()>) {
    let entries = use_state(|| None::<Vec<HostEntry>>);
    let reload = {
        let entries = entries.clone();
        Callback::from(move |()| {
            let entries = entries.clone();
            spawn_local(async move {
                let states = hosts::host_states().await;
                entries.set(Some(states.iter().map(|state| state.entry()).collect()));
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(()));
    }
    (entries, reload)
}

/// Ask the background to watch exactly the usable hosts now, then show the new list.
fn synced(reload: Callback<()>) {
    spawn_local(async move {
        let _ = browser::ask(&PopupRequest::SyncHosts {}, |reply| {
            matches!(reply, PopupReply::HostsSynced {}).then_some(())
        })
        .await;
        reload.emit(());
    });
}

/// The user's own host names (the administrator's are not theirs to store).
fn user_names(entries: &[HostEntry]) -> Vec<String> {
    entries
        .iter()
        .filter(|entry| !entry.managed)
        .map(|entry| entry.host.clone())
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct EnterpriseProps {
    pub entries: Vec<HostEntry>,
    pub reload: Callback<()>,
}

#[component]
pub fn Enterprise(props: &EnterpriseProps) -> Html {
    let input = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    // Everything the browser must see as part of the user's click happens before the first
    // await: the permission request (Firefox and Chromium require a user action) and saving
    // the list (a Firefox popup may close while the browser's prompt shows; the background
    // picks the host up when the permission arrives).
    let grant = {
        let (entries, reload, busy, error) = (
            props.entries.clone(),
            props.reload.clone(),
            busy.clone(),
            error.clone(),
        );
        move |host: Host| {
            let mut names = user_names(&entries);
            let known = entries.iter().any(|entry| entry.host == host.name());
            if !known {
                names.push(host.name().to_owned());
            }
            let request = hosts::request(&host);
            busy.set(true);
            let (reload, busy, error) = (reload.clone(), busy.clone(), error.clone());
            spawn_local(async move {
                if !known {
                    if let Err(why) = hosts::save_user_hosts(&names).await {
                        error.set(Some(format!("Could not save the host: {why}")));
                    }
                }
                if !request.await {
                    error.set(Some(format!(
                        "Access to {} was not granted: PAT Guard will not watch it or send it tokens. \
                         Press Allow to ask again.",
                        host.name()
                    )));
                }
                busy.set(false);
                synced(reload);
            });
        }
    };

    let onsubmit = {
        let (input, error, grant) = (input.clone(), error.clone(), grant.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            match parse_host(&field.value()) {
                Ok(host) => {
                    error.set(None);
                    field.set_value("");
                    grant(host);
                }
                Err(why) => error.set(Some(why.message().to_owned())),
            }
        })
    };

    let onremove = {
        let (entries, reload, error) = (props.entries.clone(), props.reload.clone(), error.clone());
        move |name: String| {
            let (entries, reload, error) = (entries.clone(), reload.clone(), error.clone());
            Callback::from(move |_: MouseEvent| {
                let Ok(host) = parse_host(&name) else { return };
                let names: Vec<String> = user_names(&entries)
                    .into_iter()
                    .filter(|known| *known != name)
                    .collect();
                let (reload, error) = (reload.clone(), error.clone());
                spawn_local(async move {
                    if let Err(why) = hosts::save_user_hosts(&names).await {
                        error.set(Some(format!("Could not remove the host: {why}")));
                    }
                    hosts::give_back(&host).await;
                    synced(reload);
                });
            })
        }
    };

    let ongrant = {
        let grant = grant.clone();
        move |name: String| {
            let grant = grant.clone();
            Callback::from(move |_: MouseEvent| {
                if let Ok(host) = parse_host(&name) {
                    grant(host);
                }
            })
        }
    };

    html! {
        <section class="setting enterprise" data-testid="enterprise" aria-labelledby="enterprise-title">
            <h2 id="enterprise-title" class="setting-title">{ "GitHub Enterprise" }</h2>
            <p class="muted small">
                { "Add your company's GitHub host: PAT Guard then asks your browser for access to \
                   that host and its API only, to guard its token pages and check tokens there." }
            </p>
            <form class="host-form" onsubmit={onsubmit}>
                <label for="host-input" class="visually-hidden">{ "Enterprise host" }</label>
                <input id="host-input" data-testid="host-input" type="text" ref={input}
                    placeholder="github.example.com" autocomplete="off" spellcheck="false"
                    autocapitalize="off" inputmode="url"
                    aria-describedby={error.is_some().then_some("host-error")} />
                <button type="submit" data-testid="host-add" disabled={*busy}>{ "Add" }</button>
            </form>
            if *busy {
                <p class="progress small" data-testid="host-pending" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    { "Waiting for your answer in the browser's prompt…" }
                </p>
            }
            if let Some(why) = &*error {
                <p class="problem warning small" id="host-error" data-testid="host-error" role="alert">
                    { why }
                </p>
            }
            if !props.entries.is_empty() {
                <ul class="hosts">
                    for entry in &props.entries {
                        <li class="host" data-testid="host" data-host={entry.host.clone()}
                            data-api={entry.api.clone()}
                            data-granted={if entry.granted { "true" } else { "false" }}
                            data-managed={if entry.managed { "true" } else { "false" }}>
                            <span class="host-name">
                                <strong>{ &entry.host }</strong>
                                <span class="muted small">{ format!(" · API {}", entry.api) }</span>
                                if entry.managed {
                                    <span class="muted small">{ " · set by your administrator" }</span>
                                }
                            </span>
                            if !entry.granted {
                                <button type="button" class="primary small" data-testid="host-grant"
                                    disabled={*busy} onclick={ongrant(entry.host.clone())}>
                                    { "Allow" }
                                </button>
                            }
                            <button type="button" class="small" data-testid="host-remove"
                                disabled={entry.managed}
                                title={if entry.managed { "Set by your administrator" } else { "Remove this host" }}
                                aria-label={format!("Remove {}", entry.host)}
                                onclick={onremove(entry.host.clone())}>
                                { "Remove" }
                            </button>
                        </li>
                    }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ServerChoiceProps {
    pub entries: Vec<HostEntry>,
    pub selected: String,
    pub onselect: Callback<String>,
}

/// Which server the pasted token is checked with: github.com or a host with access.
#[component]
pub fn ServerChoice(props: &ServerChoiceProps) -> Html {
    let onchange = {
        let onselect = props.onselect.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            onselect.emit(select.value());
        })
    };
    // The options arrive after the choice may have been made (hosts load, the tab is read):
    // the element's value follows the choice whenever either changes.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(
            (props.selected.clone(), props.entries.clone()),
            move |(selected, _)| {
                if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                    select.set_value(selected);
                }
            },
        );
    }
    html! {
        <label class="server-choice small">
            { "Check with " }
            <select data-testid="api-host" ref={select} onchange={onchange}>
                <option value={GITHUB_COM} selected={props.selected == GITHUB_COM}>{ GITHUB_COM }</option>
                for entry in &props.entries {
                    <option value={entry.host.clone()} selected={props.selected == entry.host}
                        disabled={!entry.granted}>
                        { if entry.granted { entry.host.clone() } else { format!("{} (no access)", entry.host) } }
                    </option>
                }
            </select>
        </label>
    }
}
