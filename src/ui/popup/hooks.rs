//! The popup's side effects, one hook each (as yew's own examples keep them out of the
//! component): what the active tab shows, whether the background answers, host access, and
//! validation with GitHub.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::footer::{BackgroundStatus, TabStatus};
use super::model::{Action, Model};
use super::page_status::PageInfo;
use crate::browser::github::{check_handed, validate_on};
use crate::browser::hosts::hosts_for;
use crate::browser::http::Cancel;
use crate::browser::{self, storage, AskError};
use crate::github::{Report, Verdict};
use crate::hosts::locate_url;
use crate::message::{PopupReply, PopupRequest};
use crate::token::Kind;

/// What the active tab is (and on which GitHub host), and which token page it shows as the
/// background knows it.
#[hook]
pub fn use_tab_and_page() -> (UseStateHandle<TabStatus>, UseStateHandle<Option<PageInfo>>) {
    let tab = use_state(|| TabStatus::Checking);
    let page = use_state(|| None::<PageInfo>);
    {
        let (tab, page) = (tab.clone(), page.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let active = browser::active_tab().await;
                let on_host = match &active {
                    Ok(Some((tab_id, Some(url)))) => locate_url(url, &hosts_for(url).await)
                        .map(|(host, _)| (*tab_id, url.clone(), host.name().to_owned())),
                    _ => None,
                };
                tab.set(match (&active, &on_host) {
                    (_, Some((_, _, host))) => TabStatus::OnGitHub(host.clone()),
                    (Ok(_), None) => TabStatus::Elsewhere,
                    (Err(error), None) => TabStatus::Unreadable(error.to_string()),
                });
                let Some((tab_id, url, _)) = on_host else {
                    return page.set(Some(PageInfo::none()));
                };
                let request = PopupRequest::PageStatusRequest { tab_id, url };
                let reply = browser::ask(&request, |reply| match reply {
                    PopupReply::PageStatus {
                        page,
                        state,
                        kind,
                        secret,
                    } => Some(PageInfo {
                        tab_id: Some(tab_id),
                        page,
                        state,
                        kind,
                        secret,
                    }),
                    _ => None,
                });
                page.set(Some(reply.await.unwrap_or_else(|_| PageInfo::none())));
            });
        });
    }
    (tab, page)
}

/// Whether the background answers, and with which version.
#[hook]
pub fn use_background() -> UseStateHandle<BackgroundStatus> {
    let background = use_state(|| BackgroundStatus::Checking);
    {
        let background = background.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let pong = browser::ask(&PopupRequest::Ping {}, |reply| match reply {
                    PopupReply::Pong { version } => Some(version),
                    _ => None,
                });
                background.set(match pong.await {
                    Ok(version) => BackgroundStatus::Ready { version },
                    Err(AskError::Unexpected) => {
                        BackgroundStatus::Down("it gave an unexpected answer".into())
                    }
                    Err(error) => BackgroundStatus::Down(error.to_string()),
                });
            });
        });
    }
    background
}

/// Whether PAT Guard has its host permissions (Firefox lets users withhold them), and a
/// callback that asks for them on the user's click.
#[hook]
pub fn use_host_access() -> (bool, Callback<MouseEvent>) {
    let access = use_state(|| true);
    {
        let access = access.clone();
        use_effect_with((), move |_| {
            spawn_local(async move { access.set(browser::has_host_access().await) });
        });
    }
    let ongrant = {
        let access = access.clone();
        Callback::from(move |_: MouseEvent| {
            let request = browser::request_host_access();
            let access = access.clone();
            spawn_local(async move { access.set(request.await) });
        })
    };
    (*access, ongrant)
}

/// Load the stored settings into the model once.
#[hook]
pub fn use_stored_settings(model: UseReducerHandle<Model>) {
    use_effect_with((), move |_| {
        spawn_local(async move {
            model.dispatch(Action::SettingsLoaded(storage::load_settings().await));
        });
    });
}

/// The one validation in flight: its id, and how to abort its request to GitHub.
struct Running {
    id: u32,
    abort: Cancel,
}

