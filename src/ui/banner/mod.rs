//! The in-page reminder, shown in an iframe that the content script places on GitHub's
//! token page. It never receives or shows the token itself.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::message::banner_kind;
use crate::message::Message;
use crate::token::Kind;
use crate::ui::shield::Shield;

#[component]
pub fn Banner() -> Html {
    let error = use_state(|| None::<String>);
    // The content script names the kind in our URL; the token itself never reaches us.
    let kind = use_memo((), |_| {
        web_sys::window()
            .and_then(|window| window.location().search().ok())
            .and_then(|query| banner_kind(&query))
    });
    let (kind_code, what) = match *kind {
        Some(kind) if kind != Kind::NotAToken => (kind.code(), kind.label()),
        Some(kind) => (kind.code(), "secret"),
        None => ("", "token"),
    };
    let ondismiss = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let error = error.clone();
            spawn_local(async move {
                match browser::send_message(&Message::BannerDismissed {}).await {
                    Ok(Message::Ack {}) => {}
                    Ok(other) => error.set(Some(format!("unexpected answer: {other:?}"))),
                    Err(why) => error.set(Some(why.to_string())),
                }
            });
        })
    };
    html! {
        <section class="banner" data-testid="banner" data-state="unsaved" data-kind={kind_code}
            role="alert" aria-label="PAT Guard reminder">
            <Shield />
            <div class="banner-text">
                <strong>{ format!("Copy this {what} now.") }</strong>
                { " GitHub shows it only once: save it in your password manager before you \
                   leave this page." }
                if let Some(why) = &*error {
                    <span class="error" role="status">{ format!(" Could not close: {why}") }</span>
                }
            </div>
            <button type="button" class="ghost" data-testid="dismiss"
                aria-label="Dismiss this reminder" onclick={ondismiss}>
                { "Dismiss" }
            </button>
        </section>
    }
}
