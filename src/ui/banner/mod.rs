//! The in-page reminder, shown in an iframe that the content script places on GitHub's
//! token page. It never receives or shows the token itself.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::message::Message;
use crate::ui::popup::Shield;

#[component]
pub fn Banner() -> Html {
    let error = use_state(|| None::<String>);
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
        <section class="banner" data-testid="banner" data-state="unsaved"
            role="alert" aria-label="PAT Guard reminder">
            <Shield />
            <div class="banner-text">
                <strong>{ "Copy this token now." }</strong>
                { " GitHub shows a new token only once: save it in your password manager \
                   before you leave this page." }
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
