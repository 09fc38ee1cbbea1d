//! The toolbar popup: paste a token, see the offline verdict at once, validate it with
//! GitHub on request, and (for a leaked token) revoke it.

mod card;
mod enterprise;
mod footer;
mod hooks;
mod inspection;
mod model;
mod page_status;
mod scopes_setting;
mod token_field;

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;
use zeroize::Zeroizing;

use self::card::{SameReport, VerdictCard};
use self::enterprise::{use_hosts, Enterprise, ServerChoice};
use self::footer::{background_line, tab_line, TabStatus};
use self::hooks::{
    use_background, use_host_access, use_stored_settings, use_tab_and_page, use_validation,
};
use self::inspection::inspection_view;
use self::model::{Action, Model};
use self::page_status::page_status_line;
use self::scopes_setting::ScopesSetting;
use self::token_field::TokenField;
use crate::browser::storage;
use crate::github::{offline_report, Settings, Verdict};
use crate::hosts::GITHUB_COM;
use crate::ui::card::verdict_title;
use crate::{PRODUCT_NAME, VERSION};

#[component]
pub fn Popup() -> Html {
    let model = use_reducer(Model::default);
    // The product mark (`ui::dom::shield`), made once.
    let mark = use_memo((), |_| crate::ui::dom::shield().0);
    let (tab, page_status) = use_tab_and_page();
    let background = use_background();
    let (access, ongrant) = use_host_access();
    use_stored_settings(model.clone());
    let validations = use_validation(model.clone());
    let (host_entries, reload_hosts) = use_hosts();
    // The server the pasted token is checked with: the user's choice, else the host of the
    // active tab when PAT Guard watches it, else github.com.
    let chosen_server = use_state(|| None::<String>);
    let server = (*chosen_server).clone().unwrap_or_else(|| match &*tab {
        TabStatus::OnGitHub(host) => host.clone(),
        _ => GITHUB_COM.to_owned(),
    });
    let onselect = {
        let chosen_server = chosen_server.clone();
        Callback::from(move |host: String| chosen_server.set(Some(host)))
    };

    let ontext = {
        let (model, validations) = (model.clone(), validations.clone());
        Callback::from(move |text: Zeroizing<String>| {
            validations.cancel();
            model.dispatch(Action::Paste(text));
        })
    };
    let onvalidate = {
        let (validations, server) = (validations.clone(), server.clone());
        Callback::from(move |()| validations.validate(server.clone()))
    };
    let oncheckpage = {
        let (validations, page_status) = (validations.clone(), page_status.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(tab_id) = page_status.as_ref().and_then(|info| info.tab_id) {
                validations.validate_shown(tab_id);
            }
        })
    };
    let onretry = {
        let validations = validations.clone();
        Callback::from(move |()| validations.retry())
    };
    let oncancel = {
        let validations = validations.clone();
        Callback::from(move |_: MouseEvent| validations.cancel())
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
    let about_page = validations.about_page();
    // Input that cannot be sent gets its verdict at once, and Validate says why it is off.
    let offline = model
        .inspection
        .as_ref()
        .and_then(|inspection| offline_report(inspection))
        .map(Rc::new);
    let can_validate = model.inspection.is_some() && offline.is_none() && !checking;
    let announcement = match (&model.report, &offline) {
        _ if checking => "Asking GitHub…".to_owned(),
        (Some(report), _) | (None, Some(report)) => {
            format!("{}: {}", verdict_title(report.verdict), report.summary)
        }
        (None, None) => String::new(),
    };
    let onclick_validate = {
        let onvalidate = onvalidate.clone();
        Callback::from(move |_: MouseEvent| onvalidate.emit(()))
    };

    html! {
        <main class="popup">
            // One polite announcement region, there from the start: results are read out.
            <div class="visually-hidden" data-testid="announce" role="status" aria-live="polite"
                aria-atomic="true">{ announcement }</div>
            <header class="brand">
                { Html::VRef(web_sys::Node::clone(&mark)) }
                <h1>{ PRODUCT_NAME }</h1>
                <span class="version" data-testid="version">{ format!("v{VERSION}") }</span>
            </header>
            if !access {
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
                { page_status_line(info, oncheckpage, checking) }
            }
            // The page's token checked: its card goes with the page's line, not under the
            // field (and never offers to revoke whatever is typed in the field).
            if let Some(report) = model.report.as_ref().filter(|_| about_page) {
                <VerdictCard report={SameReport(report.clone())} onretry={onretry.clone()} />
            }
            <TokenField {ontext} onsubmit={onvalidate} />
            <div class="actions">
                <button type="button" class="primary" data-testid="validate"
                    disabled={!can_validate} aria-busy={if checking { "true" } else { "false" }}
                    aria-describedby={offline.as_ref().map(|_| "validate-reason")}
                    onclick={onclick_validate}>
                    { if checking { "Checking…" } else { "Validate with GitHub" } }
                </button>
                if checking {
                    <button type="button" data-testid="cancel" onclick={oncancel}>{ "Cancel" }</button>
                }
                <ServerChoice entries={(*host_entries).clone().unwrap_or_default()}
                    selected={server.clone()} {onselect} />
                if let Some(report) = &offline {
                    <span class="muted small" id="validate-reason" data-testid="validate-reason">
                        { if report.verdict == Verdict::Malformed {
                            "Off: GitHub would only refuse it. Fix the token first."
                        } else {
                            "Off: GitHub's API cannot check this kind of token."
                        } }
                    </span>
                }
            </div>
            if checking {
                <p class="progress" data-testid="progress">
                    <span class="spinner" aria-hidden="true"></span>
                    { "Asking GitHub… (up to 10 seconds)" }
                </p>
            }
            if let Some(report) = model.report.as_ref().filter(|_| !about_page) {
                <VerdictCard report={SameReport(report.clone())}
                    token={model.inspection.as_ref().and_then(|i| i.token.clone())}
                    onretry={onretry.clone()} />
                if let Some(inspection) = model.inspection.as_ref().filter(|i| !i.cleanups.is_empty()) {
                    { inspection_view(inspection, false) }
                }
            } else if let Some(inspection) = &model.inspection {
                if let Some(report) = &offline {
                    <VerdictCard report={SameReport(report.clone())} />
                }
                { inspection_view(inspection, offline.is_some()) }
            } else {
                <p class="hint" data-testid="intro">
                    { "On GitHub's token pages, PAT Guard reminds you to save a new token and \
                       warns you before you leave without it." }
                </p>
                <p class="hint">
                    { "Paste a token to see what it is and what is wrong with it. Nothing leaves \
                       your browser until you press Validate, and then only to GitHub." }
                </p>
            }
            <ScopesSetting scopes={model.settings.required_scopes.clone()} onchange={onscopes} />
            if let Some(entries) = &*host_entries {
                <Enterprise entries={entries.clone()} reload={reload_hosts} />
            }
            <footer class="footer">
                { tab_line(&tab) }
                { background_line(&background) }
            </footer>
        </main>
    }
}
