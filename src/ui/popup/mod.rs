//! The toolbar popup: paste a token, see the offline verdict at once, validate it with
//! GitHub on request, and (for a leaked token) revoke it.

mod footer;
mod inspection;
mod model;
mod page_status;
mod scopes_setting;
mod token_field;

use std::cell::RefCell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;
use zeroize::Zeroizing;

use self::footer::{BackgroundLine, BackgroundStatus, TabLine, TabStatus};
use self::inspection::InspectionView;
use self::model::{Action, Model};
use self::page_status::{PageInfo, PageStatusLine};
use self::scopes_setting::ScopesSetting;
use self::token_field::TokenField;
use crate::browser::github::{check, now};
use crate::browser::http::Cancel;
use crate::browser::{self, storage};
use crate::github::{Report, Settings, Verdict};
use crate::message::Message;
use crate::page::is_github_url;
use crate::token::Kind;
use crate::ui::card::VerdictCard;
use crate::ui::shield::Shield;
use crate::{PRODUCT_NAME, VERSION};

#[component]
pub fn Popup() -> Html {
    let tab = use_state(|| TabStatus::Checking);
    let background = use_state(|| BackgroundStatus::Checking);
    let model = use_reducer(Model::default);
    let page_status = use_state(|| None::<PageInfo>);
    // Firefox lets users withhold host permissions: without them nothing works.
    let access = use_state(|| true);
    // The request in flight, if any: at most one, whatever the clicks.
    let in_flight: Rc<RefCell<Option<(u32, Cancel)>>> = use_mut_ref(|| None);

    {
        let tab = tab.clone();
        let background = background.clone();
        let model = model.clone();
        let in_flight = in_flight.clone();
        let page_status = page_status.clone();
        let access = access.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                access.set(browser::has_host_access().await);
            });
            spawn_local(async move {
                let active = browser::active_tab().await;
                tab.set(match &active {
                    Ok(Some((_, Some(url)))) if is_github_url(url) => TabStatus::OnGitHub,
                    Ok(_) => TabStatus::Elsewhere,
                    Err(error) => TabStatus::Unreadable(error.to_string()),
                });
                let (tab_id, url) = match active {
                    Ok(Some((tab_id, Some(url)))) if is_github_url(&url) => (tab_id, url),
                    _ => {
                        page_status.set(Some(PageInfo::none()));
                        return;
                    }
                };
                let reply =
                    browser::send_message(&Message::PageStatusRequest { tab_id, url }).await;
                page_status.set(Some(match reply {
                    Ok(Message::PageStatus {
                        page,
                        state,
                        kind,
                        secret,
                    }) => PageInfo {
                        tab_id: Some(tab_id),
                        page,
                        state,
                        kind,
                        secret,
                    },
                    _ => PageInfo::none(),
                }));
            });
            spawn_local(async move {
                background.set(match browser::send_message(&Message::Ping {}).await {
                    Ok(Message::Pong { version }) => BackgroundStatus::Ready { version },
                    Ok(_) => BackgroundStatus::Down("it gave an unexpected answer".into()),
                    Err(error) => BackgroundStatus::Down(error.to_string()),
                });
            });
            spawn_local(async move {
                model.dispatch(Action::SettingsLoaded(storage::load_settings().await));
            });
            // Closing the popup aborts the request in flight.
            move || {
                if let Some((_, cancel)) = in_flight.borrow_mut().take() {
                    cancel.cancel();
                }
            }
        });
    }

    let cancel_in_flight = {
        let in_flight = in_flight.clone();
        move || {
            if let Some((_, cancel)) = in_flight.borrow_mut().take() {
                cancel.cancel();
            }
        }
    };

    let ontext = {
        let model = model.clone();
        let cancel_in_flight = cancel_in_flight.clone();
        Callback::from(move |text: Zeroizing<String>| {
            cancel_in_flight();
            model.dispatch(Action::Paste(text));
        })
    };

    let onvalidate = {
        let model = model.clone();
        let in_flight = in_flight.clone();
        Callback::from(move |()| {
            if in_flight.borrow().is_some() {
                return; // one request at a time
            }
            let Some(inspection) = model.inspection.clone() else {
                return;
            };
            let Some(cancel) = Cancel::new() else {
                return;
            };
            let id = model.next_check_id();
            *in_flight.borrow_mut() = Some((id, cancel.clone()));
            model.dispatch(Action::Started(id));
            let (model, in_flight, settings) =
                (model.clone(), in_flight.clone(), model.settings.clone());
            spawn_local(async move {
                let report = check(&inspection, &settings, &cancel).await;
                let mine = matches!(&*in_flight.borrow(), Some((current, _)) if *current == id);
                if mine {
                    in_flight.borrow_mut().take();
                }
                model.dispatch(Action::Finished(id, Rc::new(report)));
            });
        })
    };

    let oncheckpage = {
        let model = model.clone();
        let in_flight = in_flight.clone();
        let page_status = page_status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(tab_id) = page_status.as_ref().and_then(|info| info.tab_id) else {
                return;
            };
            if in_flight.borrow().is_some() {
                return;
            }
            let id = model.next_check_id();
            model.dispatch(Action::Started(id));
            let model = model.clone();
            spawn_local(async move {
                let report = match browser::send_message(&Message::CheckShownToken {
                    tab_id: Some(tab_id),
                })
                .await
                {
                    Ok(Message::CheckResult { report }) => *report,
                    Ok(Message::Refused { reason }) => Report::bare(
                        Verdict::Unknown,
                        Kind::NotAToken,
                        format!("Could not check it: {reason}"),
                    ),
                    Ok(_) => Report::bare(
                        Verdict::Unknown,
                        Kind::NotAToken,
                        "Could not check it: unexpected answer.",
                    ),
                    Err(why) => Report::bare(
                        Verdict::Unknown,
                        Kind::NotAToken,
                        format!("Could not check it: {why}"),
                    ),
                };
                model.dispatch(Action::Finished(id, Rc::new(report)));
            });
        })
    };

    let ongrant = {
        let access = access.clone();
        Callback::from(move |_: MouseEvent| {
            let request = browser::request_host_access();
            let access = access.clone();
            spawn_local(async move {
                access.set(request.await);
            });
        })
    };

    let oncancel = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            cancel_in_flight();
            model.dispatch(Action::Cancelled);
        })
    };

    let onscopes = {
        let model = model.clone();
        Callback::from(move |scopes: Vec<String>| {
            let settings = Settings {
                required_scopes: scopes,
            }
            .sanitized();
            model.dispatch(Action::SettingsLoaded(settings.clone()));
            spawn_local(async move {
                if let Err(error) = storage::save_settings(&settings).await {
                    web_sys::console::warn_1(&format!("PAT Guard: {error}").into());
                }
            });
        })
    };

    let checking = model.checking.is_some();
    let can_validate = model.inspection.is_some() && !checking;
    let onclick_validate = {
        let onvalidate = onvalidate.clone();
        Callback::from(move |_: MouseEvent| onvalidate.emit(()))
    };

    html! {
        <main class="popup">
            <header class="brand">
                <Shield />
                <h1>{ PRODUCT_NAME }</h1>
                <span class="version" data-testid="version">{ format!("v{VERSION}") }</span>
            </header>
            if !*access {
                <div class="access" data-testid="host-access" role="alert">
                    <p>
                        { "PAT Guard needs access to github.com, to remind you on its token pages, \
                           and to api.github.com, to check tokens with GitHub. It sends nothing \
                           anywhere else." }
                    </p>
                    <button type="button" class="primary" data-testid="grant-access" onclick={ongrant}>
                        { "Allow access" }
                    </button>
                </div>
            }
            if let Some(info) = &*page_status {
                <PageStatusLine info={info.clone()} oncheck={oncheckpage} busy={checking} />
            }
            <TokenField {ontext} onsubmit={onvalidate} />
            <div class="actions">
                <button type="button" class="primary" data-testid="validate"
                    disabled={!can_validate} aria-busy={if checking { "true" } else { "false" }}
                    onclick={onclick_validate}>
                    { if checking { "Checking…" } else { "Validate with GitHub" } }
                </button>
                if checking {
                    <button type="button" data-testid="cancel" onclick={oncancel}>{ "Cancel" }</button>
                }
            </div>
            if checking {
                <p class="progress" role="status" data-testid="progress">
                    <span class="spinner" aria-hidden="true"></span>
                    { "Asking GitHub… (up to 10 seconds)" }
                </p>
            }
            if let Some(report) = &model.report {
                <VerdictCard report={report.clone()} now={now()}
                    token={model.inspection.as_ref().and_then(|i| i.token.clone())}
                    settings={Some(model.settings.clone())} />
            } else if let Some(inspection) = &model.inspection {
                <InspectionView inspection={inspection.clone()} />
            } else {
                <p class="hint">
                    { "Paste a token to see what it is and what is wrong with it. Nothing leaves \
                       your browser until you press Validate, and then only to GitHub." }
                </p>
            }
            <ScopesSetting scopes={model.settings.required_scopes.clone()} onchange={onscopes} />
            <footer class="footer">
                <TabLine status={(*tab).clone()} />
                <BackgroundLine status={(*background).clone()} />
            </footer>
        </main>
    }
}