/// Start and stop validations with GitHub: at most one at a time, whatever the clicks; closing
/// the popup or editing the text cancels it.
#[derive(Clone)]
pub struct Validations {
    model: UseReducerHandle<Model>,
    running: Rc<RefCell<Option<Running>>>,
    /// The tab whose token the last validation asked about; `None` for the pasted token.
    last_tab: Rc<Cell<Option<i32>>>,
    /// The server the pasted token was last checked with (a web host name).
    last_server: Rc<RefCell<String>>,
}

impl Validations {
    /// Cancel the validation in flight, if any (its answer is then ignored).
    pub fn cancel(&self) {
        if let Some(Running { abort, .. }) = self.running.borrow_mut().take() {
            abort.cancel();
            self.model.dispatch(Action::Cancelled);
        }
    }

    /// Begin a validation of the typed token (`tab` `None`) or of a tab's, unless one is
    /// running; `None` when one is. Only a validation that begins says what the card shows.
    fn begin(&self, tab: Option<i32>) -> Option<(u32, Cancel)> {
        if self.running.borrow().is_some() {
            return None;
        }
        let abort = Cancel::new()?;
        self.last_tab.set(tab);
        let id = self.model.next_check_id();
        *self.running.borrow_mut() = Some(Running {
            id,
            abort: abort.clone(),
        });
        self.model.dispatch(Action::Started(id));
        Some((id, abort))
    }

    fn finish(&self, id: u32, report: Report) {
        let mine = matches!(&*self.running.borrow(), Some(running) if running.id == id);
        if mine {
            self.running.borrow_mut().take();
        }
        self.model.dispatch(Action::Finished(id, Rc::new(report)));
    }

    /// Whether the last validation was of the token a tab shows (not of the typed one).
    pub fn about_page(&self) -> bool {
        self.last_tab.get().is_some()
    }

    /// Ask again what was asked last ("Try again" on a card that could not check).
    pub fn retry(&self) {
        match self.last_tab.get() {
            Some(tab_id) => self.validate_shown(tab_id),
            None => {
                // Read before validating, which records the server again.
                let server = self.last_server.borrow().clone();
                self.validate(server);
            }
        }
    }

    /// Check the pasted token with the API of `server` (a web host name), if PAT Guard may
    /// send tokens there.
    pub fn validate(&self, server: String) {
        let Some(inspection) = self.model.inspection.clone() else {
            return;
        };
        let Some((id, cancel)) = self.begin(None) else {
            return;
        };
        self.last_server.replace(server.clone());
        let (validations, settings) = (self.clone(), self.model.settings.clone());
        spawn_local(async move {
            let report = validate_on(&inspection, &settings, &server, &cancel).await;
            validations.finish(id, report);
        });
    }

    /// Check the token shown in a tab: the background hands it over (the tab's content script
    /// has it), with the host of the tab's page, whose API is asked.
    pub fn validate_shown(&self, tab_id: i32) {
        let Some((id, cancel)) = self.begin(Some(tab_id)) else {
            return;
        };
        let (validations, settings) = (self.clone(), self.model.settings.clone());
        spawn_local(async move {
            let request = PopupRequest::CheckShownToken { tab_id };
            let handed = browser::ask(&request, |reply| match reply {
                PopupReply::TokenToCheck(handed) => Some(handed),
                _ => None,
            })
            .await;
            let report = match handed {
                // Cancelled while the background was asked: nothing is sent.
                Ok(_) if cancel.is_cancelled() => return,
                Ok(handed) => check_handed(handed, &settings, &cancel).await,
                Err(why) => Report::bare(
                    Verdict::Unknown,
                    Kind::NotAToken,
                    format!("Could not check it: {why}"),
                ),
            };
            validations.finish(id, report);
        });
    }
}

#[hook]
pub fn use_validation(model: UseReducerHandle<Model>) -> Validations {
    let running: Rc<RefCell<Option<Running>>> = use_mut_ref(|| None);
    let last_tab: Rc<Cell<Option<i32>>> = (*use_memo((), |_| Rc::new(Cell::new(None)))).clone();
    let last_server: Rc<RefCell<String>> = use_mut_ref(String::new);
    let validations = Validations {
        model,
        running,
        last_tab,
        last_server,
    };
    {
        // Closing the popup aborts the request in flight.
        let running = validations.running.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(Running { abort, .. }) = running.borrow_mut().take() {
                    abort.cancel();
                }
            }
        });
    }
    validations
}
