//! The reminder's side effects, one hook each: what it shows (from its URL fragment, which
//! the content script rewrites), fitting its frame to its content, and the check in place.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::github::Report;
use crate::message::{banner_live, BannerLive, BannerReply, BannerRequest};
use crate::page::{SaveState, Theme};

#[derive(Clone, PartialEq)]
pub enum Validation {
    Idle,
    Checking,
    Done(Rc<Report>),
    Failed(String),
}

/// Ask the content script (through the background) to make the frame fit the page.
fn fit_frame() {
    // The content's own height (the root element's would be at least the frame's).
    let height = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"))
        .map(|app| app.scroll_height())
        .unwrap_or(0);
    if height > 0 {
        browser::tell(BannerRequest::ResizeBanner {
            height: height as u32 + 4,
        });
    }
}

/// What the banner shows of the token: what the user did with it, which only ever moves
/// forward (acknowledging outranks copying), and its expiry once the page states it.
#[derive(PartialEq)]
pub struct Shown {
    pub state: SaveState,
    pub expires: Option<String>,
    /// GitHub's colour mode in the page (light when the page did not say).
    pub theme: Theme,
}

impl Reducible for Shown {
    type Action = BannerLive;

    fn reduce(self: Rc<Self>, live: BannerLive) -> Rc<Self> {
        let state = match live.state {
            SaveState::Copied => self.state.copied(),
            SaveState::Acknowledged => SaveState::Acknowledged,
            SaveState::Unsaved => self.state,
        };
        let expires = live.expires.or_else(|| self.expires.clone());
        let theme = live.theme.unwrap_or(self.theme);
        if state == self.state && expires == self.expires && theme == self.theme {
            self
        } else {
            Rc::new(Shown {
                state,
                expires,
                theme,
            })
        }
    }
}

/// What the banner's URL fragment says now.
fn live_from_location() -> BannerLive {
    let fragment = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    banner_live(&fragment)
}

/// What the reminder shows, kept up to date from its URL fragment: the content script says
/// what changed (a copy, the expiry) by rewriting it.
#[hook]
pub fn use_shown() -> UseReducerHandle<Shown> {
    let shown = use_reducer(|| {
        let live = live_from_location();
        Shown {
            state: live.state,
            expires: live.expires,
            theme: live.theme.unwrap_or_default(),
        }
    });
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            on_hash_change(move || shown.dispatch(live_from_location()))
        });
    }
    shown
}

/// Run `on_change` whenever the frame's URL fragment changes: the content script says what
/// changed by rewriting it. The listener lives as long as the frame.
fn on_hash_change(on_change: impl Fn() + 'static) {
    let on_hash = Closure::<dyn Fn()>::new(on_change);
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    }
    on_hash.forget();
}

/// Fit the frame to the reminder whenever its content changes size: a new state, the expiry
/// arriving, a card, a narrower window that wraps the text, a larger font.
#[hook]
pub fn use_fit_frame() {
    use_effect_with((), |_| {
        let app = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("app"));
        let on_resize = Closure::<dyn Fn()>::new(fit_frame);
        if let (Some(app), Ok(observer)) = (
            app,
            web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
        ) {
            observer.observe(&app);
        } else {
            fit_frame();
        }
        on_resize.forget(); // lives as long as the reminder
    });
}

/// A leak warning's state, kept up to date from its URL fragment (the content script
/// rewrites it as it holds a post, removes the secret or sees it posted).
#[hook]
pub fn use_leak_state() -> UseStateHandle<&'static str> {
    let fragment = || {
        web_sys::window()
            .and_then(|window| window.location().hash().ok())
            .unwrap_or_default()
    };
    let state = use_state(|| crate::message::leak_state(&fragment()));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            on_hash_change(move || state.set(crate::message::leak_state(&fragment())))
        });
    }
    state
}

/// Put GitHub's colour mode on the reminder's root, where the stylesheet reads it.
#[hook]
pub fn use_theme(theme: Theme) {
    use_effect_with(theme, |theme| {
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("data-theme", theme.code());
        }
    });
}

/// The check in place: its step, and what starts it (one at a time; "Check it" and "Try
/// again").
#[hook]
pub fn use_validation() -> (UseStateHandle<Validation>, Callback<()>) {
    let validation = use_state(|| Validation::Idle);
    let oncheck = {
        let validation = validation.clone();
        Callback::from(move |()| {
            if *validation == Validation::Checking {
                return;
            }
            validation.set(Validation::Checking);
            let validation = validation.clone();
            spawn_local(async move {
                let report =
                    browser::ask(&BannerRequest::CheckShownToken {}, |reply| match reply {
                        BannerReply::CheckResult { report } => Some(Rc::new(*report)),
                        BannerReply::Ack {} | BannerReply::LeakChecked { .. } => None,
                    });
                validation.set(match report.await {
                    Ok(report) => Validation::Done(report),
                    Err(why) => Validation::Failed(why.to_string()),
                });
            });
        })
    };
    (validation, oncheck)
}
